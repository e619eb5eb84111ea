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

// TestStr checks that Str holds its text as one literal part, and the
// empty string as no part.
func TestStr(t *testing.T) {
	if s := Str(""); s.Parts != nil {
		t.Errorf("Str(\"\").Parts = %#v, want nil", s.Parts)
	}
	for _, text := range []string{"a", "two\nlines\n", "${x}"} {
		s := Str(text)
		if want := []Part{{Lit: text}}; !slices.Equal(s.Parts, want) {
			t.Errorf("Str(%q).Parts = %#v, want %#v", text, s.Parts, want)
		}
	}
}

// TestAddKeepsOrder checks that bindings added one by one, past the room
// Add makes at first, keep their order.
func TestAddKeepsOrder(t *testing.T) {
	a := Set()
	var want []string
	for i := range 3 * bindingsCap {
		name := string(rune('a' + i))
		a.Add(Str(name), name)
		want = append(want, name)
	}
	var got []string
	for _, b := range a.Bindings {
		got = append(got, b.Path[0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("bindings %q, want %q", got, want)
	}
}
