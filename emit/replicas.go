package emit

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// foldReplicas decides what becomes of replicated processes, which the
// reader unrolls into one process per replica as process-compose does.
// Under devenv 2's native manager they stay unrolled: it has no replicas.
// Under the process-compose targets, replicas that differ only in their
// number are folded back into one process with replicas passed through,
// so that process-compose makes them; replicas whose templates rendered
// differently stay unrolled, since process-compose cannot render the
// command devenv runs. It returns p itself when nothing changes.
func (l *lowerer) foldReplicas(p *ir.Project) *ir.Project {
	groups := map[string][]*ir.Process{}
	var order []string
	for _, proc := range p.Processes {
		if r := proc.Replica; r != nil {
			if groups[r.Group] == nil {
				order = append(order, r.Group)
			}
			groups[r.Group] = append(groups[r.Group], proc)
		}
	}
	if len(groups) == 0 {
		return p
	}
	folded := map[string]*ir.Process{}
	for _, g := range order {
		reps := groups[g]
		r := reps[0].Replica
		if !l.t.processCompose() || !sameReplicas(reps) || l.t.typed() && l.waitedToSucceed(p, reps) {
			l.diags.Add(r.Pos, ir.Note, ir.IDReplicas, l.unrolledWhy(reps), "")
			l.decide(reps[0].KeyPath.Child("replicas"), mapped("one process per replica, "+replicaNames(reps)+", with PC_REPLICA_NUM in env"))
			continue
		}
		f := *reps[0]
		f.Name, f.Replica = g, nil
		f.Env = withoutReplicaNum(f.Env, r.Pos)
		folded[g] = &f
	}
	if len(folded) == 0 {
		return p
	}
	q := *p
	q.Processes = nil
	member := map[string]string{} // replica name → group, for folded groups
	for g, reps := range groups {
		if folded[g] != nil {
			for _, r := range reps {
				member[r.Name] = g
			}
		}
	}
	for _, proc := range p.Processes {
		if r := proc.Replica; r != nil && folded[r.Group] != nil {
			if r.Num == 0 {
				q.Processes = append(q.Processes, folded[r.Group])
			}
			continue
		}
		q.Processes = append(q.Processes, proc)
	}
	// Dependencies on replicas become dependencies on the group, which
	// process-compose fans out to every replica again.
	for i, proc := range q.Processes {
		var deps []ir.Dependency
		seen := map[string]int{}
		changed := false
		for _, d := range proc.DependsOn {
			g, ok := member[d.Name]
			if !ok {
				deps = append(deps, d)
				continue
			}
			changed = true
			if _, dup := seen[g]; dup {
				seen[g]++
				continue
			}
			seen[g] = 1
			d.Name = g
			deps = append(deps, d)
		}
		if !changed {
			continue
		}
		for g, n := range seen {
			if count := len(groups[g]); n < count {
				var at ir.Pos
				for _, d := range deps {
					if d.Name == g {
						at = d.Pos
					}
				}
				l.diags.Add(at, ir.Warning, ir.IDReplicaDep,
					fmt.Sprintf("process %q depends on %d of the %d replicas of %q; devenv names only the group, so it waits for all of them", proc.Name, n, count, g), "")
			}
		}
		cp := *proc
		cp.DependsOn = deps
		q.Processes[i] = &cp
	}
	return &q
}

// unrolledWhy explains why a group's replicas are separate processes.
func (l *lowerer) unrolledWhy(reps []*ir.Process) string {
	r := reps[0].Replica
	names := replicaNames(reps)
	if !l.t.processCompose() {
		return fmt.Sprintf("process %q has %d replicas, which %s does not make: the output has one process per replica, %s, each with PC_REPLICA_NUM in its environment", r.Group, r.Count, l.t.describe(), names)
	}
	if !sameReplicas(reps) {
		return fmt.Sprintf("the replicas of process %q render their templates differently (with PC_REPLICA_NUM), which process-compose cannot do for the command devenv runs: the output has one process per replica, %s", r.Group, names)
	}
	return fmt.Sprintf("other processes wait for the replicas of process %q to succeed, which makes each a one-shot task: the output has one task per replica, %s", r.Group, names)
}

// waitedToSucceed reports whether a process waits for one of reps with
// process_completed_successfully, which makes it a one-shot task.
func (l *lowerer) waitedToSucceed(p *ir.Project, reps []*ir.Process) bool {
	names := map[string]bool{}
	for _, r := range reps {
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

// sameReplicas reports whether replicas differ only in their name, number
// and PC_REPLICA_NUM.
func sameReplicas(reps []*ir.Process) bool {
	norm := func(p *ir.Process) ir.Process {
		c := *p
		c.Name, c.Replica = "", nil
		c.Env = withoutReplicaNum(c.Env, p.Replica.Pos)
		return c
	}
	first := norm(reps[0])
	for _, r := range reps[1:] {
		if !reflect.DeepEqual(first, norm(r)) {
			return false
		}
	}
	return true
}

// withoutReplicaNum returns env without the PC_REPLICA_NUM the reader
// added for a replica (at the replicas key's position).
func withoutReplicaNum(env []ir.EnvVar, at ir.Pos) []ir.EnvVar {
	var out []ir.EnvVar
	for _, v := range env {
		if v.Name == "PC_REPLICA_NUM" && v.Pos == at {
			continue
		}
		out = append(out, v)
	}
	return out
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
