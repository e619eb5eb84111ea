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

// TestConstructorsCopy checks that Set, Ref and ListOf keep what they were
// given when the caller's slice changes afterwards, and that a set of
// many bindings keeps them all.
func TestConstructorsCopy(t *testing.T) {
	for _, n := range []int{1, 2, bindingsCap + 1, bindingListSlabLen + 1, itemListSlabLen + 1} {
		var bindings []*Binding
		var path []string
		var values []Expr
		for i := range n {
			name := string(rune('a' + i%26))
			bindings = append(bindings, Bind(Str(name), name))
			path = append(path, name)
			values = append(values, Str(name))
		}
		set, ref, list := Set(bindings...), Ref(path...), ListOf(values...)
		wantSet, _ := FormatExpr(Set(slices.Clone(bindings)...))
		wantRef := slices.Clone(path)
		wantList, _ := FormatExpr(ListOf(slices.Clone(values)...))
		for i := range n {
			bindings[i], path[i], values[i] = Comment("changed"), "changed", Str("changed")
		}
		if got, _ := FormatExpr(set); string(got) != string(wantSet) {
			t.Errorf("Set of %d: printed\n%s\nwant\n%s", n, got, wantSet)
		}
		if !slices.Equal(ref.Path, wantRef) {
			t.Errorf("Ref of %d: path %q, want %q", n, ref.Path, wantRef)
		}
		if got, _ := FormatExpr(list); string(got) != string(wantList) {
			t.Errorf("ListOf %d: printed\n%s\nwant\n%s", n, got, wantList)
		}
	}
}
