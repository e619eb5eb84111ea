package emit

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// wrapCommandSimple is wrapCommand by joining and concatenating.
func wrapCommandSimple(pre []string, text string, post []string) string {
	if len(pre) > 0 {
		text = strings.Join(pre, "\n") + "\n" + text
	}
	if len(post) > 0 {
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text += strings.Join(post, "\n")
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text
}

// TestWrapCommand checks wrapCommand against joining and concatenating,
// with empty texts and lines, and texts and lines ending in newlines.
func TestWrapCommand(t *testing.T) {
	pieces := []string{"", "\n", "set +e", "exec foo\n", "a\nb", "a\nb\n", "kill $PID"}
	rng := rand.New(rand.NewPCG(11, 12))
	pick := func() []string {
		var out []string
		for range rng.IntN(4) {
			out = append(out, pieces[rng.IntN(len(pieces))])
		}
		return out
	}
	for range 5000 {
		pre, text, post := pick(), pieces[rng.IntN(len(pieces))], pick()
		if len(pre) == 0 && len(post) == 0 {
			continue
		}
		if got, want := wrapCommand(pre, text, post), wrapCommandSimple(pre, text, post); got != want {
			t.Errorf("wrapCommand(%q, %q, %q) = %q, want %q", pre, text, post, got, want)
		}
	}
}
