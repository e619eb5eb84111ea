package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// printSimple returns what Print returns for n when n is plain: a word of
// literals of plain bytes (see parseSimple), a literal of them, or a
// simple command of such words on one line, or a statement that is only
// that command. ok is false for any other node, which the printer prints.
func printSimple(n syntax.Node) (s string, ok bool) {
	switch n := n.(type) {
	case *syntax.Lit:
		return n.Value, plainLit(n.Value)
	case *syntax.Word:
		return plainWord(n)
	case *syntax.CallExpr:
		return plainCall(n)
	case *syntax.Stmt:
		if len(n.Comments) > 0 || n.Semicolon.IsValid() || n.Negated || n.Background || n.Coprocess || n.Disown || len(n.Redirs) > 0 {
			return "", false
		}
		call, isCall := n.Cmd.(*syntax.CallExpr)
		if !isCall {
			return "", false
		}
		return plainCall(call)
	}
	return "", false
}

// plainCall is printSimple for a simple command.
func plainCall(c *syntax.CallExpr) (string, bool) {
	if len(c.Assigns) > 0 || len(c.Args) == 0 {
		return "", false
	}
	if len(c.Args) == 1 {
		return plainWord(c.Args[0])
	}
	line := c.Args[0].Pos().Line()
	var b strings.Builder
	for i, w := range c.Args {
		s, ok := plainWord(w)
		if !ok || w.Pos().Line() != line || w.End().Line() != line {
			return "", false
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// plainWord is printSimple for a word.
func plainWord(w *syntax.Word) (string, bool) {
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && plainLit(l.Value) {
			return l.Value, true
		}
	}
	return "", false
}

// plainLit reports whether s is made of plain bytes only.
func plainLit(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}
