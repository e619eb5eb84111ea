package makefile

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// condFrame is one open conditional (ifeq … endif).
type condFrame struct {
	pos ir.Pos
	// outer says the enclosing lines are read.
	outer bool
	// active says the current branch is read.
	active bool
	// taken says a branch has been taken, so later else branches are
	// not.
	taken   bool
	sawElse bool
	// assumed says a condition was decided by assumption (it depends on
	// the environment).
	assumed bool
}

// assumed reports whether the lines being read depend on a condition
// decided by assumption.
func (r *reader) assumed() bool {
	for _, c := range r.conds {
		if c.assumed {
			return true
		}
	}
	return false
}

// skipping reports whether lines are in a conditional branch that is not
// read.
func (r *reader) skipping() bool {
	n := len(r.conds)
	return n > 0 && !r.conds[n-1].active
}

// conditional handles ifeq, ifneq, ifdef, ifndef, else and endif; it
// reports false for any other line.
func (r *reader) conditional(word, rest string, l *mkLine) bool {
	switch word {
	case "ifeq", "ifneq", "ifdef", "ifndef":
		outer := !r.skipping()
		f := condFrame{pos: l.pos, outer: outer}
		if outer {
			f.active, f.assumed = r.evalCond(word, rest, l)
			f.taken = f.active
		}
		r.conds = append(r.conds, f)
		return true
	case "else":
		n := len(r.conds)
		if n == 0 {
			r.diags.Add(l.pos, ir.IDMakeSyntax, "else without a matching if", "")
			return true
		}
		f := &r.conds[n-1]
		if f.sawElse {
			r.diags.Add(l.pos, ir.IDMakeSyntax, "only one else per conditional", "")
			return true
		}
		w, cond := firstWord(rest)
		switch w {
		case "":
			f.sawElse = true
			f.active = f.outer && !f.taken
			f.taken = f.taken || f.active
		case "ifeq", "ifneq", "ifdef", "ifndef":
			if f.outer && !f.taken {
				var assumed bool
				f.active, assumed = r.evalCond(w, cond, l)
				f.assumed = f.assumed || assumed
				f.taken = f.active
			} else {
				f.active = false
			}
		default:
			r.diags.Add(l.pos, ir.IDMakeSyntax, "extraneous text after else", "")
		}
		return true
	case "endif":
		if len(r.conds) == 0 {
			r.diags.Add(l.pos, ir.IDMakeSyntax, "endif without a matching if", "")
			return true
		}
		r.conds = r.conds[:len(r.conds)-1]
		return true
	}
	return false
}

// evalCond evaluates the condition of an ifeq, ifneq, ifdef or ifndef.
// A condition that depends on the environment or on commands is decided
// as make decides it when the variables are unset, with a warning.
func (r *reader) evalCond(word, rest string, l *mkLine) (result, assumed bool) {
	n := len(*r.diags)
	result = r.evalCondition(word, rest, l)
	for _, d := range (*r.diags)[n:] {
		if d.ID == ir.IDMakeCondition {
			assumed = true
		}
	}
	return result, assumed
}

func (r *reader) evalCondition(word, rest string, l *mkLine) bool {
	e := r.expanderAt(l, -1)
	rest = strings.TrimSpace(rest)
	switch word {
	case "ifdef", "ifndef":
		name := e.expand(rest)
		n, ok := name.static()
		if !ok {
			r.condWarning(l, word+" "+rest, name)
			n = name.fallback()
		}
		n = strings.TrimSpace(n)
		defined := false
		if v := e.lookup(n); v != nil {
			if v.flavor == recursive {
				defined = v.raw != ""
			} else {
				defined = len(v.value) > 0
			}
			if v.condDefault && !defined {
				r.condWarning(l, word+" "+n, e.variable(n, l.pos))
			}
		} else if _, ok := builtinVars[n]; ok {
			defined = true
		} else if n != "" && !isMakeVar(n) {
			r.condWarning(l, word+" "+n, r.envVar(n, l.pos))
		} else if isMakeVar(n) {
			defined = e.variable(n, l.pos) != nil
		}
		return defined == (word == "ifdef")
	}
	a, b, ok := splitCondArgs(rest)
	if !ok {
		r.diags.Add(l.pos, ir.IDMakeSyntax, fmt.Sprintf("invalid syntax in conditional: %s %s", word, rest), "write ifeq (a,b) or ifeq \"a\" \"b\"")
		return false
	}
	va, vb := e.expand(a), e.expand(b)
	sa, ok1 := va.static()
	sb, ok2 := vb.static()
	if !ok1 || !ok2 {
		dynPart := va
		if ok1 {
			dynPart = vb
		}
		r.condWarning(l, word+" "+rest, dynPart)
		sa, sb = va.fallback(), vb.fallback()
	}
	return (sa == sb) == (word == "ifeq")
}

// isMakeVar reports whether name is one of the variables make defines.
func isMakeVar(name string) bool {
	switch name {
	case "MAKE", "CURDIR", "MAKEFILE_LIST", "SHELL", ".SHELLFLAGS", "MAKE_VERSION", ".DEFAULT_GOAL", "MAKEFLAGS", "MAKECMDGOALS", "MAKELEVEL":
		return true
	}
	return false
}

// condWarning reports a conditional the converter decides by assumption.
func (r *reader) condWarning(l *mkLine, cond string, v val) {
	why := "a value known only when make runs"
	for _, d := range v.dyns() {
		why = describeDyn(d)
		break
	}
	r.diags.Add(l.pos, ir.IDMakeCondition,
		fmt.Sprintf("%s depends on %s", strings.TrimSpace(cond), why),
		"")
}

// splitCondArgs splits the arguments of ifeq/ifneq: "(a,b)", or two
// quoted strings.
func splitCondArgs(s string) (a, b string, ok bool) {
	if strings.HasPrefix(s, "(") {
		end := matchClose(s, 0)
		if end < 0 {
			return "", "", false
		}
		inner := s[1:end]
		comma := topLevelIndex(inner, ',', '(')
		if comma < 0 {
			return "", "", false
		}
		return strings.TrimRight(inner[:comma], " \t"), strings.TrimLeft(inner[comma+1:], " \t"), true
	}
	var parts []string
	for len(parts) < 2 {
		s = strings.TrimLeft(s, " \t")
		if s == "" || (s[0] != '"' && s[0] != '\'') {
			return "", "", false
		}
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 {
			return "", "", false
		}
		parts = append(parts, s[1:end+1])
		s = s[end+2:]
	}
	return parts[0], parts[1], strings.TrimSpace(s) == ""
}
