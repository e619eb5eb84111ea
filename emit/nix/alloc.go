package nix

import "sync"

// The constructors (Str, Ref, Set, Bind, Comment, ListOf, and Add)
// allocate the nodes of a syntax tree from slabs: a slab is one
// allocation that holds many nodes of a kind, handed out one by one, so
// that building a tree of n nodes allocates about n/slabLen objects
// instead of n. A node handed out is never handed out again, nor reused:
// it lives as long as anything refers to it, like a node of its own, and
// keeps the rest of its slab alive with it (a few kilobytes at most,
// since a slab is small).
//
// The slabs in use are kept in arenas, each with a slab for each kind of
// node, in a sync.Pool: a constructor takes an arena for the time it
// runs, so that goroutines building trees at the same time take nodes
// from different slabs, and Add, which may make several nodes, takes
// one arena for them all.

// arena holds a slab for each kind of node.
type arena struct {
	bindings     slab[bindingOne]
	sets         slab[Attrs]
	strings      slab[stringOne]
	vars         slab[Var]
	lists        slab[List]
	items        slab[Item]
	paths        slab[string]
	bindingLists slab[*Binding]
	itemLists    slab[*Item]
}

// arenas holds *arena.
var arenas = sync.Pool{New: func() any { return new(arena) }}

// getArena returns an arena that the caller has for itself until it
// puts it back in arenas.
func getArena() *arena { return arenas.Get().(*arena) }

// slabLen is the number of nodes a slab holds.
const slabLen = 32

// slab hands out the zero values of a slice one by one.
type slab[T any] struct{ free []T }

// node returns a pointer to a new zero T.
func (s *slab[T]) node() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabLen)
	}
	x := &s.free[0]
	s.free = s.free[1:]
	return x
}

// slice returns a new slice of n zero Ts, with room for n; chunk is the
// length of a new slab, and n must not exceed it. Appending to the slice
// past n moves it out of the slab, since its capacity is n.
func (s *slab[T]) slice(n, chunk int) []T {
	if len(s.free) < n {
		s.free = make([]T, chunk)
	}
	x := s.free[:n:n]
	s.free = s.free[n:]
	return x
}

// pathSlabLen is the number of path parts a slab of paths holds; a
// longer path is allocated on its own.
const pathSlabLen = 32

// bindingListSlabLen is the number of binding pointers a slab of
// bindingLists holds; a longer list of bindings is allocated on its own.
const bindingListSlabLen = 64

// itemListSlabLen is the number of item pointers a slab of itemLists
// holds; a longer list is allocated on its own.
const itemListSlabLen = 64
