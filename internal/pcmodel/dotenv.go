package pcmodel

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Var is one variable a .env file sets.
type Var struct{ Name, Value string }

// ReadDotenv reads a .env file as godotenv 1.5.1 does for process-compose
// (its .env and a process's env_file): an optional "export", NAME=value or
// NAME: value with spaces around the separator, '…' literal and "…" with
// escapes (both may span lines), " #" comments after unquoted values, and
// $NAME and ${NAME} expanded, in unquoted and double-quoted values, from
// the variables set earlier in the file ("\$" is a "$"). A line it cannot
// read is an error, as it is for godotenv.
func ReadDotenv(src string) ([]Var, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var vars []Var
	seen := map[string]string{}
	for len(src) > 0 {
		line, rest, _ := strings.Cut(src, "\n")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			src = rest
			continue
		}
		s := strings.TrimLeft(src, " \t")
		if r, ok := strings.CutPrefix(s, "export "); ok {
			s = strings.TrimLeft(r, " \t")
		}
		end := strings.IndexAny(s, "=:\n")
		if end < 0 || s[end] == '\n' {
			return vars, fmt.Errorf("dotenv: a line without = or :")
		}
		name := strings.TrimRight(s[:end], " \t")
		if name == "" || strings.ContainsAny(name, " \t#'\"") {
			return vars, fmt.Errorf("dotenv: bad name %q", name)
		}
		s = strings.TrimLeft(s[end+1:], " \t")
		var val string
		switch {
		case strings.HasPrefix(s, "'"), strings.HasPrefix(s, `"`):
			q := s[0]
			i := 1
			for ; i < len(s); i++ {
				if s[i] == '\\' && q == '"' {
					i++
					continue
				}
				if s[i] == q {
					break
				}
			}
			if i >= len(s) {
				return vars, fmt.Errorf("dotenv: unterminated quote in %s", name)
			}
			val = s[1:i]
			if q == '"' {
				val = expand(unescape(val), seen)
			}
			s = s[i+1:]
			_, s, _ = strings.Cut(s, "\n")
		default:
			val, s, _ = strings.Cut(s, "\n")
			if i := commentAt(val); i >= 0 {
				val = val[:i]
			}
			val = expand(strings.TrimSpace(val), seen)
		}
		vars = append(vars, Var{name, val})
		seen[name] = val
		src = s
	}
	return vars, nil
}

// commentAt returns where a " #" comment starts in an unquoted value.
func commentAt(v string) int {
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			return i - 1
		}
	}
	return -1
}

var escape = lazyre.New(`\\.`)

// unescape turns \n and \r into their characters in a double-quoted
// value, and other escapes into the character escaped; "\$" stays for
// expand.
func unescape(v string) string {
	return escape.ReplaceAllStringFunc(v, func(e string) string {
		switch e[1] {
		case 'n':
			return "\n"
		case 'r':
			return "\r"
		case '$':
			return e
		}
		return e[1:]
	})
}

var dotenvRef = lazyre.New(`(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?`)

// expand replaces $NAME and ${NAME} with the values of variables set
// earlier, as godotenv's expandVariables does.
func expand(v string, seen map[string]string) string {
	return dotenvRef.ReplaceAllStringFunc(v, func(m string) string {
		sub := dotenvRef.FindStringSubmatch(m)
		switch {
		case sub[1] == `\`:
			return m[1:]
		case sub[3] != "":
			return m
		}
		return seen[sub[4]]
	})
}
