package makefile

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pc2devenv/pc2devenv/ir"
)

// mkFunc is one of make's functions. fn gets the arguments unexpanded,
// since some functions (if, and, or, foreach, call, value) control their
// expansion.
type mkFunc struct {
	maxArgs int
	fn      func(e *expander, name string, args []string, pos ir.Pos) val
}

var (
	mkFunctionsOnce sync.Once
	mkFunctionTable map[string]mkFunc
)

// mkFunctions returns make's functions by name. It builds the table on
// first use, so that a program that reads no Makefile does not build it at
// start-up. (A sync.OnceValue variable would be an initialization cycle:
// $(call …) looks functions up.)
func mkFunctions() map[string]mkFunc {
	mkFunctionsOnce.Do(func() { mkFunctionTable = newMkFunctions() })
	return mkFunctionTable
}

// newMkFunctions builds the table mkFunctions returns.
func newMkFunctions() map[string]mkFunc {
	text := func(n int, f func(args []string) string) mkFunc {
		return mkFunc{n, func(e *expander, name string, args []string, pos ir.Pos) val {
			vals := e.expandArgs(args)
			strs, ok := staticArgs(vals)
			if !ok {
				fb := make([]string, len(vals))
				for i, v := range vals {
					fb[i] = v.fallback()
				}
				return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: f(fb),
					why: fmt.Sprintf("$(%s …) of a value known only when make runs", name)})
			}
			return lit(f(strs))
		}}
	}
	return map[string]mkFunc{
		"subst": text(3, func(a []string) string { return strings.ReplaceAll(arg(a, 2), arg(a, 0), arg(a, 1)) }),
		"patsubst": text(3, func(a []string) string {
			return patsubst(strings.TrimSpace(arg(a, 0)), strings.TrimSpace(arg(a, 1)), arg(a, 2))
		}),
		"strip": text(1, func(a []string) string { return strings.Join(fields(arg(a, 0)), " ") }),
		"findstring": text(2, func(a []string) string {
			if strings.Contains(arg(a, 1), arg(a, 0)) {
				return arg(a, 0)
			}
			return ""
		}),
		"filter":     text(2, func(a []string) string { return filterWords(arg(a, 0), arg(a, 1), true) }),
		"filter-out": text(2, func(a []string) string { return filterWords(arg(a, 0), arg(a, 1), false) }),
		"sort": text(1, func(a []string) string {
			w := fields(arg(a, 0))
			sort.Strings(w)
			return strings.Join(dedupSorted(w), " ")
		}),
		"word": text(2, func(a []string) string {
			n, err := strconv.Atoi(strings.TrimSpace(arg(a, 0)))
			w := fields(arg(a, 1))
			if err != nil || n < 1 || n > len(w) {
				return ""
			}
			return w[n-1]
		}),
		"wordlist": text(3, func(a []string) string {
			s, err1 := strconv.Atoi(strings.TrimSpace(arg(a, 0)))
			n, err2 := strconv.Atoi(strings.TrimSpace(arg(a, 1)))
			w := fields(arg(a, 2))
			if err1 != nil || err2 != nil || s < 1 || s > len(w) || n < s {
				return ""
			}
			if n > len(w) {
				n = len(w)
			}
			return strings.Join(w[s-1:n], " ")
		}),
		"words": text(1, func(a []string) string { return strconv.Itoa(len(fields(arg(a, 0)))) }),
		"firstword": text(1, func(a []string) string {
			if w := fields(arg(a, 0)); len(w) > 0 {
				return w[0]
			}
			return ""
		}),
		"lastword": text(1, func(a []string) string {
			if w := fields(arg(a, 0)); len(w) > 0 {
				return w[len(w)-1]
			}
			return ""
		}),
		"dir":       text(1, func(a []string) string { return mapWords(arg(a, 0), dirOf) }),
		"notdir":    text(1, func(a []string) string { return mapWords(arg(a, 0), notDir) }),
		"suffix":    text(1, func(a []string) string { return mapWordsSkip(arg(a, 0), suffixOf) }),
		"basename":  text(1, func(a []string) string { return mapWords(arg(a, 0), baseOf) }),
		"addsuffix": text(2, func(a []string) string { return mapWords(arg(a, 1), func(w string) string { return w + arg(a, 0) }) }),
		"addprefix": text(2, func(a []string) string { return mapWords(arg(a, 1), func(w string) string { return arg(a, 0) + w }) }),
		"join": text(2, func(a []string) string {
			x, y := fields(arg(a, 0)), fields(arg(a, 1))
			var out []string
			for i := 0; i < len(x) || i < len(y); i++ {
				s := ""
				if i < len(x) {
					s += x[i]
				}
				if i < len(y) {
					s += y[i]
				}
				out = append(out, s)
			}
			return strings.Join(out, " ")
		}),
		"abspath": text(1, func(a []string) string { return mapWords(arg(a, 0), absPath) }),
		"realpath": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			v := e.expand(arg(args, 0))
			return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: mapWords(v.fallback(), absPath),
				why: "$(realpath …) depends on the files present when make runs"})
		}},
		"wildcard": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			v := e.expand(arg(args, 0)).trimSpace()
			return dynVal(&dyn{kind: dynGlob, cmd: v, pos: pos, fallback: ""})
		}},
		"shell": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			v := e.expand(arg(args, 0))
			if s, ok := v.static(); ok && strings.TrimSpace(s) == "pwd" {
				// make runs in the project's directory: $(CURDIR).
				return lit(rootMark)
			}
			return dynVal(&dyn{kind: dynShell, cmd: v, pos: pos})
		}},
		"if":      {3, fnIf},
		"or":      {0, fnOr},
		"and":     {0, fnAnd},
		"foreach": {3, fnForeach},
		"call":    {0, fnCall},
		"value": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			n := e.staticOrWarn(e.expand(arg(args, 0)), "the name given to $(value …)")
			if v := e.lookup(n); v != nil {
				if v.flavor == recursive {
					return lit(v.raw)
				}
				return v.value
			}
			return e.variable(n, pos)
		}},
		"origin": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			n := e.staticOrWarn(e.expand(arg(args, 0)), "the name given to $(origin …)")
			if v := e.lookup(n); v != nil {
				switch v.origin {
				case originOverride:
					return lit("override")
				case originAutomatic:
					return lit("automatic")
				case originDefault:
					return lit("default")
				}
				if v.condDefault {
					return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: "file", why: fmt.Sprintf("$(origin %s) is \"environment\" when the environment sets it", n)})
				}
				return lit("file")
			}
			if _, ok := builtinVars[n]; ok {
				return lit("default")
			}
			return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: "undefined", why: fmt.Sprintf("$(origin %s) depends on the environment", n)})
		}},
		"flavor": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			n := e.staticOrWarn(e.expand(arg(args, 0)), "the name given to $(flavor …)")
			if v := e.lookup(n); v != nil {
				if v.flavor == simple {
					return lit("simple")
				}
				return lit("recursive")
			}
			return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: "undefined", why: fmt.Sprintf("$(flavor %s) depends on the environment", n)})
		}},
		"error":   {1, fnMessage},
		"warning": {1, fnMessage},
		"info":    {1, fnMessage},
		"eval": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			v := e.expand(arg(args, 0))
			if e.recipe {
				return dynVal(&dyn{kind: dynUnknown, pos: pos, why: "$(eval …) in a recipe changes the Makefile while make runs"})
			}
			e.r.eval(e.staticOrWarn(v, "the text given to $(eval …)"), pos)
			return nil
		}},
		"file": {2, func(e *expander, name string, args []string, pos ir.Pos) val {
			return dynVal(&dyn{kind: dynUnknown, pos: pos, why: "$(file …) reads or writes a file while make runs"})
		}},
		"guile": {1, func(e *expander, name string, args []string, pos ir.Pos) val {
			return dynVal(&dyn{kind: dynUnknown, pos: pos, why: "$(guile …) runs Guile code"})
		}},
	}
}

func arg(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return ""
}

// expandArgs expands each argument.
func (e *expander) expandArgs(args []string) []val {
	out := make([]val, len(args))
	for i, a := range args {
		out[i] = e.expand(a)
	}
	return out
}

func staticArgs(vals []val) ([]string, bool) {
	out := make([]string, len(vals))
	for i, v := range vals {
		s, ok := v.static()
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func mapWords(s string, f func(string) string) string {
	var out []string
	for _, w := range fields(s) {
		out = append(out, f(w))
	}
	return strings.Join(out, " ")
}

// mapWordsSkip is mapWords for functions that drop words mapping to "".
func mapWordsSkip(s string, f func(string) string) string {
	var out []string
	for _, w := range fields(s) {
		if r := f(w); r != "" {
			out = append(out, r)
		}
	}
	return strings.Join(out, " ")
}

func dirOf(w string) string {
	if i := strings.LastIndexByte(w, '/'); i >= 0 {
		return w[:i+1]
	}
	return "./"
}

func notDir(w string) string {
	if i := strings.LastIndexByte(w, '/'); i >= 0 {
		return w[i+1:]
	}
	return w
}

func suffixOf(w string) string {
	base := notDir(w)
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return base[i:]
	}
	return ""
}

func baseOf(w string) string {
	slash := strings.LastIndexByte(w, '/')
	if i := strings.LastIndexByte(w, '.'); i > slash {
		return w[:i]
	}
	return w
}

// absPath makes w absolute against the project root, as $(abspath) does
// against make's working directory.
func absPath(w string) string {
	if strings.HasPrefix(w, rootMark) {
		w = "/" + w
	} else if !strings.HasPrefix(w, "/") {
		w = "/" + rootMark + "/" + w
	}
	p := path.Clean(w)
	if strings.HasPrefix(p, "/"+rootMark) {
		return p[1:]
	}
	return p
}

func filterWords(patterns, s string, keep bool) string {
	pats := fields(patterns)
	var out []string
	for _, w := range fields(s) {
		match := false
		for _, p := range pats {
			if _, ok := matchPattern(p, w); ok {
				match = true
				break
			}
		}
		if match == keep {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func dedupSorted(w []string) []string {
	var out []string
	for i, s := range w {
		if i == 0 || s != w[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// fnIf is $(if cond,then[,else]): cond is true when it expands to
// something other than whitespace.
func fnIf(e *expander, name string, args []string, pos ir.Pos) val {
	cond := e.expand(strings.TrimSpace(arg(args, 0)))
	if s, ok := cond.static(); ok {
		if s != "" {
			return e.expand(arg(args, 1))
		}
		if len(args) > 2 {
			return e.expand(args[2])
		}
		return nil
	}
	// The branches' messages are printed only in their case.
	condVar := ""
	if len(cond) == 1 && cond[0].d != nil && (cond[0].d.kind == dynEnv || cond[0].d.kind == dynEnvDefault) {
		condVar = cond[0].d.name
	}
	branch := func(text string, ifSet bool) val {
		c := *e
		c.cond, c.condSet = condVar, ifSet
		if condVar == "" {
			c.cond = "?"
		}
		return c.expand(text)
	}
	then := branch(arg(args, 1), true)
	var els val
	if len(args) > 2 {
		els = branch(args[2], false)
	}
	if then.isEmpty() && els.isEmpty() {
		return nil
	}
	fb := els.fallback()
	if cond.fallback() != "" {
		fb = then.fallback()
	}
	// $(if $(NAME),then) on a variable bash can read: ${NAME:+then}.
	if len(cond) == 1 && cond[0].d != nil && (cond[0].d.kind == dynEnv || cond[0].d.kind == dynEnvDefault) && els.isEmpty() {
		return dynVal(&dyn{kind: dynIfSet, name: cond[0].d.name, cmd: then, fallback: fb, pos: pos, why: envDefaultDeps(cond[0].d)})
	}
	return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: fb, why: "$(if …) on a value known only when make runs"})
}

// envDefaultDeps returns, for a ?= variable, a marker that its prelude
// line is needed.
func envDefaultDeps(d *dyn) string {
	if d.kind == dynEnvDefault {
		return "default"
	}
	return ""
}

func fnOr(e *expander, name string, args []string, pos ir.Pos) val {
	for _, a := range args {
		v := e.expand(a).trimSpace()
		s, ok := v.static()
		if !ok {
			return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: v.fallback(), why: "$(or …) on a value known only when make runs"})
		}
		if s != "" {
			return v
		}
	}
	return nil
}

func fnAnd(e *expander, name string, args []string, pos ir.Pos) val {
	var last val
	for _, a := range args {
		v := e.expand(a).trimSpace()
		s, ok := v.static()
		if !ok {
			return dynVal(&dyn{kind: dynUnknown, pos: pos, fallback: v.fallback(), why: "$(and …) on a value known only when make runs"})
		}
		if s == "" {
			return nil
		}
		last = v
	}
	return last
}

// fnForeach is $(foreach var,list,text).
func fnForeach(e *expander, name string, args []string, pos ir.Pos) val {
	vname := e.staticOrWarn(e.expand(strings.TrimSpace(arg(args, 0))), "the variable of $(foreach …)")
	list := e.expand(arg(args, 1))
	s, ok := list.static()
	if !ok {
		return dynVal(&dyn{kind: dynUnknown, pos: pos, why: "$(foreach …) over a list known only when make runs"})
	}
	var parts []val
	for _, w := range fields(s) {
		scope := map[string]*mkVar{vname: {name: vname, flavor: simple, value: lit(w), origin: originAutomatic}}
		c := *e
		c.scopes = append([]map[string]*mkVar{scope}, e.scopes...)
		parts = append(parts, c.expand(arg(args, 2)))
	}
	return joinVals(parts)
}

// fnCall is $(call var,args...): var expanded with $(1), $(2)... bound.
func fnCall(e *expander, name string, args []string, pos ir.Pos) val {
	if len(args) == 0 {
		// Only $(call call) gets here: make refuses a call without the
		// name of the variable to call.
		return fnMessage(e, "error", []string{"insufficient number of arguments (0) to function 'call'"}, pos)
	}
	vname := e.staticOrWarn(e.expand(strings.TrimSpace(arg(args, 0))), "the variable given to $(call …)")
	scope := map[string]*mkVar{"0": {name: "0", flavor: simple, value: lit(vname), origin: originAutomatic}}
	for i, a := range args[1:] {
		n := strconv.Itoa(i + 1)
		scope[n] = &mkVar{name: n, flavor: simple, value: e.expand(a), origin: originAutomatic}
	}
	// Unset higher numbered arguments of an outer call.
	for i := len(args); i < len(args)+9; i++ {
		n := strconv.Itoa(i)
		scope[n] = &mkVar{name: n, flavor: simple, origin: originAutomatic}
	}
	if f, ok := mkFunctions()[vname]; ok && e.lookup(vname) == nil {
		return f.fn(e, vname, args[1:], pos)
	}
	v := e.lookup(vname)
	if v == nil {
		return nil
	}
	c := *e
	c.scopes = append([]map[string]*mkVar{scope}, e.scopes...)
	if v.flavor == simple {
		return v.value
	}
	return c.expandVar(v, pos)
}

// fnMessage is $(error …), $(warning …) and $(info …).
func fnMessage(e *expander, name string, args []string, pos ir.Pos) val {
	v := e.expand(arg(args, 0))
	text := v.fallback()
	if e.recipe {
		*e.msgs = append(*e.msgs, recipeMsg{fn: name, text: text, pos: pos, cond: e.cond, ifSet: e.condSet})
		return nil
	}
	switch {
	case name == "error" && (e.cond != "" || e.r.assumed()):
		why := "the conditional around it"
		if e.cond != "" {
			why = e.cond
		}
		e.r.diags.Add(pos, ir.IDMakeError,
			fmt.Sprintf("make stops here with the error %q, depending on %s; the output assumes it does not", strings.TrimSpace(text), why), "")
	case name == "error":
		e.r.diags.AddAs(pos, ir.Error, ir.IDMakeError, fmt.Sprintf("make stops here with the error %q", strings.TrimSpace(text)), "")
		e.r.stopped = true
	default:
		e.r.diags.Add(pos, ir.IDMakeMessage, fmt.Sprintf("$(%s …) prints %q whenever make reads the Makefile; the output does not", name, strings.TrimSpace(text)), "")
	}
	return nil
}
