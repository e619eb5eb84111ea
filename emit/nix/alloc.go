package nix

import "sync"

// The constructors (Bind, Set, Str, and Add) allocate the nodes of a
// syntax tree from slabs: a slab is one allocation that holds many nodes
// of a kind, handed out one by one, so that building a tree of n nodes
// allocates about n/slabLen objects instead of n. A node handed out is
// never handed out again, nor reused: it lives as long as anything refers
// to it, like a node of its own, and keeps the rest of its slab alive
// with it (a few kilobytes at most, since a slab is small).
//
// Each kind of node has a sync.Pool of slabs in use, so that goroutines
// building trees at the same time take nodes from different slabs.

// slabLen is the number of nodes a slab holds.
const slabLen = 32

// slab hands out the zero values of a slice one by one.
type slab[T any] struct{ free []T }

// newNode returns a pointer to a new zero T from a slab of pool, which
// holds *slab[T].
func newNode[T any](pool *sync.Pool) *T {
	s := pool.Get().(*slab[T])
	if len(s.free) == 0 {
		s.free = make([]T, slabLen)
	}
	x := &s.free[0]
	s.free = s.free[1:]
	pool.Put(s)
	return x
}

// newSlice returns a new slice of n zero Ts, with room for n, from a
// slab of pool, which holds *slab[T]; chunk is the length of a new slab,
// and n must not exceed it. Appending to the slice past n moves it out
// of the slab, since its capacity is n.
func newSlice[T any](pool *sync.Pool, n, chunk int) []T {
	s := pool.Get().(*slab[T])
	if len(s.free) < n {
		s.free = make([]T, chunk)
	}
	x := s.free[:n:n]
	s.free = s.free[n:]
	pool.Put(s)
	return x
}

var (
	// bindingSlabs hold bindingOne: bindings with a path of one part.
	bindingSlabs = sync.Pool{New: func() any { return new(slab[bindingOne]) }}
	// setSlabs hold Attrs.
	setSlabs = sync.Pool{New: func() any { return new(slab[Attrs]) }}
	// varSlabs hold Var.
	varSlabs = sync.Pool{New: func() any { return new(slab[Var]) }}
	// stringSlabs hold stringOne: strings of one part.
	stringSlabs = sync.Pool{New: func() any { return new(slab[stringOne]) }}
	// listSlabs hold List, itemSlabs Item, and itemListSlabs the items
	// of the lists ListOf makes.
	listSlabs     = sync.Pool{New: func() any { return new(slab[List]) }}
	itemSlabs     = sync.Pool{New: func() any { return new(slab[Item]) }}
	itemListSlabs = sync.Pool{New: func() any { return new(slab[*Item]) }}
	// pathSlabs hold the parts of paths longer than one part.
	pathSlabs = sync.Pool{New: func() any { return new(slab[string]) }}
	// bindingListSlabs hold the room for the bindings of a set that
	// Add makes while it is small.
	bindingListSlabs = sync.Pool{New: func() any { return new(slab[*Binding]) }}
)

// pathSlabLen is the number of path parts a slab of pathSlabs holds; a
// longer path is allocated on its own.
const pathSlabLen = 64

// bindingListSlabLen is the number of binding pointers a slab of
// bindingListSlabs holds.
const bindingListSlabLen = 64

// itemListSlabLen is the number of item pointers a slab of itemListSlabs
// holds; a longer list is allocated on its own.
const itemListSlabLen = 64
