package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Most commands are simple commands of plain words, such as "npm run dev"
// or "./bin/server --port=3000", one or a few lines of them, and the
// parser is the most expensive step of reading them. parseSimple builds
// the tree the parser makes of such a command itself, node for node and
// position for position.

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

// parseSimple returns the tree the parser makes of src when src is plain:
// lines of words of plain bytes separated by spaces and tabs, the first
// word of each line not a keyword and without "=" (it would be an
// assignment, or read as one). Each line that has a word is a statement,
// a simple command. ok is false for any other src, which is left to the
// parser.
func parseSimple(src string) (f *syntax.File, ok bool) {
	if len(src) > MaxLen {
		return nil, false
	}
	words, stmts := 0, 0
	lineStart := true // no word yet on this line
	for i := 0; i < len(src); {
		switch src[i] {
		case ' ', '\t':
			i++
			continue
		case '\n':
			lineStart = true
			i++
			continue
		}
		start := i
		for i < len(src) && plainByte[src[i]] {
			i++
		}
		if i == start || i < len(src) && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' {
			return nil, false // a byte that is neither plain nor blank
		}
		if lineStart {
			if name := src[start:i]; keywords[name] || strings.IndexByte(name, '=') >= 0 {
				return nil, false
			}
			lineStart = false
			stmts++
		}
		words++
	}
	if words == 0 {
		return &syntax.File{}, true
	}

	// The nodes, allocated together: the file with its first statement,
	// the other statements, and the words.
	first := &struct {
		file  syntax.File
		stmts [1]*syntax.Stmt
		stmt  stmtNode
	}{}
	f = &first.file
	f.Stmts = first.stmts[:]
	var ss []stmtNode // the statements after the first
	if stmts > 1 {
		f.Stmts = make([]*syntax.Stmt, stmts)
		ss = make([]stmtNode, stmts-1)
	}
	ws := make([]wordNode, words)
	args := make([]*syntax.Word, words)
	n, line, lineOffset := 0, 1, 0
	var call *syntax.CallExpr
	stmt := -1
	lineStart = true
	for i := 0; i < len(src); {
		switch src[i] {
		case ' ', '\t':
			i++
			continue
		case '\n':
			if n > 0 { // the end of a statement
				call.Args, args, ws, n = args[:n:n], args[n:], ws[n:], 0
			}
			i++
			line, lineOffset, lineStart = line+1, i, true
			continue
		}
		start := i
		for i < len(src) && plainByte[src[i]] {
			i++
		}
		w := &ws[n]
		w.lit = syntax.Lit{ValuePos: pos(start, line, lineOffset), ValueEnd: pos(i, line, lineOffset), Value: src[start:i]}
		w.part[0] = &w.lit
		w.word.Parts = w.part[:]
		args[n] = &w.word
		if lineStart {
			lineStart = false
			stmt++
			sn := &first.stmt
			if stmt > 0 {
				sn = &ss[stmt-1]
			}
			call = &sn.call
			sn.stmt.Position = w.lit.ValuePos
			sn.stmt.Cmd = call
			f.Stmts[stmt] = &sn.stmt
		}
		n++
	}
	if n > 0 {
		call.Args = args[:n:n]
	}
	return f, true
}

// stmtNode is a statement of a plain command with its simple command.
type stmtNode struct {
	stmt syntax.Stmt
	call syntax.CallExpr
}

// wordNode is a word of a plain command with its one part, a literal.
type wordNode struct {
	word syntax.Word
	part [1]syntax.WordPart
	lit  syntax.Lit
}

// pos returns the parser's position of the byte at offset, on the line
// given by its number and the offset it starts at.
func pos(offset, line, lineOffset int) syntax.Pos {
	return syntax.NewPos(uint(offset), uint(line), uint(offset-lineOffset)+1)
}
