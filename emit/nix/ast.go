package nix

import "slices"

// Expr is a Nix expression.
type Expr interface{ isExpr() }

// String is a string literal: literal text and ${...} interpolations.
// The printer chooses the quoting; parts hold the value, unescaped.
type String struct {
	Parts []Part
}

// Part is literal text (when Interp is nil) or an interpolation.
type Part struct {
	Lit    string
	Interp Expr
}

// Int is an integer literal.
type Int struct{ V int64 }

// Float is a floating-point literal.
type Float struct{ V float64 }

// Bool is true or false.
type Bool struct{ V bool }

// Null is null.
type Null struct{}

// Path is a path literal relative to the file, such as ./src, or an
// absolute one, such as /srv/data. P is the path without the leading
// "./", or the absolute path.
type Path struct{ P string }

// Var is a variable with an optional attribute path: pkgs, pkgs.redis,
// config.devenv.root.
type Var struct{ Path []string }

// Apply is a function application, such as toString x.
type Apply struct {
	Fn   Expr
	Args []Expr
}

// List is a list.
type List struct{ Items []*Item }

// Item is one element of a list, with comment lines above it.
type Item struct {
	Comments []string
	Value    Expr
}

// Attrs is an attribute set.
type Attrs struct{ Bindings []*Binding }

// Binding is "path = value;" inside an attribute set, with comment lines
// above it. A Binding with a nil Value is a comment on its own.
type Binding struct {
	Comments []string
	// Blank asks for an empty line before the binding (ignored for the
	// first binding of a set).
	Blank bool
	Path  []string
	Value Expr
}

// File is a whole devenv.nix: comment lines and the body. The printer
// writes the function header itself, naming exactly the module arguments
// (pkgs, lib, config, inputs) the body refers to; a body that refers to
// none is written without a header, since a plain attribute set is a
// module too.
type File struct {
	Comments []string
	Body     Expr
}

func (*String) isExpr() {}
func (*Int) isExpr()    {}
func (*Float) isExpr()  {}
func (*Bool) isExpr()   {}
func (*Null) isExpr()   {}
func (*Path) isExpr()   {}
func (*Var) isExpr()    {}
func (*Apply) isExpr()  {}
func (*List) isExpr()   {}
func (*Attrs) isExpr()  {}

// Str returns a string literal holding s.
func Str(s string) *String {
	if s == "" {
		return &String{}
	}
	ar := getArena()
	str := ar.str(s)
	arenas.Put(ar)
	return str
}

func (ar *arena) str(s string) *String {
	// One node holds the string and its one part.
	one := ar.strings.node()
	one.part[0] = Part{Lit: s}
	one.s.Parts = one.part[:]
	return &one.s
}

// stringOne is a string of one part, allocated together with the part.
type stringOne struct {
	s    String
	part [1]Part
}

// Ref returns a variable reference such as Ref("config", "devenv", "root").
// The variable holds a copy of path, so that callers' variadic paths need
// not live on the heap.
func Ref(path ...string) *Var {
	ar := getArena()
	v := ar.vars.node()
	v.Path = ar.clonePath(path)
	arenas.Put(ar)
	return v
}

// clonePath returns a copy of path, from a slab when it is short.
func (ar *arena) clonePath(path []string) []string {
	if len(path) == 0 || len(path) > pathSlabLen {
		return slices.Clone(path)
	}
	c := ar.paths.slice(len(path), pathSlabLen)
	copy(c, path)
	return c
}

// Set returns an attribute set holding bindings. The set holds a copy
// of the slice bindings, so that callers' variadic bindings need not live
// on the heap.
func Set(bindings ...*Binding) *Attrs {
	ar := getArena()
	a := ar.set(bindings)
	arenas.Put(ar)
	return a
}

func (ar *arena) set(bindings []*Binding) *Attrs {
	a := ar.sets.node()
	if len(bindings) > 0 {
		a.Bindings = append(ar.grow(nil, len(bindings)), bindings...)
	}
	return a
}

// Bind returns the binding path = value. The binding holds a copy of
// path, so that callers' variadic paths need not live on the heap.
func Bind(value Expr, path ...string) *Binding {
	ar := getArena()
	b := ar.bind(value, path)
	arenas.Put(ar)
	return b
}

func (ar *arena) bind(value Expr, path []string) *Binding {
	// Most paths have one part: one node holds both.
	one := ar.bindings.node()
	switch len(path) {
	case 0:
	case 1:
		one.path[0] = path[0]
		one.b.Path = one.path[:]
	default:
		one.b.Path = ar.clonePath(path)
	}
	one.b.Value = value
	return &one.b
}

// bindingOne is a binding with its path of one part, allocated together.
type bindingOne struct {
	b    Binding
	path [1]string
}

// Comment returns a binding that is only a comment.
func Comment(lines ...string) *Binding {
	ar := getArena()
	b := &ar.bindings.node().b
	arenas.Put(ar)
	b.Comments = lines
	return b
}

// ListOf returns a list of the given values.
func ListOf(values ...Expr) *List {
	ar := getArena()
	defer arenas.Put(ar)
	l := ar.lists.node()
	if len(values) == 0 {
		return l
	}
	if len(values) > itemListSlabLen {
		l.Items = make([]*Item, len(values))
	} else {
		l.Items = ar.itemLists.slice(len(values), itemListSlabLen)
	}
	for i, v := range values {
		it := ar.items.node()
		it.Value = v
		l.Items[i] = it
	}
	return l
}

// Add sets path to value in a, nesting sets: Add(v, "x", "y") puts y = v
// into the set bound to x, creating it after the existing bindings if
// there is none. The printer writes a nesting that ends in a single value
// as a dotted path again (x.y = v;), and keeps sets of several bindings
// together.
func (a *Attrs) Add(value Expr, path ...string) {
	ar := getArena()
	ar.add(a, value, path)
	arenas.Put(ar)
}

func (ar *arena) add(a *Attrs, value Expr, path []string) {
	for len(path) > 1 {
		var inner *Attrs
		for _, b := range a.Bindings {
			if len(b.Path) == 1 && b.Path[0] == path[0] {
				inner, _ = b.Value.(*Attrs)
			}
		}
		if inner == nil {
			inner = ar.sets.node()
			ar.appendBinding(a, ar.bind(inner, path[:1]))
		}
		a, path = inner, path[1:]
	}
	if v, ok := value.(*Attrs); ok && len(path) == 1 {
		for _, b := range a.Bindings {
			if existing, ok := b.Value.(*Attrs); ok && len(b.Path) == 1 && b.Path[0] == path[0] {
				for _, vb := range v.Bindings {
					if vb.Value == nil || len(vb.Comments) > 0 {
						existing.Bindings = append(existing.Bindings, vb)
					} else {
						ar.add(existing, vb.Value, vb.Path)
					}
				}
				return
			}
		}
	}
	ar.appendBinding(a, ar.bind(value, path))
}

// appendBinding appends b to the bindings of a.
func (ar *arena) appendBinding(a *Attrs, b *Binding) {
	if len(a.Bindings) == cap(a.Bindings) {
		a.Bindings = ar.grow(a.Bindings, 1)
	}
	a.Bindings = append(a.Bindings, b)
}

// bindingsCap is the room Add makes in a set it adds the first binding to.
const bindingsCap = 4

// grow returns bindings with room for n more: sets are built binding by
// binding, so the room at least doubles, starting at bindingsCap, and
// comes from a slab while it is small.
func (ar *arena) grow(bindings []*Binding, n int) []*Binding {
	room := max(bindingsCap, 2*cap(bindings), len(bindings)+n)
	if room > bindingListSlabLen {
		return slices.Grow(bindings, room-len(bindings))
	}
	s := ar.bindingLists.slice(room, bindingListSlabLen)
	return s[:copy(s, bindings)]
}

// Get returns the binding of a whose path is exactly path, or nil.
func (a *Attrs) Get(path ...string) *Binding {
	for _, b := range a.Bindings {
		if equalPath(b.Path, path) {
			return b
		}
	}
	return nil
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
