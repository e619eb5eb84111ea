package emit

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestValidName checks validName against the regular expression it
// stands for.
func TestValidName(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	in := []string{"", "a", "web", "web-1", "my_app", "A-Z_0-9", "a.b", "a b", "a\n", "\n", "é", "a\xff", "-", "_", "@", "[", "`", "{", "/", ":"}
	alphabet := "aZ09_-. \n@[`{/:\xff"
	rng := rand.New(rand.NewPCG(9, 10))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	for _, s := range in {
		if got, want := validName(s), re.MatchString(s); got != want {
			t.Errorf("validName(%q) = %v, want %v", s, got, want)
		}
	}
}
