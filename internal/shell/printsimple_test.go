package shell

import (
	"math/rand/v2"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// checkPrintSimple compares printSimple with the printer on every node of
// the parser's tree of src, and returns how many nodes printSimple took.
func checkPrintSimple(t *testing.T, src string) int {
	t.Helper()
	f, err := parseFull(t, src)
	if err != nil {
		return 0
	}
	took := 0
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			return true
		}
		if got, ok := printSimple(n); ok {
			took++
			if want := printFull(n); got != want {
				t.Errorf("%q: printSimple(%T) = %q, the printer gives %q", src, n, got, want)
			}
		}
		return true
	})
	return took
}

func TestPrintSimple(t *testing.T) {
	for _, src := range []string{
		"npm run dev",
		"  npm   run\tdev  ",
		"a\nb c\n\n d",
		"a \\\n b",
		"FOO=bar cmd x",
		"echo a; b",
		"echo a &",
		"! a b",
		"a b > c",
		"a 'b c' \"d\" $e",
		"a b # comment",
		"# comment\na b",
		"a=b",
		"if a; then b c; fi",
		"a | b c && d",
		"echo a\\ b",
		"echo $'a\\tb'",
		"cmd -x=1 --y=z a,b @c %d +e",
	} {
		checkPrintSimple(t, src)
	}
}

// TestPrintSimpleRandom compares printSimple with the printer on the
// nodes of random commands, plain and otherwise.
func TestPrintSimpleRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = plainAlphabet + "'\"$\\;&|#"
	took := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		took += checkPrintSimple(t, b.String())
		if t.Failed() {
			return
		}
	}
	if took < 10000 {
		t.Errorf("printSimple took %d nodes", took)
	}
}
