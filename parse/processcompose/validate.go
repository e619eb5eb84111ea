package processcompose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// validate checks the project as process-compose does when it loads it,
// on the processes it runs: every replica of a process with replicas.
func (r *reader) validate() {
	procs := ir.ExpandReplicas(r.proj.Processes, func(*ir.Process) bool { return true })
	r.checkReplicaNames(procs)
	read := make(map[string]*pcProcess, len(r.procs)) // by the name in the source
	for _, pp := range r.procs {
		read[pp.p.Name] = pp
	}
	byName := readByName(procs, read)
	for _, p := range procs {
		pp := read[nameOf(p)]
		if pp.readyLogLine.IsValid() && p.Readiness != nil {
			r.diags.Add(pp.readyLogLine, ir.IDReadyLogLineProbe,
				fmt.Sprintf("process %q has both ready_log_line and a readiness_probe; process-compose refuses the file", nameOf(p)),
				"keep one of them")
		}
		if p.Replica != nil && p.Replica.Num == 0 {
			for _, at := range []ir.Pos{pp.schedule, pp.watch} {
				if at.IsValid() {
					r.diags.Add(at, ir.IDReplicaConflict,
						fmt.Sprintf("process %q has %d replicas, and process-compose cannot schedule or watch a replicated process: %s", p.Replica.Group, p.Replica.Count, r.strictness()), "")
				}
			}
		}
		if pp.sendKeys.IsValid() && !pp.terminal && (p.Replica == nil || p.Replica.Num == 0) {
			r.diags.Add(pp.sendKeys, ir.IDSendKeys,
				fmt.Sprintf("shutdown.send_keys of process %q needs is_interactive or is_tty to reach the process: %s", nameOf(p), r.strictness()), "")
		}
		for _, d := range p.DependsOn {
			dep := byName[d.Name]
			if dep == nil {
				continue
			}
			if d.Condition == ir.ProcessLogReady && !dep.readyLogLine.IsValid() {
				r.diags.Add(d.Pos, ir.IDLogReadyNoLine,
					fmt.Sprintf("process %q waits for a log line of %q, which has no ready_log_line", p.Name, d.Name),
					"")
			}
			if dep.p.Disabled.Set && dep.p.Disabled.Val {
				r.diags.Add(d.Pos, ir.IDDisabledDep,
					fmt.Sprintf("process %q depends on %q, which is disabled: %s", p.Name, d.Name, r.strictness()), "")
			}
		}
	}
	r.checkDependencies(procs)
}

// readByName returns the processes as read by the names of procs, the
// processes run, which read holds by their names in the source: a
// replica's is its group's. Without replicas, that is read itself.
func readByName(procs []*ir.Process, read map[string]*pcProcess) map[string]*pcProcess {
	if !slices.ContainsFunc(procs, func(p *ir.Process) bool { return p.Replica != nil }) {
		return read
	}
	byName := make(map[string]*pcProcess, len(procs))
	for _, p := range procs {
		byName[p.Name] = read[nameOf(p)]
	}
	return byName
}

// checkReplicaNames reports a replica that has the name of another
// process: process-compose keeps its processes by name, so one of them
// would not run.
func (r *reader) checkReplicaNames(procs []*ir.Process) {
	seen := make(map[string]*ir.Process, len(procs))
	for _, p := range procs {
		other, dup := seen[p.Name]
		if !dup {
			seen[p.Name] = p
			continue
		}
		rep, o := p, other
		if rep.Replica == nil {
			rep, o = other, p
		}
		r.diags.AddRelated(rep.Replica.Pos, ir.IDNameClash,
			fmt.Sprintf("replica %q of process %q has the name of another process", rep.Name, rep.Replica.Group),
			"rename one", o.Pos, fmt.Sprintf("the process %q is defined here", rep.Name))
	}
}

// nameOf names a process in messages: a replica by its group.
func nameOf(p *ir.Process) string {
	if p.Replica != nil {
		return p.Replica.Group
	}
	return p.Name
}

// checkDependencies reports dependencies on processes that do not exist
// and dependency cycles, both of which process-compose refuses.
func (r *reader) checkDependencies(procs []*ir.Process) {
	byName := make(map[string]int, len(procs)) // index in procs
	for i, p := range procs {
		byName[p.Name] = i
	}
	var names []string // for suggestions, made at the first need
	for _, p := range procs {
		for _, d := range p.DependsOn {
			if _, ok := byName[d.Name]; !ok {
				if names == nil {
					names = make([]string, 0, len(procs))
					for _, q := range procs {
						names = append(names, q.Name)
					}
				}
				hint := ""
				if s := sourcecheck.Suggest(d.Name, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				r.diags.Add(d.Pos, ir.IDUndefinedDep,
					fmt.Sprintf("process %q depends on %q, which is not defined; process-compose refuses the file", p.Name, d.Name), hint)
			}
		}
	}
	// Depth-first search for a cycle, reported once at the edge that
	// closes it.
	const (
		unvisited = iota
		active
		done
	)
	// state is by name, at the index byName gives the name: replicas
	// can have the name of another process, reported above.
	state := make([]uint8, len(procs))
	var stack []string
	var visit func(p *ir.Process) bool
	visit = func(p *ir.Process) bool {
		i := byName[p.Name]
		state[i] = active
		stack = append(stack, p.Name)
		for _, d := range p.DependsOn {
			j, ok := byName[d.Name]
			if !ok {
				continue
			}
			q := procs[j]
			switch state[j] {
			case active:
				at := slices.Index(stack, q.Name)
				cycle := append(append([]string(nil), stack[at:]...), q.Name)
				r.diags.Add(d.Pos, ir.IDCycle,
					"processes depend on each other in a cycle: "+strings.Join(cycle, " → ")+"; process-compose refuses the file", "remove one of these dependencies")
				return true
			case unvisited:
				if visit(q) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = done
		return false
	}
	for _, p := range procs {
		if state[byName[p.Name]] == unvisited && visit(p) {
			return
		}
	}
}
