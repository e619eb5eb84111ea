package makefile

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// status returns a check that exits 0 when make would find a file target
// up to date: it exists and no prerequisite is newer.
func (lw *lowerer) status(t *mkTarget) (string, bool) {
	if lw.phony[t.name] || !t.hasRecipe() {
		return "", false
	}
	normal, _ := t.prereqs()
	var dynamic []val
	for _, r := range t.rules {
		if t.doubleColon && len(r.prereqs)+len(r.dynPrereqs) == 0 {
			return "", false // a double-colon rule without prerequisites always runs
		}
		dynamic = append(dynamic, r.dynPrereqs...)
	}
	for _, p := range normal {
		if lw.phony[p] {
			return "", false // a phony prerequisite makes the target run every time
		}
	}
	// A prerequisite that has a rule but is not there after its task
	// ran counts as newer, as it does for make.
	// So does a file with no rule that is missing: make stops there, and
	// the task's exec stops as make does.
	var made []string
	for _, p := range normal {
		if pt := lw.db.targets[p]; pt != nil && pt.hasRecipe() || lw.isPlainFile(p) {
			made = append(made, lw.nameWord(p))
		}
	}
	target := lw.nameWord(t.name)
	if len(dynamic) == 0 && len(normal) <= 3 {
		parts := []string{"[ -e " + target + " ]"}
		for _, p := range made {
			parts = append(parts, "[ -e "+p+" ]")
		}
		for _, p := range normal {
			parts = append(parts, "[ ! "+lw.nameWord(p)+" -nt "+target+" ]")
		}
		return strings.Join(parts, " && "), true
	}
	exists := ""
	for _, p := range made {
		exists += "[ -e " + p + " ] || exit 1\n"
	}
	// The prerequisites in make's order, those known only when make runs
	// as bash computes them.
	var words []string
	rr := &renderer{mode: forTask, args: lw.args, seen: map[string]bool{}}
	for _, p := range normal {
		if !isDynKey(p) {
			words = append(words, lw.nameWord(p))
			continue
		}
		s, err := rr.render(lw.db.dynNames[p])
		if err != nil {
			lw.diags.Add(t.pos, ir.IDMakeDynamic,
				fmt.Sprintf("the prerequisites of %s include %s; the task runs every time", t.name, err), "")
			return "", false
		}
		words = append(words, s)
		for _, x := range rr.used {
			lw.noteDyn(x)
		}
	}
	if len(rr.defaults) > 0 {
		return "", false
	}
	return fmt.Sprintf("[ -e %s ] || exit 1\n%sfor p in %s; do\n  [ ! \"$p\" -nt %s ] || exit 1\ndone\n", target, exists, strings.Join(words, " "), target), true
}
