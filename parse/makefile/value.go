package makefile

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// A val is the result of expanding make text: literal text, which make
// would paste into the shell command as it is, and dynamic parts, whose
// value make knows only when it runs (an environment variable, the output
// of $(shell …)). The converter never runs anything: dynamic parts become
// bash that computes the same value when the task runs.
type val []piece

// piece is literal text (d is nil) or one dynamic part.
type piece struct {
	lit string
	d   *dyn
}

// dynKind says what a dynamic part is.
type dynKind int

const (
	// dynEnv is a variable the Makefile does not define: make reads it
	// from the environment, and so does bash (${NAME}).
	dynEnv dynKind = iota
	// dynEnvDefault is a variable set with ?=: the environment's value
	// when there is one, else the default (fallback).
	dynEnvDefault
	// dynShell is $(shell cmd): bash's $(cmd).
	dynShell
	// dynGlob is $(wildcard pattern): the pattern, for bash to expand.
	dynGlob
	// dynIfSet is $(if $(NAME),then) on an environment variable:
	// ${NAME:+then}.
	dynIfSet
	// dynUnknown is a value the converter cannot express in bash, such
	// as a function applied to a dynamic value.
	dynUnknown
)

// dyn is a dynamic part of a val.
type dyn struct {
	kind dynKind
	// name is the variable of dynEnv, dynEnvDefault and dynIfSet.
	name string
	// cmd is the command of dynShell, the pattern of dynGlob, the
	// "then" text of dynIfSet.
	cmd val
	// fallback is the value the converter assumes where it needs a
	// static one: empty for an unset variable, the default of ?=, the
	// result of a function over such assumptions.
	fallback string
	// why says, for dynUnknown, what cannot be expressed.
	why string
	// sep says a space follows the value when it is not empty: make's
	// += on a variable the environment may set.
	sep bool
	pos ir.Pos
}

// rootMark stands for make's working directory ($(CURDIR)), the project's
// root: a fixed absolute path the converter does not know. Functions treat
// it as text; in bash it becomes $DEVENV_ROOT, and a path that starts with
// it is a path relative to the root.
const rootMark = "\uE000ROOT\uE001"

func lit(s string) val {
	if s == "" {
		return nil
	}
	return val{{lit: s}}
}

func dynVal(d *dyn) val { return val{{d: d}} }

// add appends w to v, merging adjacent literals.
func (v val) add(w ...piece) val {
	for _, p := range w {
		if p.d == nil {
			if p.lit == "" {
				continue
			}
			if n := len(v); n > 0 && v[n-1].d == nil {
				v[n-1].lit += p.lit
				continue
			}
		}
		v = append(v, p)
	}
	return v
}

func (v val) addLit(s string) val { return v.add(piece{lit: s}) }

// static returns v's text when it holds no dynamic part.
func (v val) static() (string, bool) {
	var b strings.Builder
	for _, p := range v {
		if p.d != nil {
			return "", false
		}
		b.WriteString(p.lit)
	}
	return b.String(), true
}

// fallback returns v's text with each dynamic part replaced by its
// fallback value.
func (v val) fallback() string {
	var b strings.Builder
	for _, p := range v {
		if p.d != nil {
			b.WriteString(p.d.fallback)
		} else {
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// dyns returns v's dynamic parts, nested ones included.
func (v val) dyns() []*dyn {
	var out []*dyn
	for _, p := range v {
		if p.d != nil {
			out = append(out, p.d)
			out = append(out, p.d.cmd.dyns()...)
		}
	}
	return out
}

// isEmpty reports whether v holds nothing but whitespace.
func (v val) isEmpty() bool {
	for _, p := range v {
		if p.d != nil || strings.TrimSpace(p.lit) != "" {
			return false
		}
	}
	return true
}

// trimSpace removes leading and trailing whitespace of v's literal ends.
func (v val) trimSpace() val {
	out := append(val(nil), v...)
	for len(out) > 0 && out[0].d == nil {
		s := strings.TrimLeft(out[0].lit, " \t\n")
		if s != "" {
			out[0].lit = s
			break
		}
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1].d == nil {
		s := strings.TrimRight(out[len(out)-1].lit, " \t\n")
		if s != "" {
			out[len(out)-1].lit = s
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// words splits v at whitespace in its literal parts. A dynamic part joins
// the word it touches.
func (v val) words() []val {
	var out []val
	var cur val
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, p := range v {
		if p.d != nil {
			cur = cur.add(p)
			continue
		}
		s := p.lit
		for s != "" {
			i := strings.IndexAny(s, " \t\n")
			if i < 0 {
				cur = cur.addLit(s)
				break
			}
			cur = cur.addLit(s[:i])
			flush()
			s = strings.TrimLeft(s[i:], " \t\n")
		}
	}
	flush()
	return out
}

// joinVals joins vs with single spaces.
func joinVals(vs []val) val {
	var out val
	for i, w := range vs {
		if i > 0 {
			out = out.addLit(" ")
		}
		out = out.add(w...)
	}
	return out
}

// fields splits s at whitespace as make does.
func fields(s string) []string { return strings.Fields(s) }

// rootRel turns a path that starts with the project root into a path
// relative to it, as make's targets and prerequisites are.
func rootRel(s string) string {
	if s == rootMark {
		return "."
	}
	if rest, ok := strings.CutPrefix(s, rootMark+"/"); ok {
		if rest == "" {
			return "."
		}
		return rest
	}
	return s
}

// envOnly reports whether v's dynamic parts are all environment variables
// (at least one): a name make computes from the environment, which bash
// can compute the same way.
func (v val) envOnly() bool {
	found := false
	for _, p := range v {
		if p.d != nil {
			if p.d.kind != dynEnv {
				return false
			}
			found = true
		}
	}
	return found
}

// makeText writes v as make text: literal parts as they are, environment
// variables as $(NAME), other dynamic parts as their fallback. It names a
// target computed from the environment.
func (v val) makeText() string {
	var b strings.Builder
	for _, p := range v {
		switch {
		case p.d == nil:
			b.WriteString(p.lit)
		case p.d.kind == dynEnv || p.d.kind == dynEnvDefault:
			b.WriteString("$(" + p.d.name + ")")
		default:
			b.WriteString(p.d.fallback)
		}
	}
	return b.String()
}
