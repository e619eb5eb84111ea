package nixcheck

import (
	"fmt"
	"strings"
)

// tokKind is the kind of a token.
type tokKind int

const (
	tEOF tokKind = iota
	tID
	tInt
	tFloat
	tPath     // ./x, /x, a/b
	tString   // "..." or ''...'': value in parts
	tPunct    // { } [ ] ( ) = ; . : , + ...
	tEllipsis // ...
)

// token is one token of a Nix file.
type token struct {
	kind  tokKind
	text  string // the source text (for strings: the whole literal)
	parts []part // a string's value
	off   int
}

// part is literal text or an interpolation of a string.
type part struct {
	lit    string
	interp Expr
	isLit  bool
}

// lexer splits a Nix file into tokens by the rules of Nix's lexer
// (src/libexpr/lexer.l), for the tokens pc2devenv's printer writes.
// Strings are read as the lexer and the parser's indentation stripping
// read them; their interpolations are parsed as expressions.
type lexer struct {
	src string
	pos int
	// comments holds the text of every # comment, without the "#".
	comments []string
}

func (l *lexer) errorf(format string, args ...any) error {
	line := 1 + strings.Count(l.src[:min(l.pos, len(l.src))], "\n")
	return fmt.Errorf("nix: line %d (offset %d): %s", line, l.pos, fmt.Sprintf(format, args...))
}

func isIDStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isIDChar(c byte) bool  { return isIDStart(c) || '0' <= c && c <= '9' || c == '\'' || c == '-' }
func isDigit(c byte) bool   { return '0' <= c && c <= '9' }
func isPathChar(c byte) bool {
	return isIDStart(c) || isDigit(c) || c == '.' || c == '-' || c == '+'
}

// skip skips white space ([ \t\r\n]) and comments.
func (l *lexer) skip() error {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			l.pos++
		case c == '#':
			end := strings.IndexAny(l.src[l.pos:], "\r\n")
			if end < 0 {
				end = len(l.src) - l.pos
			}
			l.comments = append(l.comments, l.src[l.pos+1:l.pos+end])
			l.pos += end
		case c == '/' && strings.HasPrefix(l.src[l.pos:], "/*"):
			end := strings.Index(l.src[l.pos+2:], "*/")
			if end < 0 {
				return l.errorf("unterminated /* comment")
			}
			l.pos += end + 4
		default:
			return nil
		}
	}
	return nil
}

// pathAt returns the length of the path token at the start of s, or 0:
// [a-zA-Z0-9._+-]*(/[a-zA-Z0-9._+-]+)+/? as Nix's PATH rule reads it.
func pathAt(s string) int {
	i := 0
	for i < len(s) && isPathChar(s[i]) {
		i++
	}
	n := 0
	for i < len(s) && s[i] == '/' {
		j := i + 1
		for j < len(s) && isPathChar(s[j]) {
			j++
		}
		if j == i+1 {
			break
		}
		i, n = j, j
	}
	if n > 0 && n < len(s) && s[n] == '/' {
		n++ // a trailing slash (Nix rejects it at parse time; see next)
	}
	return n
}

// next returns the next token.
func (l *lexer) next(p *parser) (token, error) {
	if err := l.skip(); err != nil {
		return token{}, err
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tEOF, off: start}, nil
	}
	s := l.src[l.pos:]
	c := s[0]
	if n := pathAt(s); n > 0 {
		if s[n-1] == '/' {
			return token{}, l.errorf("path %q has a trailing slash", s[:n])
		}
		l.pos += n
		return token{kind: tPath, text: s[:n], off: start}, nil
	}
	switch {
	case strings.HasPrefix(s, "..."):
		l.pos += 3
		return token{kind: tEllipsis, text: "...", off: start}, nil
	case isIDStart(c):
		i := 1
		for i < len(s) && isIDChar(s[i]) {
			i++
		}
		if i < len(s) && s[i] == ':' && i+1 < len(s) && isURIChar(s[i+1]) {
			// A URI is a string literal to Nix.
			j := i + 1
			for j < len(s) && isURIChar(s[j]) {
				j++
			}
			l.pos += j
			return token{kind: tString, text: s[:j], parts: []part{{lit: s[:j], isLit: true}}, off: start}, nil
		}
		l.pos += i
		return token{kind: tID, text: s[:i], off: start}, nil
	case isDigit(c) || c == '.' && len(s) > 1 && isDigit(s[1]):
		return l.number(s, start)
	case c == '"':
		l.pos++
		parts, err := l.doubleString(p)
		return token{kind: tString, text: l.src[start:l.pos], parts: parts, off: start}, err
	case strings.HasPrefix(s, "''"):
		l.pos += 2
		parts, err := l.indentedString(p)
		return token{kind: tString, text: l.src[start:l.pos], parts: parts, off: start}, err
	case strings.ContainsRune("{}[]()=;.:,+?@!<>-*/&|", rune(c)):
		l.pos++
		return token{kind: tPunct, text: s[:1], off: start}, nil
	}
	return token{}, l.errorf("unexpected character %q", c)
}

// isURIChar reports whether c may follow the scheme of a URI:
// [a-zA-Z0-9%/?:@&=+$,\-_.!~*'].
func isURIChar(c byte) bool {
	return isIDStart(c) || isDigit(c) || strings.IndexByte("%/?:@&=+$,-_.!~*'", c) >= 0
}

// number reads an INT ([0-9]+) or a FLOAT
// ((([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?).
func (l *lexer) number(s string, start int) (token, error) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' && (i == 0 || s[0] != '0' || i == 1) {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if s[0] == '0' && i == 1 && j == i+1 {
			// "0." is not a float.
		} else {
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && isDigit(s[k]) {
					for k < len(s) && isDigit(s[k]) {
						k++
					}
					j = k
				}
			}
			l.pos += j
			return token{kind: tFloat, text: s[:j], off: start}, nil
		}
	}
	l.pos += i
	return token{kind: tInt, text: s[:i], off: start}, nil
}

// stringParts collects the parts of a string literal: runs of text, each
// ended by an interpolation or the literal's end, and interpolations.
type stringParts struct {
	strings.Builder // the pending text
	parts           []part
}

// flush ends the pending text, if any, as a part.
func (b *stringParts) flush() {
	if b.Len() > 0 {
		b.parts = append(b.parts, part{lit: b.String(), isLit: true})
		b.Reset()
	}
}

// interpolation ends the pending text and reads an interpolation with p,
// after its "${".
func (b *stringParts) interpolation(p *parser) error {
	b.flush()
	e, err := p.interpolation()
	if err != nil {
		return err
	}
	b.parts = append(b.parts, part{interp: e})
	return nil
}

// doubleString reads the body of a "..." string after its opening quote.
func (l *lexer) doubleString(p *parser) ([]part, error) {
	var b stringParts
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '"':
			l.pos++
			b.flush()
			return b.parts, nil
		case c == '\\':
			if l.pos+1 >= len(l.src) {
				return nil, l.errorf("unterminated escape")
			}
			b.WriteString(unescape(l.src[l.pos+1]))
			l.pos += 2
		case c == '$' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '{':
			l.pos += 2
			if err := b.interpolation(p); err != nil {
				return nil, err
			}
		case c == '$' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '$':
			// "$$" is one piece of text: the "{" after it is literal.
			b.WriteString("$$")
			l.pos += 2
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return nil, l.errorf("unterminated string")
}

func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	}
	return string(c)
}

// indentedString reads the body of an indented string after its opening
// ”, and strips its indentation as Nix's parser does.
func (l *lexer) indentedString(p *parser) ([]part, error) {
	// The opening '' takes spaces and a newline right after it.
	if i := strings.IndexByte(l.src[l.pos:], '\n'); i >= 0 && strings.Trim(l.src[l.pos:l.pos+i], " ") == "" {
		l.pos += i + 1
	}
	var b stringParts
	for l.pos < len(l.src) {
		s := l.src[l.pos:]
		switch {
		case strings.HasPrefix(s, "'''"):
			b.WriteString("''")
			l.pos += 3
		case strings.HasPrefix(s, "''$"):
			b.WriteString("$")
			l.pos += 3
		case strings.HasPrefix(s, "''\\"):
			if len(s) < 4 {
				return nil, l.errorf("unterminated escape")
			}
			b.WriteString(unescape(s[3]))
			l.pos += 4
		case strings.HasPrefix(s, "''"):
			l.pos += 2
			b.flush()
			return stripIndentation(b.parts), nil
		case strings.HasPrefix(s, "${"):
			l.pos += 2
			if err := b.interpolation(p); err != nil {
				return nil, err
			}
		case strings.HasPrefix(s, "$$"):
			b.WriteString("$$")
			l.pos += 2
		default:
			b.WriteByte(s[0])
			l.pos++
		}
	}
	return nil, l.errorf("unterminated indented string")
}

// stripIndentation removes the common indentation of spaces of an
// indented string's lines, and its last line when that holds only spaces,
// as Nix's parser does (stripIndentation in parser.y).
func stripIndentation(parts []part) []part {
	minIndent, cur, atStart := 1<<30, 0, true
	for _, p := range parts {
		if !p.isLit {
			if atStart {
				atStart = false
				minIndent = min(minIndent, cur)
			}
			continue
		}
		for i := 0; i < len(p.lit); i++ {
			c := p.lit[i]
			switch {
			case atStart && c == ' ':
				cur++
			case atStart && c == '\n':
				cur = 0
			case atStart:
				atStart = false
				minIndent = min(minIndent, cur)
			case c == '\n':
				atStart, cur = true, 0
			}
		}
	}
	var out []part
	atStart = true
	dropped := 0
	for i, p := range parts {
		if !p.isLit {
			atStart, dropped = false, 0
			out = append(out, p)
			continue
		}
		var b strings.Builder
		for j := 0; j < len(p.lit); j++ {
			c := p.lit[j]
			switch {
			case atStart && c == ' ':
				if dropped >= minIndent {
					b.WriteByte(c)
				}
				dropped++
			case atStart && c == '\n':
				dropped = 0
				b.WriteByte(c)
			case atStart:
				atStart, dropped = false, 0
				b.WriteByte(c)
			default:
				b.WriteByte(c)
				if c == '\n' {
					atStart = true
				}
			}
		}
		s := b.String()
		if i == len(parts)-1 {
			if k := strings.LastIndexByte(s, '\n'); k >= 0 && strings.Trim(s[k+1:], " ") == "" {
				s = s[:k+1]
			}
		}
		out = append(out, part{lit: s, isLit: true})
	}
	return out
}
