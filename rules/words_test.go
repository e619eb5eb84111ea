package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// wordsByHand splits s as namedFor does: by nextWord when s is ASCII.
func wordsByHand(s string) []string {
	if !isASCII(s) {
		return wordsSimple(s)
	}
	var out []string
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start == end {
			return out
		}
		out = append(out, strings.ToLower(s[start:end]))
		i = end
	}
}

// namedForSimple is namedFor as words split by regular expression.
func namedForSimple(s string, wrappers bool) (*Rule, string) {
	for _, w := range wordsSimple(s) {
		for _, r := range Table {
			if wrappers && r.Wrapper == nil {
				continue
			}
			for _, n := range r.Names {
				if n == w {
					return r, w
				}
			}
		}
	}
	return nil, ""
}

// wordInputs returns edge cases and random strings over an alphabet of
// letters, digits, separators, non-ASCII letters (some that lower to
// ASCII), invalid UTF-8 and the rules' names.
func wordInputs() []string {
	in := []string{
		"", "a", "A", "-", "--", "a-", "-a", "a-b", "A_B", "redis", "Redis-Server",
		"my_postgres_1", "./scripts/start-redis.sh", "/usr/bin/POSTGRES",
		"db:mysql", "MySQL8", "0", "9z", "@[`{/:", "  spaced  out  ",
		"tab\tsep\nline", "caf\u00e9db", "\u212aafka", "\u0130nit", "\xffredis\xfe",
		"r\u00e9dis", "\u00c9lastic", "ЖredisЖ", "mongo\x00db",
	}
	for _, r := range Table {
		for _, n := range r.Names {
			in = append(in, n, strings.ToUpper(n), "run-"+n+".sh", n+"_1")
		}
	}
	alphabet := []string{"a", "z", "A", "Z", "0", "9", "-", "_", ".", "/", " ", "@", "[", "`", "{",
		"\u00e9", "\u212a", "\u0130", "\xff", "\x80", "redis", "postgres", "Mongo", "ЖЖ"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	return in
}

// TestWordsByHand checks that splitting by hand gives the words the
// regular expression gives.
func TestWordsByHand(t *testing.T) {
	for _, s := range wordInputs() {
		if got, want := wordsByHand(s), wordsSimple(s); !slices.Equal(got, want) {
			t.Errorf("words of %q: by hand %q, by regular expression %q", s, got, want)
		}
	}
}

// TestNamedFor checks that namedFor finds the rule and word that
// splitting by regular expression finds.
func TestNamedFor(t *testing.T) {
	for _, s := range wordInputs() {
		for _, wrappers := range []bool{false, true} {
			r, w := namedFor(s, wrappers)
			wantR, wantW := namedForSimple(s, wrappers)
			if r != wantR || w != wantW {
				t.Errorf("namedFor(%q, %v) = %v, %q; want %v, %q", s, wrappers, ruleName(r), w, ruleName(wantR), wantW)
			}
		}
	}
}

func ruleName(r *Rule) string {
	if r == nil {
		return "nil"
	}
	return r.Service
}

// TestNamedForAllocates checks that namedFor allocates nothing for ASCII
// names.
func TestNamedForAllocates(t *testing.T) {
	for _, s := range []string{"web", "Redis-Server", "./scripts/start-postgres.sh", "worker_1"} {
		if n := testing.AllocsPerRun(10, func() { namedFor(s, false) }); n != 0 {
			t.Errorf("namedFor(%q) allocates %v times", s, n)
		}
	}
}
