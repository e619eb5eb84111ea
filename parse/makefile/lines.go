package makefile

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// mkLexer splits a makefile into logical lines the way GNU make reads
// them: a backslash at the end of a line continues it; outside recipes the
// backslash-newline and the whitespace around it become one space and an
// unescaped "#" starts a comment; in recipes both are kept for the shell,
// and a recipe prefix at the start of a continuation line is dropped.
type mkLexer struct {
	file  string
	lines []string
	i     int // the next physical line
	// prefix starts recipe lines: a tab unless .RECIPEPREFIX says
	// otherwise.
	prefix byte
	// fixed, when valid, is the position of every line: text given to
	// $(eval …) is reported where the eval is.
	fixed ir.Pos
}

// mkLine is one logical line.
type mkLine struct {
	// text is the line without its comment, continuations joined.
	text string
	// comment is the text after the "#" that starts the comment, when
	// hasComment is set.
	comment    string
	hasComment bool
	// recipe says the line starts with the recipe prefix (removed from
	// text) and was read as a recipe line.
	recipe bool
	pos    ir.Pos
	segs   []lineSeg
}

// lineSeg maps an offset of a logical line back to a physical position.
type lineSeg struct {
	off, line, col int
}

func newMkLexer(file string, src string) *mkLexer {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.Split(src, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	return &mkLexer{file: file, lines: lines, prefix: '\t'}
}

// at returns the position of offset off of l.
func (l *mkLine) at(off int) ir.Pos {
	if len(l.segs) == 0 {
		return l.pos
	}
	s := l.segs[0]
	for _, t := range l.segs[1:] {
		if t.off > off {
			break
		}
		s = t
	}
	col := s.col + off - s.off
	if col < 1 {
		col = 1
	}
	return ir.Pos{File: l.pos.File, Line: s.line, Col: col}
}

// continued reports whether s ends in an odd number of backslashes.
func continued(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// done reports whether every line has been read.
func (lx *mkLexer) done() bool { return lx.i >= len(lx.lines) }

// peekRecipe reports whether the next physical line starts with the
// recipe prefix.
func (lx *mkLexer) peekRecipe() bool {
	return !lx.done() && len(lx.lines[lx.i]) > 0 && lx.lines[lx.i][0] == lx.prefix
}

// recipeLine reads the next line as a recipe line: the prefix removed,
// continuation lines joined with their backslash-newline kept.
func (lx *mkLexer) recipeLine() mkLine {
	lineNo := lx.i + 1
	first := lx.lines[lx.i][1:]
	lx.i++
	l := mkLine{recipe: true, pos: ir.Pos{File: lx.file, Line: lineNo, Col: 2}}
	l.segs = append(l.segs, lineSeg{0, lineNo, 2})
	var b strings.Builder
	b.WriteString(first)
	for continued(b.String()) && !lx.done() {
		next := lx.lines[lx.i]
		col := 1
		if len(next) > 0 && next[0] == lx.prefix {
			next = next[1:]
			col = 2
		}
		b.WriteByte('\n')
		l.segs = append(l.segs, lineSeg{b.Len(), lx.i + 1, col})
		b.WriteString(next)
		lx.i++
	}
	l.text = b.String()
	if lx.fixed.IsValid() {
		l.pos, l.segs = lx.fixed, nil
	}
	return l
}

// joined reads the next logical line with continuations collapsed as make
// does outside recipes, without removing comments. raw is the first
// physical line as written.
func (lx *mkLexer) joined() (text string, pos ir.Pos, segs []lineSeg) {
	lineNo := lx.i + 1
	pos = ir.Pos{File: lx.file, Line: lineNo, Col: 1}
	cur := lx.lines[lx.i]
	lx.i++
	segs = []lineSeg{{0, lineNo, 1}}
	var b strings.Builder
	for continued(cur) && !lx.done() {
		cur = strings.TrimRight(cur[:len(cur)-1], " \t")
		b.WriteString(cur)
		b.WriteByte(' ')
		next := lx.lines[lx.i]
		trimmed := strings.TrimLeft(next, " \t")
		segs = append(segs, lineSeg{b.Len(), lx.i + 1, len(next) - len(trimmed) + 1})
		lx.i++
		cur = trimmed
	}
	if continued(cur) {
		// A backslash on the last line continues into nothing.
		cur = cur[:len(cur)-1]
	}
	b.WriteString(cur)
	if lx.fixed.IsValid() {
		return b.String(), lx.fixed, nil
	}
	return b.String(), pos, segs
}

// line reads the next line outside a recipe: continuations collapsed and
// the comment split off.
func (lx *mkLexer) line() mkLine {
	text, pos, segs := lx.joined()
	l := mkLine{pos: pos, segs: segs}
	l.text, l.comment, l.hasComment = stripComment(text)
	return l
}

// stripComment splits s at its first unescaped "#". A backslash before
// "#" escapes it and is removed; an even run of backslashes before "#"
// is halved and the "#" starts the comment, as in make.
func stripComment(s string) (text, comment string, ok bool) {
	if !strings.Contains(s, "#") {
		return s, "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' {
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			if j < len(s) && s[j] == '#' {
				n := j - i
				b.WriteString(strings.Repeat(`\`, n/2))
				if n%2 == 1 {
					b.WriteByte('#')
					i = j
					continue
				}
				return b.String(), s[j+1:], true
			}
			b.WriteString(s[i:j])
			i = j - 1
			continue
		}
		if c == '#' {
			return b.String(), s[i+1:], true
		}
		b.WriteByte(c)
	}
	return b.String(), "", false
}
