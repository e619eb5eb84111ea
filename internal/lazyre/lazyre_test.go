package lazyre

import "testing"

func TestRegexp(t *testing.T) {
	r := New(`^a+b$`)
	if !r.MatchString("aab") || r.Match([]byte("ab ")) || r.ReplaceAllString("aab", "x") != "x" || r.String() != `^a+b$` {
		t.Error("lazy regexp does not behave as the compiled one")
	}
	if r.Regexp() != r.Regexp() {
		t.Error("compiled twice")
	}
}
