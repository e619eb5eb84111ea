package nix

// moduleArgs are the module arguments a devenv.nix may name in its header,
// in the order devenv init writes them.
var moduleArgs = [...]string{"pkgs", "lib", "config", "inputs"}

// Formals returns the module arguments that e refers to, in header order.
func Formals(e Expr) []string {
	used := usedArgs(e)
	n := 0
	for _, u := range used {
		if u {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i, a := range moduleArgs {
		if used[i] {
			out = append(out, a)
		}
	}
	return out
}

// usedArgs reports for each of moduleArgs whether e refers to it.
func usedArgs(e Expr) [len(moduleArgs)]bool {
	var used [len(moduleArgs)]bool
	walkVars(e, func(root string) {
		for i, a := range moduleArgs {
			if root == a {
				used[i] = true
			}
		}
	})
	return used
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
