package nix

import (
	"errors"
	"strings"
)

// readLiteral reads one Nix string literal ("..." or indented) at the start
// of src, the way Nix's lexer does, and returns its value. It is written
// for tests, to check the printer's escaping without the Nix evaluator;
// the evaluator itself checks the same cases where it is installed.
// Interpolations are errors: a literal printed from plain text has none.
func readLiteral(src string) (string, error) {
	switch {
	case strings.HasPrefix(src, `"`):
		return readDouble(src[1:])
	case strings.HasPrefix(src, "''"):
		return readIndented(src[2:])
	}
	return "", errors.New("not a string literal")
}

func readDouble(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			if i != len(s)-1 {
				return "", errors.New("text after the closing quote")
			}
			return b.String(), nil
		case '\\':
			if i+1 >= len(s) {
				return "", errors.New("unterminated escape")
			}
			i++
			b.WriteByte(unescape(s[i]))
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				return "", errors.New("unescaped ${ starts an interpolation")
			}
			b.WriteByte('$')
			// "$$" is one token: the second "$" is literal too.
			if i+1 < len(s) && s[i+1] == '$' {
				b.WriteByte('$')
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", errors.New("unterminated string")
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return c
}

// readIndented reads the body of an indented string after the two single
// quotes that open it.
func readIndented(s string) (string, error) {
	// Find the closing '' while keeping the raw body, so that indentation
	// can be stripped before escapes are decoded, as Nix does.
	end := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '{' {
			return "", errors.New("unescaped ${ starts an interpolation")
		}
		if s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'' {
			if i+2 < len(s) && (s[i+2] == '\'' || s[i+2] == '$') {
				i += 2
				continue
			}
			if i+2 < len(s) && s[i+2] == '\\' {
				i += 3
				continue
			}
			end = i
			break
		}
	}
	if end < 0 {
		return "", errors.New("unterminated indented string")
	}
	if strings.TrimSpace(s[end+2:]) != "" && !strings.HasPrefix(s[end+2:], ";") {
		return "", errors.New("text after the closing ''")
	}
	lines := strings.Split(s[:end], "\n")
	if len(lines) > 1 && strings.Trim(lines[0], " ") == "" {
		lines = lines[1:]
	}
	if n := len(lines); n > 0 && strings.Trim(lines[n-1], " ") == "" {
		lines[n-1] = ""
	}
	minIndent := -1
	for _, l := range lines {
		if strings.Trim(l, " ") == "" {
			continue
		}
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if minIndent < 0 || ind < minIndent {
			minIndent = ind
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		strip := minIndent
		if lead := len(l) - len(strings.TrimLeft(l, " ")); lead < strip {
			strip = lead
		}
		if strip > 0 {
			l = l[strip:]
		}
		for j := 0; j < len(l); j++ {
			if l[j] == '\'' && j+2 < len(l) && l[j+1] == '\'' {
				switch l[j+2] {
				case '\'':
					b.WriteString("''")
					j += 2
					continue
				case '$':
					b.WriteByte('$')
					j += 2
					continue
				case '\\':
					if j+3 < len(l) {
						b.WriteByte(unescape(l[j+3]))
						j += 3
						continue
					}
				}
			}
			b.WriteByte(l[j])
		}
	}
	return b.String(), nil
}
