package makefile

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// expander expands make text: variable references, functions and "$$".
// Parse-time contexts (targets, prerequisites, :=, conditionals) and
// recipes use the same expander; recipes bind the automatic variables and
// the target's own variables in scopes.
type expander struct {
	r *reader
	// scopes hold automatic and target-specific variables, innermost
	// first.
	scopes []map[string]*mkVar
	// line and base locate the text being expanded, for positions; base
	// is -1 inside a variable's value.
	line *mkLine
	base int
	pos  ir.Pos
	busy map[string]bool
	// recipe is set while expanding a recipe: messages become commands
	// (in msgs) instead of diagnostics.
	recipe bool
	msgs   *[]recipeMsg
	// target names the rule whose recipe is expanded, for messages.
	target string
	// cond names the variable whose being set (condSet) or not decides
	// whether the text being expanded is used: the branches of
	// $(if $(VAR),…); "?" when it is not a variable bash can test.
	cond    string
	condSet bool
	depth   int
}

// recipeMsg is an $(info), $(warning) or $(error) met while expanding a
// recipe: make prints it before running the recipe's first line.
type recipeMsg struct {
	fn, text string
	pos      ir.Pos
	// cond, when set, is the variable whose being set (ifSet) or unset
	// decides whether make prints the message: $(if $(V),…,$(error …)).
	cond  string
	ifSet bool
}

const maxExpandDepth = 200

// maxExpansion bounds the text expanded while reading one Makefile, so
// that variables that double at each level cannot exhaust memory.
const maxExpansion = 16 << 20

// expanderAt returns an expander of the text of line l from offset base,
// or, when l is nil, of text outside any line.
func (r *reader) expanderAt(l *mkLine, base int) *expander {
	e := &expander{r: r, line: l, base: base, busy: map[string]bool{}}
	if l != nil {
		e.pos = l.pos
	}
	return e
}

// expander returns an expander of text outside any makefile line, such as
// a variable's value or a recipe, over the database as read: what the
// lowering expands with.
func (db *database) expander() *expander { return db.reader.expanderAt(nil, -1) }

// posAt returns the position of offset i of the text being expanded.
func (e *expander) posAt(i int) ir.Pos {
	if e.line != nil && e.base >= 0 {
		return e.line.at(e.base + i)
	}
	return e.pos
}

// sub returns an expander for text that is not part of the line (a
// variable's value), reporting at pos.
func (e *expander) sub(pos ir.Pos) *expander {
	c := *e
	c.base = -1
	c.pos = pos
	return &c
}

// expand expands s.
func (e *expander) expand(s string) val {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxExpandDepth {
		e.r.diags.Add(e.pos, ir.IDMakeSyntax, "variables expand too deeply (more than 200 levels)", "")
		return nil
	}
	var out val
	e.r.budget -= len(s)
	if e.r.budget < 0 {
		if !e.r.stopped {
			e.r.diags.Add(e.pos, ir.IDMakeSyntax, fmt.Sprintf("the Makefile's variables expand to more than %d bytes; refusing to expand further", maxExpansion), "")
			e.r.stopped = true
		}
		return nil
	}
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '$')
		if j < 0 {
			out = out.addLit(s[i:])
			break
		}
		out = out.addLit(s[i : i+j])
		i += j
		if i+1 >= len(s) {
			// A "$" at the very end expands to nothing.
			break
		}
		c := s[i+1]
		switch c {
		case '$':
			out = out.addLit("$")
			i += 2
		case '(', '{':
			end := matchClose(s, i+1)
			if end < 0 {
				e.r.diags.Add(e.posAt(i), ir.IDMakeSyntax, "unterminated variable reference", "close it with "+string(closer(c)))
				return out
			}
			inner := s[i+2 : end]
			ref := e.withBase(i + 2)
			out = out.add(ref.reference(inner, c, i)...)
			i = end + 1
		default:
			// $X names a one-character variable; a character, not a
			// byte, so that UTF-8 stays whole.
			_, size := utf8.DecodeRuneInString(s[i+1:])
			out = out.add(e.variable(s[i+1:i+1+size], e.posAt(i))...)
			i += 1 + size
		}
	}
	for _, p := range out {
		e.r.budget -= len(p.lit)
	}
	return out
}

// withBase returns e with its base moved by off, for text inside s.
func (e *expander) withBase(off int) *expander {
	if e.base < 0 {
		return e
	}
	c := *e
	c.base += off
	return &c
}

func closer(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ')'
}

// matchClose returns the index of the bracket that closes the one at
// s[open], counting nested brackets of the same kind as make does, or -1.
func matchClose(s string, open int) int {
	o := s[open]
	c := closer(o)
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

var funcNameRE = lazyre.New(`^([a-z-]+)[ \t]`)

// reference expands the inside of $(...) or ${...}: a function call, a
// substitution reference or a variable.
func (e *expander) reference(inner string, open byte, at int) val {
	if m := funcNameRE.FindStringSubmatch(inner); m != nil {
		if f, ok := mkFunctions()[m[1]]; ok {
			argText := strings.TrimLeft(inner[len(m[1]):], " \t")
			args := splitArgs(argText, open, f.maxArgs)
			return f.fn(e, m[1], args, e.posAt(-2))
		}
	}
	// A substitution reference: $(VAR:a=b).
	if colon := topLevelIndex(inner, ':', open); colon >= 0 {
		if eq := strings.IndexByte(inner[colon:], '='); eq >= 0 {
			name := e.expand(inner[:colon])
			from := e.withBase(colon + 1).expand(inner[colon+1 : colon+eq])
			to := e.withBase(colon + eq + 1).expand(inner[colon+eq+1:])
			v := e.variable(e.staticOrWarn(name, "a variable name"), e.posAt(-2))
			return e.substRef(v, from, to)
		}
	}
	name := inner
	if strings.Contains(inner, "$") {
		name = e.staticOrWarn(e.expand(inner), "a variable name")
	}
	return e.variable(name, e.posAt(-2))
}

// topLevelIndex returns the index of c in s outside nested references, or
// -1.
func topLevelIndex(s string, c byte, open byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case c:
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// ruleColon returns the index of the colon that separates a rule's
// targets from its prerequisites: the first outside variable references,
// or -1.
func ruleColon(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'):
			end := matchClose(s, i+1)
			if end < 0 {
				return -1
			}
			i = end
		case s[i] == '$':
			i++
		case s[i] == ':':
			return i
		}
	}
	return -1
}

// splitArgs splits a function's argument text at top-level commas; the
// last of max arguments takes the rest of the text.
func splitArgs(s string, open byte, max int) []string {
	var args []string
	depth := 0
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '{':
			depth++
		case ')', '}':
			depth--
		case ',':
			if depth == 0 && (max <= 0 || len(args) < max-1) {
				args = append(args, s[start:i])
				start = i + 1
			}
		}
	}
	return append(args, s[start:])
}

// staticOrWarn returns v's text, or its fallback with a warning when it
// depends on what make knows only when it runs.
func (e *expander) staticOrWarn(v val, what string) string {
	if s, ok := v.static(); ok {
		return s
	}
	e.r.dynWarning(e.pos, what, v)
	return v.fallback()
}

// substRef applies a substitution reference to v.
func (e *expander) substRef(v, from, to val) val {
	f, ok1 := from.static()
	t, ok2 := to.static()
	s, ok3 := v.static()
	if !ok1 || !ok2 || !ok3 {
		return e.unknown("a substitution reference $(VAR:a=b) on a value known only when make runs", v)
	}
	if !strings.Contains(f, "%") {
		f, t = "%"+f, "%"+t
	}
	return lit(patsubst(f, t, s))
}

// unknown returns a dynamic part the converter cannot express, with the
// fallback computed from v's fallback.
func (e *expander) unknown(why string, from val, fallback ...string) val {
	fb := ""
	if len(fallback) > 0 {
		fb = fallback[0]
	}
	_ = from
	return dynVal(&dyn{kind: dynUnknown, why: why, fallback: fb, pos: e.pos})
}

// lookup finds the variable called name in the scopes and the database.
func (e *expander) lookup(name string) *mkVar {
	for _, s := range e.scopes {
		if v := s[name]; v != nil {
			return v
		}
	}
	return e.r.db.vars[name]
}

// variable expands a reference to the variable called name.
func (e *expander) variable(name string, pos ir.Pos) val {
	if env, ok := strings.CutPrefix(name, "\x00"); ok {
		// The environment's value that += appends to, with the space
		// make puts between them when there is one.
		v := e.r.envVar(env, pos)
		if len(v) == 1 {
			v[0].d.sep = true
		}
		return v
	}
	if v := e.lookup(name); v != nil {
		return e.value(v, pos)
	}
	if len(name) == 2 && strings.ContainsRune("@<^+*?|%", rune(name[0])) && (name[1] == 'D' || name[1] == 'F') {
		if base := e.lookup(name[:1]); base != nil && base.origin == originAutomatic {
			s, ok := base.value.static()
			if !ok {
				return dirOrFile(base.value, name[1] == 'D', pos)
			}
			var parts []string
			for _, w := range fields(s) {
				if name[1] == 'D' {
					d := path.Dir(w)
					parts = append(parts, d)
				} else {
					parts = append(parts, path.Base(w))
				}
			}
			return lit(strings.Join(parts, " "))
		}
	}
	switch name {
	case "MAKE":
		return lit("make")
	case "CURDIR":
		return lit(rootMark)
	case "MAKEFILE_LIST":
		return lit(" " + strings.Join(e.r.db.makefiles, " "))
	case "SHELL":
		return lit("/bin/sh")
	case ".SHELLFLAGS":
		return lit("-c")
	case "MAKE_VERSION":
		return lit("4.3")
	case ".DEFAULT_GOAL":
		return lit(e.r.db.defaultGoal)
	case "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES":
		return nil
	case "MAKECMDGOALS":
		return dynVal(&dyn{kind: dynUnknown, why: "$(MAKECMDGOALS) is the targets named on make's command line", pos: pos})
	case "MAKELEVEL":
		return lit("0")
	}
	if b, ok := builtinVars[name]; ok {
		return e.sub(pos).expand(b)
	}
	if name == "" {
		return nil
	}
	return e.r.envVar(name, pos)
}

// dirOrFile returns the directory part (or the file part) of one name
// whose value is known only when make runs, such as $(@D) of a target
// named from the environment: split at the last "/" of its literal end.
func dirOrFile(v val, dir bool, pos ir.Pos) val {
	if len(v.words()) == 1 && len(v) > 0 && v[len(v)-1].d == nil {
		last := v[len(v)-1].lit
		if i := strings.LastIndexByte(last, '/'); i >= 0 {
			head := append(val(nil), v[:len(v)-1]...)
			if dir {
				if i == 0 && len(head) == 0 {
					return lit("/")
				}
				return head.addLit(last[:i])
			}
			return lit(last[i+1:])
		}
	}
	return dynVal(&dyn{kind: dynUnknown, pos: pos, why: "$(@D) or $(@F) of a name known only when make runs"})
}

// builtinVars are make's own default variables that Makefiles use in
// recipes. The environment can override them; the output uses make's
// values.
var builtinVars = map[string]string{
	"RM": "rm -f", "CC": "cc", "CXX": "g++", "CPP": "$(CC) -E", "AR": "ar", "ARFLAGS": "rv",
	"AS": "as", "LD": "ld", "LEX": "lex", "YACC": "yacc", "FC": "f77", "PC": "pc",
	"MAKEINFO": "makeinfo", "TEX": "tex", "TEXI2DVI": "texi2dvi", "CO": "co", "GET": "get",
}

// value returns the value of v.
func (e *expander) value(v *mkVar, pos ir.Pos) val {
	if v.flavor == simple {
		return v.value
	}
	if v.condDefault && v.origin != originAutomatic {
		def := e.expandVar(v, pos)
		return dynVal(&dyn{kind: dynEnvDefault, name: v.name, cmd: def, fallback: def.fallback(), pos: pos})
	}
	return e.expandVar(v, pos)
}

// expandVar expands a recursive variable's text.
func (e *expander) expandVar(v *mkVar, pos ir.Pos) val {
	if e.busy[v.name] {
		if e.recipe && e.msgs != nil {
			// make stops when it expands the recipe, before running it.
			*e.msgs = append(*e.msgs, recipeMsg{fn: "error", text: fmt.Sprintf("Recursive variable '%s' references itself (eventually)", v.name),
				pos: v.pos, cond: e.cond, ifSet: e.condSet})
			return nil
		}
		e.r.diags.Add(pos, ir.IDMakeSyntax, fmt.Sprintf("recursive variable %q references itself (eventually)", v.name), "use := to build on the previous value")
		return nil
	}
	e.busy[v.name] = true
	defer delete(e.busy, v.name)
	return e.sub(pos).expand(v.raw)
}

// envVar is a reference to a variable the Makefile does not define: make
// takes it from the environment, and bash can too.
func (r *reader) envVar(name string, pos ir.Pos) val {
	if !shellNameRE.MatchString(name) {
		if !r.notedEnv[name] {
			r.notedEnv[name] = true
			r.diags.Add(pos, ir.IDMakeEnvVar,
				fmt.Sprintf("variable %q is not defined in the Makefile, and bash cannot read a variable of that name from the environment; it expands to nothing", name), "")
		}
		return nil
	}
	return dynVal(&dyn{kind: dynEnv, name: name, pos: pos})
}

var shellNameRE = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// patsubst replaces the words of s that match pattern (with one "%") by
// replacement, whose "%" stands for the matched stem.
func patsubst(pattern, replacement, s string) string {
	var out []string
	for _, w := range fields(s) {
		if stem, ok := matchPattern(pattern, w); ok {
			out = append(out, substPercent(replacement, stem))
		} else {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// matchPattern matches w against a pattern with at most one "%".
func matchPattern(pattern, w string) (stem string, ok bool) {
	i := strings.IndexByte(pattern, '%')
	if i < 0 {
		return "", pattern == w
	}
	pre, suf := pattern[:i], pattern[i+1:]
	if len(w) < len(pre)+len(suf) || !strings.HasPrefix(w, pre) || !strings.HasSuffix(w, suf) {
		return "", false
	}
	return w[len(pre) : len(w)-len(suf)], true
}

func substPercent(replacement, stem string) string {
	if i := strings.IndexByte(replacement, '%'); i >= 0 {
		return replacement[:i] + stem + replacement[i+1:]
	}
	return replacement
}
