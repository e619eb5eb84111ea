package goquote

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIn compares In with fmt.Sprintf's %q.
func TestIn(t *testing.T) {
	cases := []string{
		"", "web", "a b", `a"b`, `a\b`, "a\nb", "\t", "\x7f", "~", " ",
		"é", "日本", "\xff", "a\x00b", "\u2028", "`x`",
	}
	check := func(s string) {
		t.Helper()
		if got, want := In("process ", s, " is"), fmt.Sprintf("process %q is", s); got != want {
			t.Errorf("In(%q) = %q, want %q", s, got, want)
		}
		if got, want := In("", s), fmt.Sprintf("%q", s); got != want {
			t.Errorf("In(%q) without after = %q, want %q", s, got, want)
		}
		if got, want := In("a ", s, " b ", "c"), fmt.Sprintf("a %q b c", s); got != want {
			t.Errorf("In(%q) with two after = %q, want %q", s, got, want)
		}
	}
	for _, s := range cases {
		check(s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		check(string(b))
	}
}

// TestInAllocs checks that In allocates once for a plain string.
func TestInAllocs(t *testing.T) {
	name := "postgres"
	if n := testing.AllocsPerRun(100, func() { _ = In("process ", name, " is made ", name) }); n > 1 {
		t.Errorf("In allocates %v times, want 1", n)
	}
}
