package shell

import "mvdan.cc/sh/v3/syntax"

// Most commands are one simple command of plain words, such as "npm run
// dev" or "./bin/server --port=3000", and the parser is the most expensive
// step of reading them. parseSimple builds the tree the parser makes of
// such a command itself, node for node and position for position.

// plainByte says which bytes a word of a plain command may hold: letters,
// digits and -_./=:,@%+, none of which bash gives a meaning outside
// brackets, quotes or expansions.
var plainByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-_./=:,@%+" {
		t[c] = true
	}
	return t
}()

// keywords are the words that make the parser read a statement as
// something other than a simple command when they come first, or refuse
// it, and that plain bytes can spell.
var keywords = map[string]bool{
	"if": true, "then": true, "elif": true, "fi": true,
	"while": true, "until": true, "for": true, "do": true, "done": true,
	"case": true, "esac": true, "select": true,
	"function": true, "time": true, "coproc": true, "let": true,
	"declare": true, "local": true, "export": true, "readonly": true, "typeset": true, "nameref": true,
}

// parseSimple returns the tree the parser makes of src when src is a
// plain command: words of plain bytes separated by spaces and tabs, the
// first of which is not a keyword and holds no "=" (it would be an
// assignment, or read as one). ok is false for any other src, which is
// left to the parser.
func parseSimple(src string) (f *syntax.File, ok bool) {
	if len(src) > MaxLen {
		return nil, false
	}
	words := 0
	first, firstEnd := -1, -1
	for i := 0; i < len(src); {
		c := src[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		start := i
		for i < len(src) && plainByte[src[i]] {
			i++
		}
		if i == start || i < len(src) && src[i] != ' ' && src[i] != '\t' {
			return nil, false // a byte that is neither plain nor blank
		}
		if words == 0 {
			first, firstEnd = start, i
		}
		words++
	}
	if words == 0 {
		return &syntax.File{}, true
	}
	name := src[first:firstEnd]
	if keywords[name] {
		return nil, false
	}
	for i := 0; i < len(name); i++ {
		if name[i] == '=' {
			return nil, false
		}
	}

	// The nodes, allocated together.
	var one struct {
		file  syntax.File
		stmt  syntax.Stmt
		call  syntax.CallExpr
		stmts [1]*syntax.Stmt
	}
	lits := make([]syntax.Lit, words)
	ws := make([]syntax.Word, words)
	parts := make([]syntax.WordPart, words)
	args := make([]*syntax.Word, words)
	n := 0
	for i := 0; i < len(src); {
		if c := src[i]; c == ' ' || c == '\t' {
			i++
			continue
		}
		start := i
		for i < len(src) && plainByte[src[i]] {
			i++
		}
		lits[n] = syntax.Lit{ValuePos: pos(start), ValueEnd: pos(i), Value: src[start:i]}
		parts[n] = &lits[n]
		ws[n].Parts = parts[n : n+1 : n+1]
		args[n] = &ws[n]
		n++
	}
	one.call.Args = args
	one.stmt.Cmd = &one.call
	one.stmt.Position = lits[0].ValuePos
	one.stmts[0] = &one.stmt
	one.file.Stmts = one.stmts[:]
	return &one.file, true
}

// pos returns the parser's position of the byte at offset in a command of
// one line.
func pos(offset int) syntax.Pos {
	return syntax.NewPos(uint(offset), 1, uint(offset)+1)
}
