package makefile

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/shell"
)

// Targets and prerequisites named from the environment
// ($(project)/app/dist/index.html) go by their make text in the database,
// and their tasks by a name made of it; wherever the output needs the
// path, bash computes it from the environment, as make did.

// nameVal returns the value of a target or prerequisite name: computed
// from the environment, or the name itself.
func (lw *lowerer) nameVal(name string) val {
	if v, ok := lw.db.envNames[name]; ok {
		return v
	}
	if v, ok := lw.db.dynNames[name]; ok {
		return v
	}
	return lit(name)
}

// namesVal joins the values of names with spaces, as make's automatic
// variables hold them.
func (lw *lowerer) namesVal(names []string) val {
	var out val
	for i, n := range names {
		if i > 0 {
			out = out.addLit(" ")
		}
		out = out.add(lw.nameVal(n)...)
	}
	return out
}

// nameWord returns a target or prerequisite name as one bash word.
func (lw *lowerer) nameWord(name string) string {
	if _, ok := lw.db.envNames[name]; !ok {
		return shell.Quote(name, shell.ReadableQuotes)
	}
	return `"` + lw.nameInDouble(name) + `"`
}

// nameInDouble returns a name for the inside of a "…" bash string.
func (lw *lowerer) nameInDouble(name string) string {
	v, ok := lw.db.envNames[name]
	if !ok {
		return shell.EscapeDouble(name)
	}
	var b strings.Builder
	pieces := splitRoot(v)
	for i, p := range pieces {
		if p.d == nil {
			b.WriteString(shell.EscapeDouble(p.lit))
			continue
		}
		next := byte(0)
		if i+1 < len(pieces) && pieces[i+1].d == nil && pieces[i+1].lit != "" {
			next = pieces[i+1].lit[0]
		}
		b.WriteString(varExpr(p.d.name, next))
	}
	return b.String()
}

// fromEnv reports whether a name is computed from the environment.
func (lw *lowerer) fromEnv(name string) bool {
	_, ok := lw.db.envNames[name]
	return ok
}

// isDynKey reports whether a prerequisite is one known only when make
// runs, which stands in the lists by a key (see mkDB.dynNames).
func isDynKey(name string) bool { return strings.HasPrefix(name, "\x00") }

// staticPrereqs returns the prerequisites of t that are not known only
// when make runs.
func staticPrereqs(list []string) []string {
	var out []string
	for _, p := range list {
		if !isDynKey(p) {
			out = append(out, p)
		}
	}
	return out
}
