package emit

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// replicas decides what becomes of processes with replicas, which the
// project keeps as one process each. Under devenv 2's native manager they
// are expanded into one process per replica: it has no replicas. Under
// the process-compose targets a process stays one, with replicas passed
// through, so that process-compose makes them; it is expanded when its
// replicas render their templates differently (process-compose cannot
// render the command devenv runs), or when another process waits for it
// to succeed under devenv 2 (which makes each replica a one-shot task).
// It returns p itself when nothing changes.
func (l *lowerer) replicas(p *ir.Project) *ir.Project {
	expand := map[*ir.Process]bool{}
	kept := map[string]int{}      // group → replicas, for groups kept whole
	member := map[string]string{} // replica name → group, for groups kept whole
	for _, proc := range p.Processes {
		reps := proc.Replicate()
		if reps == nil {
			continue
		}
		if !l.t.processCompose() || proc.PerReplica != nil || l.t.typed() && l.waitedToSucceed(p, proc) {
			expand[proc] = true
			l.diags.Add(proc.Replicas.Pos, ir.IDReplicas, l.unrolledWhy(proc, reps), "")
			l.decide(proc.KeyPath.Child("replicas"), mapped("one process per replica, "+replicaNames(reps)+", with PC_REPLICA_NUM in env"))
			continue
		}
		kept[proc.Name] = len(reps)
		for _, r := range reps {
			member[r.Name] = proc.Name
		}
	}
	if len(expand) == 0 && len(kept) == 0 {
		return p
	}
	q := *p
	q.Processes = ir.ExpandReplicas(p.Processes, func(proc *ir.Process) bool { return expand[proc] })
	// Dependencies on replicas of a process kept whole become dependencies
	// on the process, which process-compose fans out to every replica
	// again.
	for i, proc := range q.Processes {
		var deps []ir.Dependency
		seen := map[string]int{} // group → how many of its replicas proc waits for
		changed := false
		for _, d := range proc.DependsOn {
			g, isReplica := member[d.Name]
			count, isGroup := kept[d.Name]
			if !isReplica && !isGroup {
				deps = append(deps, d)
				continue
			}
			n := 1
			if isGroup {
				g, n = d.Name, count
			}
			changed = changed || isReplica
			if _, dup := seen[g]; dup {
				seen[g] += n
				continue
			}
			seen[g] = n
			d.Name = g
			deps = append(deps, d)
		}
		if !changed {
			continue
		}
		for g, n := range seen {
			if count := kept[g]; n < count {
				var at ir.Pos
				for _, d := range deps {
					if d.Name == g {
						at = d.Pos
					}
				}
				l.diags.Add(at, ir.IDReplicaDep,
					fmt.Sprintf("process %q depends on %d of the %d replicas of %q; devenv names only the group, so it waits for all of them", proc.Name, n, count, g), "")
			}
		}
		cp := *proc
		cp.DependsOn = deps
		q.Processes[i] = &cp
	}
	return &q
}

// unrolledWhy explains why the replicas of group, reps, are separate
// processes.
func (l *lowerer) unrolledWhy(group *ir.Process, reps []*ir.Process) string {
	names := replicaNames(reps)
	if !l.t.processCompose() {
		return fmt.Sprintf("the %d replicas of process %q become the processes %s", len(reps), group.Name, names)
	}
	if group.PerReplica != nil {
		return fmt.Sprintf("the replicas of process %q render differently: they become the processes %s", group.Name, names)
	}
	return fmt.Sprintf("the replicas of process %q are waited for to succeed: they become the tasks %s", group.Name, names)
}

// waitedToSucceed reports whether a process waits for group, or for one of
// its replicas, with process_completed_successfully, which makes it a
// one-shot task.
func (l *lowerer) waitedToSucceed(p *ir.Project, group *ir.Process) bool {
	names := map[string]bool{group.Name: true}
	for _, r := range group.Replicate() {
		names[r.Name] = true
	}
	for _, proc := range p.Processes {
		for _, d := range proc.DependsOn {
			if names[d.Name] && d.Condition == ir.ProcessCompletedSuccessfully {
				return true
			}
		}
	}
	return false
}

// replicaNames lists the names of replicas: all of a few, or the first
// and the last.
func replicaNames(reps []*ir.Process) string {
	var names []string
	for _, r := range reps {
		names = append(names, r.Name)
	}
	if len(names) > 3 {
		return names[0] + " … " + names[len(names)-1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
