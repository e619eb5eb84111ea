package nix

// moduleArgs are the module arguments a devenv.nix may name in its header,
// in the order devenv init writes them.
var moduleArgs = [...]string{"pkgs", "lib", "config", "inputs"}

// Formals returns the module arguments that e refers to, in header order.
func Formals(e Expr) []string {
	var used [len(moduleArgs)]bool
	walkVars(e, func(root string) {
		for i, a := range moduleArgs {
			if root == a {
				used[i] = true
			}
		}
	})
	var out []string
	for i, a := range moduleArgs {
		if used[i] {
			out = append(out, a)
		}
	}
	return out
}

// walkVars calls f with the first name of every variable reference in e.
func walkVars(e Expr, f func(string)) {
	switch e := e.(type) {
	case *Var:
		if len(e.Path) > 0 {
			f(e.Path[0])
		}
	case *String:
		for _, p := range e.Parts {
			if p.Interp != nil {
				walkVars(p.Interp, f)
			}
		}
	case *Apply:
		walkVars(e.Fn, f)
		for _, a := range e.Args {
			walkVars(a, f)
		}
	case *List:
		for _, it := range e.Items {
			walkVars(it.Value, f)
		}
	case *Attrs:
		for _, b := range e.Bindings {
			if b.Value != nil {
				walkVars(b.Value, f)
			}
		}
	}
}
