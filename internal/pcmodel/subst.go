package pcmodel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file models process-compose's load-time substitution of braced
// references (drone/envsubst 1.0.3, since process-compose 1.75): the
// whole text of a file, "$$" kept for a "$", every ${…} replaced.

// dollar stands for an escaped "$$" while a file is read, so that a
// substitution can tell it from a "$" that starts a reference.
const dollar = "\uE000\uE001"

// substitute replaces every ${…} reference in s with what drone/envsubst
// gives it, looking variables up with lookup (an unset variable is
// empty). A reference it cannot parse is an error, as it is for
// process-compose, wherever it is (in a comment too).
func substitute(s string, lookup func(string) (string, bool)) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		i += j
		end := closing(s, i)
		if end < 0 {
			return "", fmt.Errorf("environment substitution: unclosed ${ at offset %d", i)
		}
		v, err := reference(s[i+2:end-1], lookup)
		if err != nil {
			return "", err
		}
		b.WriteString(v)
		i = end
	}
	return b.String(), nil
}

// closing returns the offset just after the "}" that closes the "${" at
// s[i:], counting nested braces, or -1.
func closing(s string, i int) int {
	depth := 0
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

func nameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// reference evaluates the body of one ${…}.
func reference(body string, lookup func(string) (string, bool)) (string, error) {
	get := func(name string) string {
		v, _ := lookup(name)
		return v
	}
	sub := func(s string) (string, error) { return substitute(s, lookup) }
	if rest, ok := strings.CutPrefix(body, "#"); ok && rest != "" && allName(rest) {
		return strconv.Itoa(utf8.RuneCountInString(get(rest))), nil
	}
	n := 0
	for n < len(body) && nameByte(body[n]) {
		n++
	}
	if n == 0 {
		return "", fmt.Errorf("environment substitution: bad reference ${%s}", body)
	}
	v, rest := get(body[:n]), body[n:]
	if rest == "" {
		return v, nil
	}
	for _, op := range []string{":-", ":=", ":?", ":+", "="} {
		if arg, ok := strings.CutPrefix(rest, op); ok {
			if v != "" {
				return v, nil
			}
			return sub(arg)
		}
	}
	switch {
	case strings.HasPrefix(rest, "^^"):
		return strings.ToUpper(v), nil
	case strings.HasPrefix(rest, "^"):
		return firstRune(v, unicode.ToUpper), nil
	case strings.HasPrefix(rest, ",,"):
		return strings.ToLower(v), nil
	case strings.HasPrefix(rest, ","):
		return firstRune(v, unicode.ToLower), nil
	case strings.HasPrefix(rest, "##"), strings.HasPrefix(rest, "#"), strings.HasPrefix(rest, "%%"), strings.HasPrefix(rest, "%"):
		op := rest[:1]
		if len(rest) > 1 && rest[1] == rest[0] {
			op = rest[:2]
		}
		pat, err := sub(rest[len(op):])
		if err != nil {
			return "", err
		}
		return trim(v, op, pat), nil
	case strings.HasPrefix(rest, "/"):
		op, arg := "/", rest[1:]
		if len(arg) > 0 && strings.ContainsRune("/#%", rune(arg[0])) {
			op, arg = "/"+arg[:1], arg[1:]
		}
		pat, rep, _ := strings.Cut(arg, "/")
		pat, err := sub(pat)
		if err != nil {
			return "", err
		}
		if rep, err = sub(rep); err != nil {
			return "", err
		}
		return replace(v, op, pat, rep), nil
	case strings.HasPrefix(rest, ":"):
		off, length, hasLen := strings.Cut(rest[1:], ":")
		o, err := strconv.Atoi(strings.TrimSpace(off))
		if err != nil {
			return "", fmt.Errorf("environment substitution: bad offset in ${%s}", body)
		}
		r := []rune(v)
		if o < 0 {
			o += len(r)
		}
		o = min(max(o, 0), len(r))
		r = r[o:]
		if hasLen {
			l, err := strconv.Atoi(strings.TrimSpace(length))
			if err != nil {
				return "", fmt.Errorf("environment substitution: bad length in ${%s}", body)
			}
			r = r[:min(max(l, 0), len(r))]
		}
		return string(r), nil
	}
	return "", fmt.Errorf("environment substitution: unsupported reference ${%s}", body)
}

func allName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			return false
		}
	}
	return true
}

func firstRune(s string, f func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(f(r)) + s[n:]
}

// trim removes the shortest (#, %) or longest (##, %%) prefix (#) or
// suffix (%) of v that matches the glob pat.
func trim(v, op, pat string) string {
	re := globRE(pat)
	match := re.MatchString
	switch op {
	case "#":
		for i := 0; i <= len(v); i++ {
			if match(v[:i]) {
				return v[i:]
			}
		}
	case "##":
		for i := len(v); i >= 0; i-- {
			if match(v[:i]) {
				return v[i:]
			}
		}
	case "%":
		for i := len(v); i >= 0; i-- {
			if match(v[i:]) {
				return v[:i]
			}
		}
	case "%%":
		for i := 0; i <= len(v); i++ {
			if match(v[i:]) {
				return v[:i]
			}
		}
	}
	return v
}

// globRE returns a shell pattern as an anchored regular expression: "*"
// matches any text, "/" included, "?" any character; the rest is literal.
func globRE(pat string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range pat {
		switch r {
		case '*':
			b.WriteString("(?s:.*)")
		case '?':
			b.WriteString("(?s:.)")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// replace replaces the first (/), every (//), a leading (/#) or a
// trailing (/%) occurrence of the literal pat in v with rep.
func replace(v, op, pat, rep string) string {
	if pat == "" {
		return v
	}
	switch op {
	case "/":
		return strings.Replace(v, pat, rep, 1)
	case "//":
		return strings.ReplaceAll(v, pat, rep)
	case "/#":
		if rest, ok := strings.CutPrefix(v, pat); ok {
			return rep + rest
		}
	case "/%":
		if rest, ok := strings.CutSuffix(v, pat); ok {
			return rest + rep
		}
	}
	return v
}

// finish finishes the static reading of a decoded document (no lookup):
// in strings, references to variables whose names start with a digit
// become what process-compose gives them unset (every other reference
// stays for bash, which reads the same variable), and dollar becomes "$".
func finish(v any) any {
	switch v := v.(type) {
	case string:
		return strings.ReplaceAll(unsetDigits(v), dollar, "$")
	case scalar:
		v.text = strings.ReplaceAll(v.text, dollar, "$")
		return v
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[strings.ReplaceAll(k, dollar, "$")] = finish(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = finish(x)
		}
		return out
	}
	return v
}

// unsetDigits replaces each ${N…} whose name N starts with a digit by the
// value drone/envsubst gives it when N is unset: the argument of :-, :=,
// =, :? and :+, "0" for ${#N}, and "" otherwise.
func unsetDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !strings.HasPrefix(s[i:], "${") {
			b.WriteByte(s[i])
			continue
		}
		end := closing(s, i)
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		body := s[i+2 : end-1]
		hash := len(body) > 1 && body[0] == '#'
		if hash {
			body = body[1:]
		}
		n := 0
		for n < len(body) && nameByte(body[n]) {
			n++
		}
		if n == 0 || body[0] < '0' || body[0] > '9' {
			b.WriteString(s[i:end])
			i = end - 1
			continue
		}
		rest := body[n:]
		switch {
		case hash:
			b.WriteString("0")
		case rest == "":
		case strings.HasPrefix(rest, ":-"), strings.HasPrefix(rest, ":="), strings.HasPrefix(rest, ":?"), strings.HasPrefix(rest, ":+"):
			b.WriteString(unsetDigits(rest[2:]))
		case rest[0] == '=':
			b.WriteString(unsetDigits(rest[1:]))
		}
		i = end - 1
	}
	return b.String()
}

// Substitute returns s as process-compose's load-time substitution leaves
// it: "$$" is a "$", and every ${…} is replaced, looking variables up
// with lookup. It is an error where process-compose's is.
func Substitute(s string, lookup func(string) (string, bool)) (string, error) {
	out, err := substitute(strings.ReplaceAll(s, "$$", dollar), lookup)
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(out, dollar, "$"), nil
}
