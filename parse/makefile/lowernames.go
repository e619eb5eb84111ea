package makefile

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

var (
	validTaskName = lazyre.New(`^[A-Za-z0-9_-]+$`)
	badNameRun    = lazyre.New(`[^A-Za-z0-9_-]+`)
)

// names decides the task and script name of each target: names outside
// [A-Za-z0-9_-] have their other characters replaced by "-".
func (lw *lowerer) names() {
	taken := map[string]bool{}
	for _, name := range lw.db.order {
		if (lw.tasks[name] || lw.process[name]) && validTaskName.MatchString(name) {
			taken[name] = true
		}
	}
	for _, name := range lw.db.order {
		if !lw.tasks[name] && !lw.process[name] {
			continue
		}
		out := name
		if !validTaskName.MatchString(name) {
			base := strings.Trim(badNameRun.ReplaceAllString(name, "-"), "-")
			if base == "" {
				base = "target"
			}
			out = base
			for i := 2; taken[out]; i++ {
				out = fmt.Sprintf("%s-%d", base, i)
			}
			taken[out] = true
			what := "the task " + taskPrefix + out
			if lw.process[name] {
				what = "the process " + out
			} else if lw.wantsScript(name) {
				what += " and the script " + out
			}
			lw.diags.Add(lw.db.targets[name].pos, ir.IDRenamed,
				fmt.Sprintf("target %q becomes %s", name, what), "")
		}
		if lw.tasks[name] {
			lw.taskName[name] = taskPrefix + out
		}
		lw.scriptName[name] = out
	}
}

// wantsScript reports whether a target gets a script.
func (lw *lowerer) wantsScript(name string) bool {
	switch lw.opts.Scripts {
	case "none":
		return false
	case "all":
		return lw.tasks[name]
	}
	return lw.tasks[name] && lw.phony[name]
}

// bashBuiltins returns the names bash runs as builtins before looking at
// PATH. It builds the set on first use.
var bashBuiltins = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`alias bg bind break builtin caller cd command compgen complete compopt continue
		declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill
		let local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source
		suspend test times trap true type typeset ulimit umask unalias unset wait`) {
		m[n] = true
	}
	return m
})
