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
	// One allocation holds the string and its one part.
	one := &stringOne{}
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
func Ref(path ...string) *Var { return &Var{Path: path} }

// Set returns an attribute set holding bindings.
func Set(bindings ...*Binding) *Attrs {
	if len(bindings) > 0 {
		return &Attrs{Bindings: bindings}
	}
	// Sets are built binding by binding: one allocation holds the set
	// and room for its first bindings.
	one := &setOne{}
	one.a.Bindings = one.room[:0]
	return &one.a
}

// setOne is a set allocated together with room for its first bindings.
type setOne struct {
	a    Attrs
	room [bindingsCap]*Binding
}

// Bind returns the binding path = value. The binding holds a copy of
// path, so that callers' variadic paths need not live on the heap.
func Bind(value Expr, path ...string) *Binding {
	if len(path) == 1 {
		// Most paths have one part: one allocation holds both.
		one := &bindingOne{path: [1]string{path[0]}}
		one.b = Binding{Path: one.path[:], Value: value}
		return &one.b
	}
	return &Binding{Path: slices.Clone(path), Value: value}
}

// bindingOne is a binding with its path of one part, allocated together.
type bindingOne struct {
	b    Binding
	path [1]string
}

// Comment returns a binding that is only a comment.
func Comment(lines ...string) *Binding { return &Binding{Comments: lines} }

// ListOf returns a list of the given values.
func ListOf(values ...Expr) *List {
	l := &List{}
	if len(values) == 0 {
		return l
	}
	// Two allocations hold the items and the list of them.
	items := make([]Item, len(values))
	l.Items = make([]*Item, len(values))
	for i, v := range values {
		items[i].Value = v
		l.Items[i] = &items[i]
	}
	return l
}

// Add sets path to value in a, nesting sets: Add(v, "x", "y") puts y = v
// into the set bound to x, creating it after the existing bindings if
// there is none. The printer writes a nesting that ends in a single value
// as a dotted path again (x.y = v;), and keeps sets of several bindings
// together.
func (a *Attrs) Add(value Expr, path ...string) {
	for len(path) > 1 {
		var inner *Attrs
		for _, b := range a.Bindings {
			if len(b.Path) == 1 && b.Path[0] == path[0] {
				inner, _ = b.Value.(*Attrs)
			}
		}
		if inner == nil {
			// One allocation holds the new set, room for its
			// bindings, and its binding.
			n := &nestedOne{}
			n.one.path[0] = path[0]
			n.one.b = Binding{Path: n.one.path[:], Value: &n.set.a}
			n.set.a.Bindings = n.set.room[:0]
			inner = &n.set.a
			a.add(&n.one.b)
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
						existing.Add(vb.Value, vb.Path...)
					}
				}
				return
			}
		}
	}
	a.add(Bind(value, path...))
}

// add appends b to the bindings of a.
func (a *Attrs) add(b *Binding) {
	if a.Bindings == nil {
		// A set that Set did not make: room for a few saves growing
		// one by one.
		a.Bindings = make([]*Binding, 0, bindingsCap)
	}
	a.Bindings = append(a.Bindings, b)
}

// nestedOne is a set that Add makes for a path, allocated together with
// its binding.
type nestedOne struct {
	one bindingOne
	set setOne
}

// bindingsCap is the room for the first bindings of a set that Set or Add
// makes, or that Add adds the first binding to.
const bindingsCap = 4

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
