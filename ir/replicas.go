package ir

import (
	"fmt"
	"slices"
	"strconv"
)

// ReplicaName returns the name process-compose gives to copy i (from 0)
// of the n replicas of the process group: group-i, with i zero-padded to
// the width of n, such as web-0 or web-07.
func ReplicaName(group string, i, n int) string {
	return fmt.Sprintf("%s-%0*d", group, len(strconv.Itoa(n)), i)
}

// Replicate returns the copies of p, a process with Replicas, as
// process-compose makes them: one process per replica, named by
// ReplicaName, with Replica set and PC_REPLICA_NUM in its environment
// before p's own variables. Each copy is made from p's PerReplica when p
// has them, from p itself otherwise. It returns nil for a process without
// replicas.
func (p *Process) Replicate() []*Process {
	if !p.Replicas.Set || p.Replicas.Val < 2 || p.Replica != nil {
		return nil
	}
	n, pos := p.Replicas.Val, p.Replicas.Pos
	out := make([]*Process, n)
	for i := range n {
		from := p
		if i < len(p.PerReplica) {
			from = p.PerReplica[i]
		}
		c := *from
		c.Name = ReplicaName(p.Name, i, n)
		c.PerReplica = nil
		c.Replica = &Replica{Group: p.Name, Num: i, Count: n, Pos: pos}
		c.Env = append([]EnvVar{{Name: "PC_REPLICA_NUM", Value: Plain(strconv.Itoa(i), pos), Pos: pos}}, from.Env...)
		c.DependsOn = slices.Clone(from.DependsOn)
		out[i] = &c
	}
	return out
}

// ExpandReplicas returns procs with each process with replicas for which
// expand returns true replaced by its copies (Replicate), and the
// dependencies on it fanned out to them, as process-compose (1.116 and
// later) does: a dependency on the group's name becomes one on each copy
// that the dependent does not name itself, and a dependency that names a
// copy stays as it is. A process whose dependencies change is a copy;
// procs and its processes are left alone. It returns procs itself when
// nothing is expanded.
func ExpandReplicas(procs []*Process, expand func(*Process) bool) []*Process {
	var out []*Process
	groups := map[string][]string{} // group → the names of its copies
	for _, p := range procs {
		reps := p.Replicate()
		if reps == nil || !expand(p) {
			out = append(out, p)
			continue
		}
		for _, c := range reps {
			groups[p.Name] = append(groups[p.Name], c.Name)
		}
		out = append(out, reps...)
	}
	if len(groups) == 0 {
		return procs
	}
	names := make(map[string]bool, len(out))
	for _, p := range out {
		names[p.Name] = true
	}
	for i, p := range out {
		named := map[string]bool{}
		fans := false
		for _, d := range p.DependsOn {
			named[d.Name] = true
			_, isGroup := groups[d.Name]
			fans = fans || isGroup && !names[d.Name]
		}
		if !fans {
			continue
		}
		var deps []Dependency
		for _, d := range p.DependsOn {
			copies, ok := groups[d.Name]
			if !ok || names[d.Name] {
				deps = append(deps, d)
				continue
			}
			for _, name := range copies {
				if named[name] {
					continue
				}
				rd := d
				rd.Name = name
				deps = append(deps, rd)
			}
		}
		c := *p
		c.DependsOn = deps
		out[i] = &c
	}
	return out
}
