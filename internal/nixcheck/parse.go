// Package nixcheck reads the Nix files pc2devenv writes, in Go, by the
// rules of Nix's own lexer and parser, and evaluates them as devenv
// modules with the stub arguments internal/nixeval gives them. It is for
// fuzz tests, which check thousands of outputs a second and cannot run
// nix-instantiate on each: a file it accepts is one Nix parses, its
// strings read back as Nix reads them, and its attribute paths merge as
// Nix merges them (a path defined twice is an error, as it is to Nix).
// The fuzz tests run the real evaluator on their seed corpora and on a
// sample of what the fuzzer found.
//
// It reads the subset of Nix that pc2devenv's printer writes — attribute
// sets, lists, strings with interpolations, numbers, paths, variables
// with attribute paths, function application, "+", a module's function
// header, comments — and refuses anything else.
package nixcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// Expr is a parsed Nix expression.
type Expr interface{ isExpr() }

// The expressions nixcheck reads.
type (
	// Set is an attribute set; Attrs maps each name to its value, with
	// dotted paths already nested and merged as Nix merges them.
	Set struct {
		Names []string
		Attrs map[string]Expr
	}
	// List is a list.
	List struct{ Items []Expr }
	// Str is a string: literal parts and interpolations.
	Str struct{ Parts []StrPart }
	// Int, Float: numbers.
	Int   struct{ V int64 }
	Float struct{ V float64 }
	// Path is a path literal as written (./x, /x).
	Path struct{ P string }
	// Var is a variable with an attribute path: config.devenv.root.
	Var struct{ Path []string }
	// Apply is f x y.
	Apply struct {
		Fn   Expr
		Args []Expr
	}
	// Plus is a + b.
	Plus struct{ A, B Expr }
	// Neg is -x.
	Neg struct{ X Expr }
)

// StrPart is literal text, or an interpolation when Interp is not nil.
type StrPart struct {
	Lit    string
	Interp Expr
}

func (*Set) isExpr()   {}
func (*List) isExpr()  {}
func (*Str) isExpr()   {}
func (*Int) isExpr()   {}
func (*Float) isExpr() {}
func (*Path) isExpr()  {}
func (*Var) isExpr()   {}
func (*Apply) isExpr() {}
func (*Plus) isExpr()  {}
func (*Neg) isExpr()   {}

// File is a parsed file: its function header's formals (nil when it has
// none), its body, and the text of its comments.
type File struct {
	Formals  []string
	Body     Expr
	Comments []string
}

// keywords cannot be variables or bare attribute names.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "assert": true, "with": true,
	"let": true, "in": true, "rec": true, "inherit": true, "or": true,
}

// builtinNames are the variables Nix's base environment binds, of those
// a devenv.nix may use.
var builtinNames = map[string]bool{
	"builtins": true, "true": true, "false": true, "null": true, "toString": true,
	"import": true, "map": true, "throw": true, "abort": true, "baseNameOf": true,
	"dirOf": true, "removeAttrs": true, "isNull": true, "derivation": true,
}

type parser struct {
	lx   *lexer
	tok  token
	have bool
	// scope holds the variables in scope: the formals.
	scope map[string]bool
}

func (p *parser) peek() (token, error) {
	if !p.have {
		t, err := p.lx.next(p)
		if err != nil {
			return t, err
		}
		p.tok, p.have = t, true
	}
	return p.tok, nil
}

func (p *parser) take() (token, error) {
	t, err := p.peek()
	p.have = false
	return t, err
}

func (p *parser) isPunct(t token, s string) bool { return t.kind == tPunct && t.text == s }

func (p *parser) expect(s string) error {
	t, err := p.take()
	if err != nil {
		return err
	}
	if !p.isPunct(t, s) {
		return p.errAt(t, "expected %q, found %q", s, t.text)
	}
	return nil
}

func (p *parser) errAt(t token, format string, args ...any) error {
	line := 1 + strings.Count(p.lx.src[:min(t.off, len(p.lx.src))], "\n")
	return fmt.Errorf("nix: line %d (offset %d): %s", line, t.off, fmt.Sprintf(format, args...))
}

// Parse reads a whole file.
func Parse(src []byte) (*File, error) {
	p := &parser{lx: &lexer{src: string(src)}, scope: map[string]bool{}}
	f := &File{}
	formals, ok, err := p.formals()
	if err != nil {
		return nil, err
	}
	if ok {
		f.Formals = formals
		for _, name := range formals {
			p.scope[name] = true
		}
	}
	body, err := p.expr()
	if err != nil {
		return nil, err
	}
	t, err := p.take()
	if err != nil {
		return nil, err
	}
	if t.kind != tEOF {
		return nil, p.errAt(t, "unexpected %q after the expression", t.text)
	}
	f.Body = body
	f.Comments = p.lx.comments
	return f, nil
}

// formals reads a function header "{ a, b, ... }:" when the file starts
// with one; otherwise it leaves the lexer where it was.
func (p *parser) formals() ([]string, bool, error) {
	save := *p.lx
	saveComments := len(p.lx.comments)
	restore := func() {
		*p.lx = save
		p.lx.comments = p.lx.comments[:saveComments]
		p.have = false
	}
	t, err := p.take()
	if err != nil || !p.isPunct(t, "{") {
		restore()
		return nil, false, nil
	}
	var names []string
	for {
		t, err := p.take()
		if err != nil {
			restore()
			return nil, false, nil
		}
		switch {
		case t.kind == tID && !keywords[t.text]:
			names = append(names, t.text)
		case t.kind == tEllipsis:
			names = append(names, "...")
		case p.isPunct(t, "}") && len(names) == 0:
			// { }: an empty set or empty formals; see below.
		default:
			restore()
			return nil, false, nil
		}
		if p.isPunct(t, "}") {
			break
		}
		sep, err := p.take()
		if err != nil {
			restore()
			return nil, false, nil
		}
		if p.isPunct(sep, "}") {
			break
		}
		if !p.isPunct(sep, ",") {
			restore()
			return nil, false, nil
		}
	}
	colon, err := p.take()
	if err != nil || !p.isPunct(colon, ":") {
		restore()
		return nil, false, nil
	}
	var out []string
	seen := map[string]bool{}
	for i, n := range names {
		if n == "..." {
			if i != len(names)-1 {
				return nil, false, fmt.Errorf("nix: ... must come last in a function header")
			}
			continue
		}
		if seen[n] {
			return nil, false, fmt.Errorf("nix: duplicate formal argument %q", n)
		}
		seen[n] = true
		out = append(out, n)
	}
	return out, true, nil
}

// interpolation reads the expression of ${...} and its closing brace;
// the lexer calls it inside a string.
func (p *parser) interpolation() (Expr, error) {
	if p.have {
		return nil, fmt.Errorf("nixcheck: interpolation with a token pending")
	}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if err := p.expect("}"); err != nil {
		return nil, err
	}
	return e, nil
}

// expr reads ["-"] app ("+" app)*.
func (p *parser) expr() (Expr, error) {
	t, err := p.peek()
	if err != nil {
		return nil, err
	}
	neg := p.isPunct(t, "-")
	if neg {
		p.take()
	}
	e, err := p.app()
	if err != nil {
		return nil, err
	}
	if neg {
		e = &Neg{X: e}
	}
	for {
		t, err := p.peek()
		if err != nil {
			return nil, err
		}
		if !p.isPunct(t, "+") {
			return e, nil
		}
		p.take()
		b, err := p.app()
		if err != nil {
			return nil, err
		}
		e = &Plus{A: e, B: b}
	}
}

// app reads a function application: select+.
func (p *parser) app() (Expr, error) {
	fn, err := p.selectExpr()
	if err != nil {
		return nil, err
	}
	var args []Expr
	for {
		t, err := p.peek()
		if err != nil {
			return nil, err
		}
		if !p.startsSimple(t) {
			break
		}
		a, err := p.selectExpr()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
	}
	if len(args) == 0 {
		return fn, nil
	}
	return &Apply{Fn: fn, Args: args}, nil
}

func (p *parser) startsSimple(t token) bool {
	switch t.kind {
	case tID:
		return !keywords[t.text]
	case tInt, tFloat, tPath, tString:
		return true
	case tPunct:
		return t.text == "(" || t.text == "[" || t.text == "{"
	}
	return false
}

// selectExpr reads a simple expression with an optional attribute path:
// x.a."b".
func (p *parser) selectExpr() (Expr, error) {
	e, err := p.simple()
	if err != nil {
		return nil, err
	}
	t, err := p.peek()
	if err != nil {
		return nil, err
	}
	if !p.isPunct(t, ".") {
		return e, nil
	}
	v, ok := e.(*Var)
	if !ok || len(v.Path) != 1 {
		return nil, p.errAt(t, "attribute selection from something other than a variable")
	}
	p.take()
	path, err := p.attrPath()
	if err != nil {
		return nil, err
	}
	v.Path = append(v.Path, path...)
	return v, nil
}

func (p *parser) simple() (Expr, error) {
	t, err := p.take()
	if err != nil {
		return nil, err
	}
	switch t.kind {
	case tID:
		if keywords[t.text] {
			return nil, p.errAt(t, "unexpected keyword %q", t.text)
		}
		if !p.scope[t.text] && !builtinNames[t.text] {
			return nil, p.errAt(t, "undefined variable %q", t.text)
		}
		return &Var{Path: []string{t.text}}, nil
	case tInt:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return nil, p.errAt(t, "invalid integer %q", t.text)
		}
		return &Int{V: v}, nil
	case tFloat:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, p.errAt(t, "invalid float %q", t.text)
		}
		return &Float{V: v}, nil
	case tPath:
		return &Path{P: t.text}, nil
	case tString:
		var parts []StrPart
		for _, pt := range t.parts {
			parts = append(parts, StrPart{Lit: pt.lit, Interp: pt.interp})
		}
		return &Str{Parts: parts}, nil
	case tPunct:
		switch t.text {
		case "(":
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			return e, p.expect(")")
		case "[":
			l := &List{}
			for {
				t, err := p.peek()
				if err != nil {
					return nil, err
				}
				if p.isPunct(t, "]") {
					p.take()
					return l, nil
				}
				if !p.startsSimple(t) {
					return nil, p.errAt(t, "unexpected %q in a list", t.text)
				}
				e, err := p.selectExpr()
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, e)
			}
		case "{":
			return p.set()
		}
	}
	return nil, p.errAt(t, "unexpected %q", t.text)
}

// attrPath reads attr ("." attr)*, where attr is an identifier or a
// string without interpolations.
func (p *parser) attrPath() ([]string, error) {
	var path []string
	for {
		t, err := p.take()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tID && (!keywords[t.text] || t.text == "or"):
			path = append(path, t.text)
		case t.kind == tString:
			var b strings.Builder
			for _, pt := range t.parts {
				if pt.interp != nil {
					return nil, p.errAt(t, "a dynamic attribute name")
				}
				b.WriteString(pt.lit)
			}
			path = append(path, b.String())
		default:
			return nil, p.errAt(t, "expected an attribute name, found %q", t.text)
		}
		n, err := p.peek()
		if err != nil {
			return nil, err
		}
		if !p.isPunct(n, ".") {
			return path, nil
		}
		p.take()
	}
}

// set reads the bindings of an attribute set after its "{".
func (p *parser) set() (Expr, error) {
	s := &Set{Attrs: map[string]Expr{}}
	for {
		t, err := p.peek()
		if err != nil {
			return nil, err
		}
		if p.isPunct(t, "}") {
			p.take()
			return s, nil
		}
		path, err := p.attrPath()
		if err != nil {
			return nil, err
		}
		if err := p.expect("="); err != nil {
			return nil, err
		}
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(";"); err != nil {
			return nil, err
		}
		if err := s.add(path, v); err != nil {
			return nil, p.errAt(t, "%v", err)
		}
	}
}

// add binds path to v, as Nix does: intermediate sets are made or
// entered, and two attribute set literals bound to one name merge; any
// other repeated definition is an error.
func (s *Set) add(path []string, v Expr) error {
	cur := s
	for i, name := range path {
		old, exists := cur.Attrs[name]
		if i == len(path)-1 {
			if !exists {
				cur.Names = append(cur.Names, name)
				cur.Attrs[name] = v
				return nil
			}
			os, ok1 := old.(*Set)
			ns, ok2 := v.(*Set)
			if !ok1 || !ok2 {
				return fmt.Errorf("attribute %q already defined", strings.Join(path, "."))
			}
			for _, n := range ns.Names {
				if err := os.add([]string{n}, ns.Attrs[n]); err != nil {
					return fmt.Errorf("attribute %q already defined", strings.Join(append(append([]string(nil), path...), n), "."))
				}
			}
			return nil
		}
		if !exists {
			next := &Set{Attrs: map[string]Expr{}}
			cur.Names = append(cur.Names, name)
			cur.Attrs[name] = next
			cur = next
			continue
		}
		next, ok := old.(*Set)
		if !ok {
			return fmt.Errorf("attribute %q already defined", strings.Join(path[:i+1], "."))
		}
		cur = next
	}
	return nil
}
