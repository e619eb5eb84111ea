package compose

import (
	"bytes"
	"strings"
)

// bashReadsAlike reports whether bash, sourcing the env_file src with
// set -a, gives every variable the value docker compose gives it. That
// holds for the common forms: blank lines, comments, and
// [export ]NAME=VALUE lines whose value is empty, single-quoted,
// double-quoted without escapes or command substitution, or unquoted
// without blanks and shell syntax, each optionally followed by a comment.
// Anything else (KEY: VALUE, a name alone, a value with blanks or
// backslashes) bash reads differently or not at all.
func bashReadsAlike(src []byte) bool {
	for _, line := range bytes.Split(src, []byte("\n")) {
		l := strings.TrimSpace(strings.TrimSuffix(string(line), "\r"))
		if l == "" || l[0] == '#' {
			continue
		}
		l = strings.TrimPrefix(l, "export ")
		name, val, ok := strings.Cut(l, "=")
		if !ok || !isShellName(name) || !bashValueAlike(val) {
			return false
		}
	}
	return true
}

// bashValueAlike reports whether a value (what follows "=") reads the
// same in bash and in compose's dotenv reader.
func bashValueAlike(v string) bool {
	rest := ""
	switch {
	case v == "":
		return true
	case v[0] == '\'':
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return false
		}
		rest = v[end+2:]
	case v[0] == '"':
		end := strings.IndexByte(v[1:], '"')
		if end < 0 {
			return false
		}
		body := v[1 : end+1]
		if strings.ContainsAny(body, "\\`!") || strings.Contains(body, "$(") {
			return false
		}
		rest = v[end+2:]
	default:
		i := 0
		for i < len(v) && v[i] != ' ' && v[i] != '\t' {
			i++
		}
		if !plainOrRefs(v[:i]) {
			return false
		}
		rest = v[i:]
	}
	if rest == "" {
		return true
	}
	// What follows must be a comment, after a blank: bash reads
	// 'a'#b as one word.
	trimmed := strings.TrimLeft(rest, " \t")
	return len(trimmed) < len(rest) && (trimmed == "" || trimmed[0] == '#')
}

// plainOrRefs reports whether an unquoted value holds only characters
// bash takes literally in an assignment, and ${NAME} or $NAME references.
func plainOrRefs(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '$':
			j := i + 1
			if j < len(v) && v[j] == '{' {
				end := strings.IndexByte(v[j:], '}')
				if end < 0 || strings.ContainsAny(v[j+1:j+end], "'\"`$\\ ") {
					return false
				}
				i = j + end
				continue
			}
			for j < len(v) && isNameChar(v[j]) {
				j++
			}
			if j == i+1 {
				return false
			}
			i = j - 1
		case isNameChar(c) || strings.IndexByte("./:@%+,=-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// isShellName reports whether s is a name bash can assign.
func isShellName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// dockerReadsAlike reports whether docker run --env-file, which takes
// each NAME=VALUE line literally, gives every variable of src the value
// docker compose reads (vars).
func dockerReadsAlike(src []byte, vars []Var) bool {
	want := map[string]string{}
	for _, v := range vars {
		if v.Inherited {
			return false
		}
		want[v.Name] = v.Value
	}
	seen := 0
	for _, line := range bytes.Split(src, []byte("\n")) {
		l := strings.TrimLeft(strings.TrimSuffix(string(line), "\r"), " \t")
		if l == "" || l[0] == '#' {
			continue
		}
		name, val, ok := strings.Cut(l, "=")
		if !ok {
			return false
		}
		if w, ok := want[name]; !ok || w != val {
			return false
		}
		seen++
	}
	return seen == len(vars)
}
