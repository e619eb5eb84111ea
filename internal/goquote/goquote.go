// Package goquote writes a string as a Go string literal inside a text,
// as fmt's %q verb does, with fewer allocations than fmt.Sprintf.
package goquote

import (
	"strconv"
	"strings"
)

// In returns before, s as strconv.Quote writes it, and the strings of
// after: the text fmt.Sprintf("%s%q%s", before, s, after) returns for one
// string after. When s needs no escapes it allocates once.
func In(before, s string, after ...string) string {
	// bare says s is to be put between double quotes as it is; otherwise
	// it is replaced by its quoted form.
	bare := plain(s)
	if !bare {
		s = strconv.Quote(s)
	}
	n := len(before) + len(s)
	if bare {
		n += 2
	}
	for _, a := range after {
		n += len(a)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(before)
	if bare {
		b.WriteByte('"')
	}
	b.WriteString(s)
	if bare {
		b.WriteByte('"')
	}
	for _, a := range after {
		b.WriteString(a)
	}
	return b.String()
}

// plain reports whether strconv.Quote only puts s between double quotes:
// s is printable ASCII without a double quote or a backslash.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
