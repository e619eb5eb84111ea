package nix

import (
	"bytes"
	"strings"
	"testing"
)

// TestFormatOwnsOutput checks that the bytes Format returns are the
// caller's: printing again, into the pooled buffer, leaves them as they
// were.
func TestFormatOwnsOutput(t *testing.T) {
	// Outputs below maxPooledOutput are copied out of the pooled buffer;
	// larger ones are the buffer.
	for _, size := range []int{1, maxPooledOutput + 1} {
		big := strings.Repeat("x", size)
		first := &File{Body: Set(Bind(Str(big), "a"), Bind(ListOf(Str("x"), Str("y")), "b"))}
		second := &File{Body: Set(Bind(Str("two\nlines\n"), "c"), Bind(Str(big), "d"))}
		out1, err := Format(first)
		if err != nil {
			t.Fatal(err)
		}
		keep := bytes.Clone(out1)
		for range 3 {
			out2, err := Format(second)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(out1, out2) {
				t.Fatalf("two files print alike: %s", out1)
			}
		}
		if !bytes.Equal(out1, keep) {
			t.Errorf("printing again changed the first output of %d bytes", len(keep))
		}
		again, _ := Format(first)
		if !bytes.Equal(again, keep) {
			t.Errorf("printing again gives %d bytes, want the first %d", len(again), len(keep))
		}
	}
}
