package compose

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/pc2devenv/pc2devenv/ir"
)

// A Var is one variable of a .env file or an env_file.
type Var struct {
	Name string
	// Value is the variable's value as compose-go reads it. Converters
	// use it to decide things (an image tag, a port number), never copy
	// it into their output.
	Value string
	// Inherited is set for a line that names a variable without "=":
	// compose takes its value from the environment, when set there.
	Inherited bool
	// Refs names the variables the value as written refers to, which
	// compose substitutes when it reads the file.
	Refs []string
	Pos  ir.Pos
}

// readDotenv reads a .env file or env_file as compose-go's dotenv package
// does: KEY=VALUE and KEY: VALUE lines, "export " prefixes, # comments,
// unquoted values to the end of the line (cut at " #"), single-quoted
// values literal, double-quoted values with escapes, and ${...}
// interpolation in unquoted and double-quoted values from lookup and the
// variables read before. A line holding a name alone is an inherited
// variable. It returns the variables in file order (a repeated name
// keeps its last value at its first place) or an error diagnostic.
func readDotenv(file string, src []byte, lookup lookupFunc) ([]Var, *ir.Diagnostic) {
	s := strings.TrimPrefix(string(src), "\ufeff")
	p := dotenvParser{file: file, src: s, line: 1, index: map[string]int{}, lookup: lookup}
	if d := p.parse(); d != nil {
		return p.vars, d
	}
	return p.vars, nil
}

type dotenvParser struct {
	file   string
	src    string
	off    int // offset of the rest of src
	line   int
	vars   []Var
	index  map[string]int
	lookup lookupFunc
	// refs names the variables the last value read referred to.
	refs []string
}

func (p *dotenvParser) errorf(format string, args ...any) *ir.Diagnostic {
	return &ir.Diagnostic{Pos: ir.Pos{File: p.file, Line: p.line}, Severity: ir.Error, ID: ir.IDComposeDotenv,
		Message: fmt.Sprintf(format, args...) + "; docker compose refuses the file"}
}

// get looks a name up among the variables read so far, then in lookup.
func (p *dotenvParser) get(name string) (string, bool) {
	if p.lookup != nil {
		if v, ok := p.lookup(name); ok {
			return v, true
		}
	}
	if i, ok := p.index[name]; ok && !p.vars[i].Inherited {
		return p.vars[i].Value, true
	}
	return "", false
}

func (p *dotenvParser) set(v Var) {
	if i, ok := p.index[v.Name]; ok {
		p.vars[i].Value, p.vars[i].Inherited, p.vars[i].Refs = v.Value, v.Inherited, v.Refs
		return
	}
	p.index[v.Name] = len(p.vars)
	p.vars = append(p.vars, v)
}

func (p *dotenvParser) parse() *ir.Diagnostic {
	cut := p.src
	for {
		cut = p.statementStart(cut)
		if cut == "" {
			return nil
		}
		startLine := p.line
		consumed := len(p.src) - len(cut)
		col := consumed - strings.LastIndexByte(p.src[:consumed], '\n')
		pos := ir.Pos{File: p.file, Line: startLine, Col: col}
		key, left, inherited, d := p.keyName(cut)
		if d != nil {
			return d
		}
		if strings.Contains(key, " ") {
			return p.errorf("the name %q holds a space", key)
		}
		if inherited {
			v, ok := p.get(key)
			if ok {
				p.set(Var{Name: key, Value: v, Pos: pos})
			} else {
				p.set(Var{Name: key, Inherited: true, Pos: pos})
			}
			cut = left
			continue
		}
		p.refs = nil
		value, rest, d := p.value(left)
		if d != nil {
			return d
		}
		p.set(Var{Name: key, Value: value, Refs: p.refs, Pos: pos})
		cut = rest
	}
}

// statementStart skips blank space and comment lines.
func (p *dotenvParser) statementStart(src string) string {
	for {
		pos := strings.IndexFunc(src, func(r rune) bool {
			if r == '\n' {
				p.line++
			}
			return !unicode.IsSpace(r)
		})
		if pos < 0 {
			return ""
		}
		src = src[pos:]
		if src[0] != '#' {
			return src
		}
		nl := strings.IndexByte(src, '\n')
		if nl < 0 {
			return ""
		}
		src = src[nl:]
	}
}

// keyName reads the name up to "=", ":" or the end of the line.
func (p *dotenvParser) keyName(src string) (key, rest string, inherited bool, d *ir.Diagnostic) {
	if strings.HasPrefix(src, "export") && len(src) > 6 && isDotenvSpace(rune(src[6])) || strings.HasPrefix(src, "export\n") {
		src = strings.TrimLeftFunc(strings.TrimPrefix(src, "export"), isDotenvSpace)
	}
	offset := 0
	found := false
	for i, r := range src {
		if isDotenvSpace(r) {
			continue
		}
		switch r {
		case '=', ':', '\n':
			key = src[:i]
			offset = i + 1
			inherited = r == '\n'
			found = true
		case '_', '.', '-', '[', ']':
			continue
		default:
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				continue
			}
			line, _, _ := strings.Cut(src, "\n")
			return "", "", false, p.errorf("unexpected character %q in variable name %q", string(r), line)
		}
		if found {
			break
		}
	}
	if inherited && !strings.Contains(key, " ") {
		p.line++
	}
	key = strings.TrimRightFunc(key, unicode.IsSpace)
	return key, strings.TrimLeftFunc(src[offset:], isDotenvSpace), inherited, nil
}

// value reads a value: quoted, or to the end of the line.
func (p *dotenvParser) value(src string) (string, string, *ir.Diagnostic) {
	if src == "" || src[0] != '"' && src[0] != '\'' {
		value, rest, _ := strings.Cut(src, "\n")
		p.line++
		value, _, _ = strings.Cut(value, " #")
		value = strings.TrimRightFunc(value, unicode.IsSpace)
		return p.expand(value), rest, nil
	}
	quote := src[0]
	escaped := false
	var chars []byte
	for i := 1; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			p.line++
		}
		if c != quote {
			if !escaped && c == '\\' {
				escaped = true
				continue
			}
			if escaped {
				escaped = false
				chars = append(chars, '\\')
			}
			chars = append(chars, c)
			continue
		}
		if escaped {
			escaped = false
			chars = append(chars, c)
			continue
		}
		value := string(chars)
		if quote == '"' {
			value = p.expand(expandEscapes(value))
		}
		return value, src[i+1:], nil
	}
	line, _, _ := strings.Cut(src, "\n")
	return "", "", p.errorf("unterminated quoted value %s", line)
}

// expand interpolates a value; a reference compose-go cannot substitute
// leaves the value as written.
func (p *dotenvParser) expand(value string) string {
	sub := interpolate(value, p.get, ir.Pos{})
	if sub.invalid != "" || len(sub.required) > 0 {
		return value
	}
	for _, r := range sub.text.Refs() {
		p.refs = append(p.refs, r.Name)
	}
	return sub.value
}

// expandEscapes turns \a \b \c \f \n \r \t \v \" \\ \0NNN into what they
// stand for and \$ into $$, as compose-go's dotenv does in double quotes.
func expandEscapes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		c := s[i+1]
		switch c {
		case 'a', 'b', 'c', 'f', 'n', 'r', 't', 'v', '"', '\\':
			if c == 'c' {
				// \c is in the pattern but is not a Go escape: kept.
				b.WriteString(`\c`)
			} else {
				r, _, _, _ := strconv.UnquoteChar(s[i:i+2], '"')
				b.WriteRune(r)
			}
			i++
		case '$':
			b.WriteString("$$")
			i++
		case '0':
			j := i + 2
			for j < len(s) && j < i+5 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			r, _, tail, err := strconv.UnquoteChar(`\`+s[i+2:j], '"')
			if err != nil || tail != "" {
				b.WriteString(s[i:j])
			} else {
				b.WriteRune(r)
			}
			i = j - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isDotenvSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}
