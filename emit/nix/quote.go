package nix

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// keywords are the Nix words that cannot be attribute names unquoted;
// isKeyword tells them.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "assert": true, "with": true,
	"let": true, "in": true, "rec": true, "inherit": true, "or": true,
}

// IsIdent reports whether name can be written as an attribute name without
// quotes: it matches [A-Za-z_][A-Za-z0-9_'-]* and is not a keyword.
func IsIdent(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '\'' || c == '-'):
		default:
			return false
		}
	}
	return !isKeyword(name)
}

// isKeyword reports whether name is one of keywords, as a switch, which
// is faster than the map.
func isKeyword(name string) bool {
	switch name {
	case "if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or":
		return true
	}
	return false
}

// checkString returns an error for text a Nix file cannot hold: a NUL
// byte (Nix strings end there), or invalid UTF-8 (the file is text).
func checkString(s string) error {
	if plainText(s) {
		return nil
	}
	return checkStringSlow(s)
}

// plainText reports whether s is ASCII without a NUL byte, which a Nix
// file can hold, looking at eight bytes at a time: most text is.
func plainText(s string) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	for len(s) >= 8 {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		// A byte of x from 1 to 0x7f leaves the high bit of its byte
		// of x-lo and of x clear; a NUL or a byte from 0x80 sets one.
		if ((x-lo)|x)&hi != 0 {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkStringSlow is checkString for text that is not plain.
func checkStringSlow(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("nix: a string cannot hold a NUL byte: %q", s)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("nix: a string must be valid UTF-8: %q", s)
	}
	return nil
}

// appendAttrName appends name to b as an attribute name: bare when it is
// an identifier, quoted otherwise.
func appendAttrName(b []byte, name string) []byte {
	if IsIdent(name) {
		return append(b, name...)
	}
	return appendQuoted(b, name)
}

// appendQuoted appends s to b as a "..." literal. A NUL byte, which Nix
// cannot hold, is dropped here; str reports it as an error first.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s)
	return append(b, '"')
}

// escapedInDouble holds the bytes appendEscaped changes.
var escapedInDouble = [256]bool{'\\': true, '"': true, '\n': true, '\r': true, '\t': true, '$': true, 0: true}

// appendEscaped appends s to b as the inside of a "..." literal: \\, \",
// \n, \r and \t escaped, and $ when { follows it. A NUL byte is dropped.
// It scans s once, appending the runs of bytes that are their own escape
// as they are.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !escapedInDouble[c] {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				b = append(b, `\$`...)
			} else {
				b = append(b, '$')
			}
		case 0:
			// Unrepresentable; see str.
		}
	}
	return append(b, s[start:]...)
}

// multiline reports whether s prints as an indented string (the kind
// that two single quotes open and close).
func multiline(s *String) bool {
	switch {
	case len(s.Parts) == 0:
		return indentedOK("")
	case len(s.Parts) == 1 && s.Parts[0].Interp == nil:
		return indentedOK(s.Parts[0].Lit)
	}
	// Decide on the literal parts alone, an interpolation counting as
	// one character.
	n := 0
	for _, part := range s.Parts {
		n += len(part.Lit) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, part := range s.Parts {
		if part.Interp == nil {
			b.WriteString(part.Lit)
		} else {
			b.WriteString("x")
		}
	}
	return indentedOK(b.String())
}

// indentedOK reports whether text can be written as an indented string
// whose value is exactly text. The rules were checked against the Nix
// evaluator: the text must span lines and end in a newline; it must hold
// no carriage return (CRs are normalised); no line may be spaces only
// (such lines come out empty); at least one line must start without a
// space (Nix strips the common indentation of spaces); and no ' may
// precede ${ (it would merge with the escape). Tabs are content: they do
// not count as indentation, and the printer puts its indentation of
// spaces before every line, so a tab at the start of a line stays.
func indentedOK(text string) bool {
	if !strings.Contains(text, "\n") || !strings.HasSuffix(text, "\n") {
		return false
	}
	if strings.ContainsAny(text, "\r\x00") || strings.Contains(text, "'${") {
		return false
	}
	flush := false
	for rest := strings.TrimSuffix(text, "\n"); ; {
		line, after, more := strings.Cut(rest, "\n")
		if line != "" {
			if strings.TrimLeft(line, " ") == "" {
				return false
			}
			if line[0] != ' ' {
				flush = true
			}
		}
		if !more {
			break
		}
		rest = after
	}
	return flush
}

// str prints a string literal: an indented string when its content
// allows, and "..." otherwise.
func (p *printer) str(s *String) {
	for _, part := range s.Parts {
		if err := checkString(part.Lit); part.Interp == nil && err != nil {
			p.fail(err)
			return
		}
	}
	if multiline(s) {
		p.indented(s)
		return
	}
	p.buf.WriteByte('"')
	for i, part := range s.Parts {
		if part.Interp != nil {
			p.interp(part.Interp)
			continue
		}
		if dollarBeforeInterp(s.Parts, i) {
			// "$${" would be read as a literal; escape the "$". The
			// escape of the text before it is that of the text before
			// it in the whole part, since the "$" is no "{".
			lit := part.Lit[:len(part.Lit)-1]
			p.buf.Write(appendEscaped(p.buf.AvailableBuffer(), lit))
			p.buf.WriteString(`\$`)
			continue
		}
		p.buf.Write(appendEscaped(p.buf.AvailableBuffer(), part.Lit))
	}
	p.buf.WriteByte('"')
}

// dollarBeforeInterp reports whether literal part i ends in "$" and an
// interpolation follows it.
func dollarBeforeInterp(parts []Part, i int) bool {
	return strings.HasSuffix(parts[i].Lit, "$") && i+1 < len(parts) && parts[i+1].Interp != nil
}

func (p *printer) interp(e Expr) {
	p.buf.WriteString("${")
	p.expr(e, false)
	p.buf.WriteByte('}')
}

// indented prints s as an indented string, one level deeper than the
// current line.
func (p *printer) indented(s *String) {
	p.buf.WriteString("''")
	p.indent++
	atLineStart := true
	for i, part := range s.Parts {
		if part.Interp != nil {
			if atLineStart {
				p.newline()
				atLineStart = false
			}
			p.interp(part.Interp)
			continue
		}
		text := part.Lit
		for len(text) > 0 {
			line, rest, hasNL := strings.Cut(text, "\n")
			if atLineStart && line != "" {
				p.newline()
			} else if atLineStart {
				p.buf.WriteByte('\n')
			}
			p.buf.Write(appendEscapedIndented(p.buf.AvailableBuffer(), line))
			if !hasNL && dollarBeforeInterp(s.Parts, i) {
				// The line ends in "$", which is its own escape:
				// escape it as "''$" instead.
				p.buf.Truncate(p.buf.Len() - 1)
				p.buf.WriteString("''$")
			}
			atLineStart = hasNL
			text = rest
			if !hasNL {
				break
			}
		}
	}
	p.indent--
	p.newline()
	p.buf.WriteString("''")
}

// appendEscapedIndented appends one line of an indented string to b,
// escaped:
//
//	''  becomes  '''
//	${  becomes  ''${
func appendEscapedIndented(b []byte, line string) []byte {
	if !strings.Contains(line, "''") && !strings.Contains(line, "${") {
		return append(b, line...)
	}
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\'' && i+1 < len(line) && line[i+1] == '\'':
			b = append(b, "'''"...)
			i++
		case line[i] == '$' && i+1 < len(line) && line[i+1] == '{':
			b = append(b, "''${"...)
			i++
		default:
			b = append(b, line[i])
		}
	}
	return b
}

var pathRE = lazyre.New(`^[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*/?$`)

// pathLiteral returns the path literal for P (see Path), and true, when P
// is valid path syntax: ./P relative to the file, /P absolute. Otherwise
// it returns the path to add to ./. or /. as a string, and false.
func pathLiteral(p string) (string, bool) {
	if strings.HasPrefix(p, "/") {
		abs := strings.Trim(p, "/")
		switch {
		case abs == "":
			return "/.", true
		case pathRE.MatchString(abs):
			return "/" + abs, true
		}
		return "/" + abs, false
	}
	rel := strings.TrimPrefix(p, "./")
	switch {
	case rel == "" || rel == ".":
		return "./.", true
	case pathRE.MatchString(rel) && !strings.HasSuffix(rel, "/"):
		return "./" + rel, true
	}
	return "/" + strings.TrimSuffix(rel, "/"), false
}

// path prints a path: as a literal when it is valid path syntax, and as
// ./. + "/P" (or /. + "/P") otherwise.
func (p *printer) path(path string) {
	lit, ok := pathLiteral(path)
	switch {
	case ok:
		p.buf.WriteString(lit)
	case strings.HasPrefix(path, "/"):
		p.buf.WriteString("/. + ")
		p.str(Str(lit))
	default:
		p.buf.WriteString("./. + ")
		p.str(Str(lit))
	}
}
