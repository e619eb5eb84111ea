package nix

import (
	"bytes"
	"testing"
)

// TestFormatOwnsOutput checks that the bytes Format returns are the
// caller's: printing again, into the pooled buffer, leaves them as they
// were.
func TestFormatOwnsOutput(t *testing.T) {
	first := &File{Body: Set(Bind(Str("one"), "a"), Bind(ListOf(Str("x"), Str("y")), "b"))}
	second := &File{Body: Set(Bind(Str("two\nlines\n"), "c"))}
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
		t.Errorf("printing again changed the first output from\n%s\nto\n%s", keep, out1)
	}
	again, _ := Format(first)
	if !bytes.Equal(again, keep) {
		t.Errorf("printing again gives\n%s\nwant\n%s", again, keep)
	}
}
