package nix

import (
	"fmt"
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

// TestAddGrows checks that a set built binding by binding keeps its
// bindings in order, also when it starts from bindings of the caller's,
// and that Add makes one set for each name of a nested path, however
// many bindings it holds.
func TestAddGrows(t *testing.T) {
	for _, start := range [][]*Binding{nil, {}, {Bind(Str("s"), "s")}} {
		a := Set(start...)
		var want []string
		for _, b := range start {
			want = append(want, b.Path[0])
		}
		for i := range 10 * bindingsCap {
			name := fmt.Sprintf("n%d", i)
			a.Add(Str(name), name)
			a.Add(Str(name), "nested", name)
			want = append(want, name)
			if i == 0 {
				want = append(want, "nested")
			}
		}
		var got []string
		for _, b := range a.Bindings {
			got = append(got, b.Path[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("starting from %d bindings: bindings %q, want %q", len(start), got, want)
		}
		nested, ok := a.Get("nested").Value.(*Attrs)
		if !ok || len(nested.Bindings) != 10*bindingsCap {
			t.Errorf("starting from %d bindings: the nested set is %#v", len(start), a.Get("nested").Value)
		}
	}
}

// TestListOf checks that ListOf holds the values in order, each in an
// item of its own.
func TestListOf(t *testing.T) {
	for n := range 4 {
		var values []Expr
		for i := range n {
			values = append(values, &Int{V: int64(i)})
		}
		l := ListOf(values...)
		if len(l.Items) != n {
			t.Fatalf("ListOf %d values has %d items", n, len(l.Items))
		}
		for i, it := range l.Items {
			if it.Value != values[i] || len(it.Comments) > 0 {
				t.Errorf("item %d of %d is %#v", i, n, it)
			}
		}
		if n > 1 {
			l.Items[0].Comments = []string{"first"}
			if len(l.Items[1].Comments) > 0 {
				t.Errorf("a comment on the first item of %d is on the second too", n)
			}
		}
	}
}
