package processcompose

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// maxReplicas bounds a process's replicas, each of which the converter
// writes out as a process: a typo of a few zeros would otherwise make a
// file of gigabytes.
const maxReplicas = 1000

// expandAndCheck runs process-compose's load steps after the files are
// read: templates, the replicas' own renderings, and the checks.
func (r *reader) expandAndCheck() {
	if !r.checkReplicaCount() {
		return
	}
	for _, pp := range r.procs {
		texts := r.renderProcess(pp)
		if pp.replicas > 1 {
			r.renderReplicas(pp, texts)
		}
	}
	r.notePerReplicaProbes()
	r.proj.Processes = slices.Grow(r.proj.Processes, len(r.procs))
	for _, pp := range r.procs {
		r.proj.Processes = append(r.proj.Processes, pp.p)
	}
	r.validate()
}

// checkReplicaCount reports a file with more processes than the converter
// converts once replicas are made, and keeps the processes before the
// limit; it reports whether every process was kept.
func (r *reader) checkReplicaCount() bool {
	total := 0
	for i, pp := range r.procs {
		total += pp.replicas
		if total > sourcecheck.MaxItems {
			sourcecheck.TooMany(pp.p.Pos, "processes once replicas are made", r.diags)
			r.procs = r.procs[:i]
			for _, pp := range r.procs {
				r.renderProcess(pp)
				r.proj.Processes = append(r.proj.Processes, pp.p)
			}
			r.validate()
			return false
		}
	}
	return true
}

// renderReplicas renders the templates of a process with replicas, pp,
// for every replica, with its PC_REPLICA_NUM, as process-compose does;
// first is pp's rendering, for the first replica. Where some replica's
// rendering differs from it, the process keeps them all
// (ir.Process.PerReplica); otherwise the process stands for every
// replica.
func (r *reader) renderReplicas(pp *pcProcess, first []string) {
	n := pp.replicas
	copies := make([]*ir.Process, n)
	ps := make([]ir.Process, n)
	pps := make([]pcProcess, n)
	differ := false
	for i := range n {
		var q *pcProcess
		r.withoutRecording(func() { q = r.process(&pps[i], &ps[i], pp.e, pp.k) })
		q.num = i
		if texts := r.renderProcess(q); !slices.Equal(texts, first) {
			differ = true
		}
		copies[i] = q.p
	}
	if differ {
		pp.p.PerReplica = copies
	}
}

// notePerReplicaProbes says where replicas' probes differ: process-compose
// renders a replicated process's probes once, for all replicas alike (and
// with the number of whichever replica it renders last), while the output
// gives each replica its own, as the file means.
func (r *reader) notePerReplicaProbes() {
	for _, pp := range r.procs {
		p := pp.p
		if len(p.PerReplica) == 0 {
			continue
		}
		first := p.PerReplica[0]
	replicas:
		for _, c := range p.PerReplica[1:] {
			for _, pr := range [][2]*ir.Probe{{first.Readiness, c.Readiness}, {first.Liveness, c.Liveness}} {
				if pr[0] == nil || pr[1] == nil || reflect.DeepEqual(pr[0], pr[1]) {
					continue
				}
				r.diags.Add(pr[1].Pos, ir.IDProbePerReplica,
					fmt.Sprintf("the probe of process %q is rendered for each of its %d replicas", p.Name, p.Replicas.Val), "")
				break replicas
			}
		}
	}
}
