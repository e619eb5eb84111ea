package nixcheck

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Root is the stand-in for config.devenv.root, as in internal/nixeval.
const Root = "/ROOT"

// EvalModule reads src and evaluates it as internal/nixeval.EvalModule
// does with the real evaluator, returning the same shape of data: maps,
// lists, strings, float64 numbers, bools and nil. pkgs.<x> is the string
// "<pkgs.x>", config.devenv.root is Root, config.processes.<n>.ports.<p>.value
// is the port's allocate value, config.tasks and config.scripts are the
// module's own, and paths relative to the module are strings "./x".
func EvalModule(src []byte) (map[string]any, error) {
	f, err := Parse(src)
	if err != nil {
		return nil, err
	}
	ev := &evaluator{body: f.Body}
	v, err := ev.eval(f.Body, 0)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("nix: the module is not an attribute set")
	}
	return m, nil
}

type evaluator struct {
	body Expr
}

// maxDepth bounds the evaluation's recursion (config referring to the
// module's own values).
const maxDepth = 200

func (ev *evaluator) eval(e Expr, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nix: infinite recursion")
	}
	switch e := e.(type) {
	case *Set:
		m := make(map[string]any, len(e.Names))
		for _, n := range e.Names {
			v, err := ev.eval(e.Attrs[n], depth+1)
			if err != nil {
				return nil, err
			}
			m[n] = v
		}
		return m, nil
	case *List:
		l := make([]any, 0, len(e.Items))
		for _, it := range e.Items {
			v, err := ev.eval(it, depth+1)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case *Str:
		var b strings.Builder
		for _, p := range e.Parts {
			if p.Interp == nil {
				b.WriteString(p.Lit)
				continue
			}
			v, err := ev.eval(p.Interp, depth+1)
			if err != nil {
				return nil, err
			}
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("nix: cannot interpolate %T into a string", v)
			}
			if _, isPath := p.Interp.(*Path); isPath {
				return nil, fmt.Errorf("nix: interpolating a path copies it to the store")
			}
			b.WriteString(s)
		}
		return b.String(), nil
	case *Int:
		return float64(e.V), nil
	case *Float:
		return e.V, nil
	case *Neg:
		v, err := ev.eval(e.X, depth+1)
		if err != nil {
			return nil, err
		}
		f, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("nix: cannot negate %T", v)
		}
		return -f, nil
	case *Path:
		return pathString(e.P), nil
	case *Plus:
		a, err := ev.eval(e.A, depth+1)
		if err != nil {
			return nil, err
		}
		b, err := ev.eval(e.B, depth+1)
		if err != nil {
			return nil, err
		}
		as, ok1 := a.(string)
		bs, ok2 := b.(string)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("nix: cannot add %T and %T", a, b)
		}
		if _, ok := e.A.(*Path); ok {
			return pathString(as + bs), nil
		}
		return as + bs, nil
	case *Apply:
		fn, ok := e.Fn.(*Var)
		if !ok || len(fn.Path) != 1 || fn.Path[0] != "toString" || len(e.Args) != 1 {
			return nil, fmt.Errorf("nix: only toString x is evaluated")
		}
		v, err := ev.eval(e.Args[0], depth+1)
		if err != nil {
			return nil, err
		}
		return toString(v)
	case *Var:
		return ev.variable(e.Path, depth)
	}
	return nil, fmt.Errorf("nix: cannot evaluate %T", e)
}

// pathString returns a path as the stub evaluation strips it: relative to
// the module, "./x"; absolute, as it is. Nix normalises "." and ".."
// components.
func pathString(p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	c := path.Clean(p)
	if c == "." {
		return "."
	}
	return "./" + strings.TrimPrefix(c, "./")
}

func toString(v any) (any, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case bool:
		if v {
			return "1", nil
		}
		return "", nil
	case nil:
		return "", nil
	}
	return nil, fmt.Errorf("nix: cannot coerce %T to a string", v)
}

// variable resolves a variable with its attribute path.
func (ev *evaluator) variable(p []string, depth int) (any, error) {
	switch p[0] {
	case "true", "false":
		if len(p) > 1 {
			return nil, fmt.Errorf("nix: selecting from a Boolean")
		}
		return p[0] == "true", nil
	case "null":
		if len(p) > 1 {
			return nil, fmt.Errorf("nix: selecting from null")
		}
		return nil, nil
	case "pkgs":
		if len(p) != 2 {
			return nil, fmt.Errorf("nix: pkgs.%s is not a package the stub knows", strings.Join(p[1:], "."))
		}
		return "<pkgs." + p[1] + ">", nil
	case "config":
		return ev.config(p[1:], depth)
	}
	return nil, fmt.Errorf("nix: cannot evaluate the variable %s", strings.Join(p, "."))
}

// config resolves config.<path> against the module itself.
func (ev *evaluator) config(p []string, depth int) (any, error) {
	if len(p) == 2 && p[0] == "devenv" && p[1] == "root" {
		return Root, nil
	}
	// config.env.NAME is the module's env.NAME, or a variable devenv
	// reads from .env, which the stub stands in for.
	if len(p) == 2 && p[0] == "env" {
		if s, ok := ev.body.(*Set); ok {
			if env, ok := s.Attrs["env"].(*Set); ok {
				if v, ok := env.Attrs[p[1]]; ok {
					return ev.eval(v, depth+1)
				}
			}
		}
		return "<config.env." + p[1] + ">", nil
	}
	if len(p) == 0 || p[0] != "processes" && p[0] != "tasks" && p[0] != "scripts" {
		return nil, fmt.Errorf("nix: config.%s is not in the stub", strings.Join(p, "."))
	}
	// config.processes.<n>.ports.<p>.value is the port's allocate.
	if p[0] == "processes" && len(p) == 5 && p[2] == "ports" && p[4] == "value" {
		p = append(append([]string(nil), p[:4]...), "allocate")
	}
	var cur Expr = ev.body
	for _, name := range p {
		s, ok := cur.(*Set)
		if !ok {
			return nil, fmt.Errorf("nix: config.%s: not an attribute set", strings.Join(p, "."))
		}
		if cur, ok = s.Attrs[name]; !ok {
			return nil, fmt.Errorf("nix: attribute config.%s missing", strings.Join(p, "."))
		}
	}
	return ev.eval(cur, depth+1)
}
