package nix

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestSlabNode checks that nodes from a slab are zero and
// distinct, past the end of a slab.
func TestSlabNode(t *testing.T) {
	var s slab[Attrs]
	seen := map[*Attrs]bool{}
	for i := range 3 * slabLen {
		a := s.node()
		if a.Bindings != nil {
			t.Fatalf("node %d is not zero: %#v", i, a)
		}
		if seen[a] {
			t.Fatalf("node %d was handed out before", i)
		}
		seen[a] = true
		a.Bindings = []*Binding{Comment("x")}
	}
}

// TestSlabSliceRoom checks that a slice from a slab has no room past its
// length, so that appending to it leaves the next slice alone.
func TestSlabSliceRoom(t *testing.T) {
	for _, n := range []int{0, 1, 4, pathSlabLen} {
		var s slab[string]
		first := s.slice(n, pathSlabLen)
		second := s.slice(n, pathSlabLen)
		if len(first) != n || cap(first) != n {
			t.Errorf("slice(%d) has length %d and room %d", n, len(first), cap(first))
		}
		for i := range second {
			second[i] = "second"
		}
		_ = append(first, "first")
		for i, s := range second {
			if s != "second" {
				t.Errorf("appending to a slice of %d changed the next one at %d: %q", n, i, s)
			}
		}
	}
}

// TestAddGrows checks that a set built binding by binding, past the
// room a slab gives, keeps its bindings in order, also when the set
// starts from bindings of the caller's.
func TestAddGrows(t *testing.T) {
	for _, start := range [][]*Binding{nil, {}, {Bind(Str("s"), "s")}} {
		a := Set(start...)
		var want []string
		for _, b := range start {
			want = append(want, b.Path[0])
		}
		for i := range 3 * bindingListSlabLen {
			name := fmt.Sprintf("n%d", i)
			a.Add(Str(name), name)
			want = append(want, name)
		}
		var got []string
		for _, b := range a.Bindings {
			got = append(got, b.Path[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("starting from %d bindings: bindings %q, want %q", len(start), got, want)
		}
	}
}

// TestBuildConcurrently checks that trees built at the same time, from
// the same slabs, print as a tree built alone does.
func TestBuildConcurrently(t *testing.T) {
	build := func(n int) *File {
		body := Set()
		for i := range n {
			name := fmt.Sprintf("p%d", i)
			body.Add(Str("run "+name), "processes", name, "exec")
			body.Add(Ref("pkgs", "redis"), "packages", name)
			body.Add(&Int{V: int64(i)}, "env", "a", "b", name)
		}
		return &File{Body: body}
	}
	want, err := Format(build(40))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 8)
	for g := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				outs[g], _ = Format(build(40))
			}
		}()
	}
	wg.Wait()
	for g, out := range outs {
		if !bytes.Equal(out, want) {
			t.Errorf("goroutine %d printed\n%s\nwant\n%s", g, out, want)
		}
	}
}
