package shell

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want error
	}{
		{"echo $(a $(b)) ${x} [ -f y ]", nil},
		{strings.Repeat("$(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth), nil},
		{strings.Repeat("$(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), ErrTooDeep},
		{strings.Repeat("()", MaxLen/2), nil},
		{strings.Repeat("()", MaxLen/2+1), ErrTooLong},
	} {
		if got := Check(tc.src); got != tc.want {
			t.Errorf("%.40q…: Check = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestWorstNesting parses the commands of MaxLen bytes that nest deepest
// without brackets: none may overflow the stack (which would crash the
// test binary) or fail to finish.
func TestWorstNesting(t *testing.T) {
	for _, nest := range [][2]string{
		{"a |", ""}, {"a &&", ""}, {"()", ""}, {"! ", ""}, {"time ", ""}, {"a >x ", ""},
		{"case a in b) ", ";; esac"}, {"if a; then ", "; fi"}, {"while a; do ", "; done"},
		{"{ a;", "}"}, {"f() { ", "; }"},
	} {
		n := MaxLen / len(nest[0]+nest[1])
		src := strings.Repeat(nest[0], n) + "a" + strings.Repeat(nest[1], n)
		if len(src) > MaxLen {
			src = src[:MaxLen]
		}
		f, err := Parse(src)
		if IsRefused(err) && !strings.ContainsAny(nest[0], "({") {
			t.Errorf("%q×%d refused: %v", nest[0], n, err)
		}
		if err == nil {
			syntax.Walk(f, func(syntax.Node) bool { return true })
		}
	}
}
