package nix

import (
	"regexp"
	"testing"
)

// TestIsIdent checks IsIdent against the grammar of Nix identifiers as a
// regular expression, on names that probe every character class.
func TestIsIdent(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_'-]*$`)
	names := []string{"", "a", "A", "_", "a1", "1a", "a-b", "-a", "a'", "'a", "a.b", "a b", "é", "aé", "if", "iff", "inherit", "or", "or1",
		"processes", "devenv:processes:db", "pc:migrate", "x\\n", "a\\x00", "a/b", "a$b", "Z_z-9'"}
	for c := 0; c < 256; c++ {
		names = append(names, string(rune(c)), "a"+string(byte(c)))
	}
	for k := range keywords {
		names = append(names, k, k+"x", k[:len(k)-1])
	}
	for _, n := range names {
		want := re.MatchString(n) && !keywords[n]
		if got := IsIdent(n); got != want {
			t.Errorf("IsIdent(%q) = %v, want %v", n, got, want)
		}
	}
}
