package emit

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

var (
	validName = lazyre.New(`^[A-Za-z0-9_-]+$`)
	badRun    = lazyre.New(`[^A-Za-z0-9_-]+`)
)

// processNames decides the name each process has in the output. Under
// devenv 2 a process is also the task devenv:processes:<name>, and task
// names allow only [A-Za-z0-9_-] there: other names are changed (dots and
// spaces become "-"), made unique, and reported. devenv 1 keeps every name.
func (l *lowerer) processNames() {
	l.names = map[string]string{}
	taken := map[string]bool{}
	for _, p := range l.proj.Processes {
		if !l.t.typed() || validName.MatchString(p.Name) {
			taken[p.Name] = true
		}
	}
	for _, p := range l.proj.Processes {
		name := p.Name
		if l.t.typed() && !validName.MatchString(name) {
			base := strings.Trim(badRun.ReplaceAllString(name, "-"), "-")
			if base == "" {
				base = "process"
			}
			name = base
			for i := 2; taken[name]; i++ {
				name = fmt.Sprintf("%s-%d", base, i)
			}
			taken[name] = true
			l.diags.Add(p.Pos, ir.IDRenamed,
				fmt.Sprintf("process %q is called %q in the output", p.Name, name), "")
		}
		l.names[p.Name] = name
	}
}
