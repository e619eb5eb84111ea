package rules

import (
	"math/rand/v2"
	"testing"
)

// TestIsNumberFastPath compares isNumber, with its fast path, with
// fmt.Sscan alone.
func TestIsNumberFastPath(t *testing.T) {
	cases := []string{
		"", "-", "--", "-1", "-1.5", "-.5", "-_1", "-1_000", "-i", "-inf",
		"-Inf", "-infinity", "-in", "-I", "-n", "-nan", "-NaN", "nan", "NaN",
		"-e", "-e5", "-E5", "-p", "-p5", "-P1", "-x", "-0x1p4", "-0x",
		"-1e", "-1e5", "-1p4", "-1abc", "--1", "--port", "-p5432", "-d",
		"-v", "- 1", "-\n1", "-\t", "-+1", "-+", "+1", "1", " -1", "\t-1",
		"-é", "-\xff", "-1.", "-.", "-.e1", "-._", "-0", "-0x1.fp+2",
	}
	check := func(s string) {
		t.Helper()
		if got, want := isNumber(s), scanNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, fmt.Sscan says %v", s, got, want)
		}
	}
	for _, s := range cases {
		check(s)
	}
	const alphabet = "-+.0123456789_eEpPxXiInNaAfF \n\tz\xff"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if r.IntN(2) == 0 && len(b) > 0 {
			b[0] = '-'
		}
		check(string(b))
	}
}

// TestNotNumber checks that the fast path decides the common options.
func TestNotNumber(t *testing.T) {
	for _, s := range []string{"--port", "-p", "-d", "-e", "-n", "--", "-x"} {
		if !notNumber(s) {
			t.Errorf("notNumber(%q) = false, want true", s)
		}
	}
}
