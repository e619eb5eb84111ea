package compose

import (
	"errors"
	"strings"
)

// splitWords splits a command string into words as compose-go does with
// github.com/mattn/go-shellwords (no expansion, no command substitution):
// quotes and backslashes group and escape, and an unquoted ; & | < or >
// ends the command there — the rest is dropped. truncated reports that.
func splitWords(line string) (args []string, truncated bool, err error) {
	args = []string{}
	var buf strings.Builder
	var escaped, dq, sq, bq, dollar bool
	const (
		argNo = iota
		argSingle
		argQuoted
	)
	got := argNo
loop:
	for _, r := range line {
		if escaped {
			buf.WriteRune(r)
			escaped = false
			got = argSingle
			continue
		}
		if r == '\\' {
			if sq {
				buf.WriteRune(r)
			} else {
				escaped = true
			}
			continue
		}
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			if sq || dq || bq || dollar {
				buf.WriteRune(r)
			} else if got != argNo {
				args = append(args, buf.String())
				buf.Reset()
				got = argNo
			}
			continue
		}
		switch r {
		case '`':
			if !sq && !dq && !dollar {
				bq = !bq
			}
		case ')':
			if !sq && !dq && !bq {
				dollar = !dollar
			}
		case '(':
			if !sq && !dq && !bq {
				if !dollar && strings.HasSuffix(buf.String(), "$") {
					dollar = true
					buf.WriteRune('(')
					continue
				}
				return nil, false, errors.New("invalid command line string")
			}
		case '"':
			if !sq && !dollar {
				if dq {
					got = argQuoted
				}
				dq = !dq
				continue
			}
		case '\'':
			if !dq && !dollar {
				if sq {
					got = argQuoted
				}
				sq = !sq
				continue
			}
		case ';', '&', '|', '<', '>':
			if !(escaped || sq || dq || bq || dollar) {
				if r == '>' && buf.Len() > 0 {
					if c := buf.String()[0]; '0' <= c && c <= '9' {
						got = argNo
					}
				}
				truncated = true
				break loop
			}
		}
		got = argSingle
		buf.WriteRune(r)
	}
	if got != argNo {
		args = append(args, buf.String())
	}
	if escaped || sq || dq || bq || dollar {
		return nil, false, errors.New("invalid command line string")
	}
	return args, truncated, nil
}
