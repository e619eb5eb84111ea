package nix

import (
	"slices"
	"testing"
)

// TestBindCopiesPath checks that a binding keeps its path when the
// caller's slice changes afterwards, for paths of one part and of more.
func TestBindCopiesPath(t *testing.T) {
	for _, path := range [][]string{{"a"}, {"a", "b"}, {"a", "b", "c"}} {
		caller := slices.Clone(path)
		b := Bind(Str("v"), caller...)
		if !slices.Equal(b.Path, path) {
			t.Errorf("Bind(%q) has the path %q", path, b.Path)
		}
		caller[0] = "changed"
		if !slices.Equal(b.Path, path) {
			t.Errorf("Bind(%q) has the path %q after the caller's slice changed", path, b.Path)
		}
		b.Path = append(b.Path, "more")
		if len(path) > 0 && b.Path[0] != path[0] {
			t.Errorf("appending to the path of Bind(%q) gives %q", path, b.Path)
		}
	}
}
