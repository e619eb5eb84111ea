package processcompose

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// maxReplicas bounds a process's replicas, each of which the converter
// writes out as a process: a typo of a few zeros would otherwise make a
// file of gigabytes.
const maxReplicas = 1000

// expandAndCheck runs process-compose's load steps after the files are read:
// replicas, templates, dependencies on replica groups, and the checks.
func (r *reader) expandAndCheck() {
	r.makeReplicas()
	for _, pp := range r.procs {
		r.renderProcess(pp)
	}
	r.notePerReplicaProbes()
	for _, pp := range r.procs {
		r.proj.Processes = append(r.proj.Processes, pp.p)
	}
	r.fanOut()
	r.validate()
}

// makeReplicas replaces each process with replicas: N (N > 1) by N copies
// named <name>-<i>, i from 0, zero-padded to the width of N, as
// process-compose names them. Each copy has PC_REPLICA_NUM in its
// environment, below the process's own variables, and renders its
// templates with its number.
func (r *reader) makeReplicas() {
	var out []*pcProcess
	for _, pp := range r.procs {
		n := pp.replicas
		if n <= 1 {
			out = append(out, pp)
			continue
		}
		group := pp.p.Name
		width := len(strconv.Itoa(n))
		pos := pp.p.Replicas.Pos
		for i := 0; i < n; i++ {
			q := pp
			if i > 0 {
				r.withoutRecording(func() { q = r.process(pp.e, pp.k) })
			}
			q.num = i
			q.p.Name = fmt.Sprintf("%s-%0*d", group, width, i)
			q.p.Replica = &ir.Replica{Group: group, Num: i, Count: n, Pos: pos}
			q.p.Env = append([]ir.EnvVar{{Name: "PC_REPLICA_NUM", Value: ir.Plain(strconv.Itoa(i), pos), Pos: pos}}, q.p.Env...)
			out = append(out, q)
		}
	}
	r.procs = out
	if len(out) > sourcecheck.MaxItems {
		sourcecheck.TooMany(out[sourcecheck.MaxItems].p.Pos, "processes once replicas are made", r.diags)
		r.procs = out[:sourcecheck.MaxItems]
		return
	}
	// A replica's name may be another process's: process-compose keeps
	// its processes by name, so one of them would not run.
	seen := map[string]*ir.Process{}
	for _, pp := range out {
		p := pp.p
		other, dup := seen[p.Name]
		if !dup {
			seen[p.Name] = p
			continue
		}
		rep, o := p, other
		if rep.Replica == nil {
			rep, o = other, p
		}
		r.diags.Add(rep.Replica.Pos, ir.Error, ir.IDNameClash,
			fmt.Sprintf("replica %q of process %q has the name of another process (at line %d); process-compose keeps one process per name, so one of them would not run", rep.Name, rep.Replica.Group, o.Pos.Line),
			"rename the process, or change the number of replicas")
	}
}

// notePerReplicaProbes says where replicas' probes differ: process-compose
// renders a replicated process's probes once, for all replicas alike (and
// with the number of whichever replica it renders last), while the output
// gives each replica its own, as the file means.
func (r *reader) notePerReplicaProbes() {
	first := map[string]*ir.Process{}
	noted := map[string]bool{}
	for _, pp := range r.procs {
		p := pp.p
		if p.Replica == nil {
			continue
		}
		f, ok := first[p.Replica.Group]
		if !ok {
			first[p.Replica.Group] = p
			continue
		}
		for _, pr := range [][2]*ir.Probe{{f.Readiness, p.Readiness}, {f.Liveness, p.Liveness}} {
			if pr[0] == nil || pr[1] == nil || noted[p.Replica.Group] || reflect.DeepEqual(pr[0], pr[1]) {
				continue
			}
			noted[p.Replica.Group] = true
			r.diags.Add(pr[1].Pos, ir.Note, ir.IDProbePerReplica,
				fmt.Sprintf("the probe of process %q uses PC_REPLICA_NUM: process-compose renders it once for all %d replicas (so all probe the same replica's port, whichever it rendered last), while the output renders it for each replica, as meant", p.Replica.Group, p.Replica.Count), "")
		}
	}
}

// fanOut turns a dependency on a replicated process's name into one
// dependency on each replica, as process-compose (1.116 and later) does;
// dependencies that name a replica stay as they are.
func (r *reader) fanOut() {
	groups := map[string][]string{}
	for _, p := range r.proj.Processes {
		if p.Replica != nil {
			groups[p.Replica.Group] = append(groups[p.Replica.Group], p.Name)
		}
	}
	if len(groups) == 0 {
		return
	}
	for _, p := range r.proj.Processes {
		named := map[string]bool{}
		for _, d := range p.DependsOn {
			named[d.Name] = true
		}
		var deps []ir.Dependency
		for _, d := range p.DependsOn {
			replicas, ok := groups[d.Name]
			if !ok || r.proj.Process(d.Name) != nil {
				deps = append(deps, d)
				continue
			}
			for _, name := range replicas {
				if named[name] {
					continue
				}
				rd := d
				rd.Name = name
				deps = append(deps, rd)
			}
		}
		p.DependsOn = deps
	}
}
