package emit

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

var badRun = lazyre.New(`[^A-Za-z0-9_-]+`)

// validName reports whether name is a valid task name: one or more of
// [A-Za-z0-9_-].
func validName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// processNames decides the name each process has in the output. Under
// devenv 2 a process is also the task devenv:processes:<name>, and task
// names allow only [A-Za-z0-9_-] there: other names are changed (dots and
// spaces become "-"), made unique, and reported. devenv 1 keeps every name.
func (l *lowerer) processNames() {
	l.names = make(map[string]string, len(l.proj.Processes))
	taken := make(map[string]bool, len(l.proj.Processes))
	for _, p := range l.proj.Processes {
		if !l.t.typed() || validName(p.Name) {
			taken[p.Name] = true
		}
	}
	for _, p := range l.proj.Processes {
		name := p.Name
		if l.t.typed() && !validName(name) {
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
