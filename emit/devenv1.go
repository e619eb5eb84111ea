package emit

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// devenv1Process lowers a process for devenv 1: everything but the command as
// raw process-compose keys, strings encoded for process-compose to load
// again, as it loaded the source.
func (l *lowerer) devenv1Process(pc *nix.Attrs, p *ir.Process) {
	if p.Cwd.Set {
		pc.Add(templated(p.Cwd.Val), "working_dir")
	}
	if len(p.Env) > 0 {
		env := &nix.List{}
		for _, v := range dedupEnv(p.Env) {
			entry := ir.Plain(v.Name+"=", v.Pos)
			for _, part := range v.Value.Parts {
				if part.Ref != nil {
					entry.AppendRef(part.Ref)
				} else {
					entry.Append(part.Lit)
				}
			}
			env.Items = append(env.Items, &nix.Item{Value: templated(entry)})
		}
		pc.Add(env, "environment")
	}
	for _, d := range p.DependsOn {
		t, ok := l.target(d.Name)
		if !ok {
			continue
		}
		cond := d.Condition
		if cond == ir.ProcessHealthy && !t.ready && t.service != nil {
			// process-compose refuses process_healthy on a process without
			// a probe, which the source's process may have had.
			cond = ir.ProcessStarted
			l.diags.Add(d.Pos, ir.IDServiceNoReadiness,
				fmt.Sprintf("process %q waits for %q to start, not to be healthy: services.%s has no readiness probe", p.Name, d.Name, t.service.Attr),
				"")
		} else if d.Condition == ir.ProcessHealthy && !t.ready && !t.oneshot {
			if dep := l.lookup(d.Name); dep == nil || dep.Liveness == nil {
				l.diags.Add(d.Pos, ir.IDNoReadiness,
					fmt.Sprintf("process %q waits for %q to be healthy (process_healthy), but %q has no readiness probe: process-compose refuses to start %q, as it did for the source", p.Name, d.Name, d.Name, p.Name),
					fmt.Sprintf("give %q a readiness_probe", d.Name))
			}
		}
		pc.Add(nix.Str(string(cond)), "depends_on", t.name, "condition")
	}
	if r := p.Restart; r != nil {
		av := nix.Set()
		if r.Policy.Set {
			av.Add(nix.Str(string(r.Policy.Val)), "restart")
		}
		if r.Backoff.Set {
			av.Add(&nix.Int{V: int64(r.Backoff.Val)}, "backoff_seconds")
		}
		if r.MaxRestarts.Set {
			av.Add(&nix.Int{V: int64(r.MaxRestarts.Val)}, "max_restarts")
		}
		if r.ExitOnEnd.Set {
			av.Add(&nix.Bool{V: r.ExitOnEnd.Val}, "exit_on_end")
		}
		if r.ExitOnSkipped.Set {
			av.Add(&nix.Bool{V: r.ExitOnSkipped.Val}, "exit_on_skipped")
		}
		if len(av.Bindings) > 0 {
			pc.Add(av, "availability")
		}
	}
	if r := p.Readiness; r != nil && (r.Exec != nil || r.HTTP != nil) {
		pc.Add(l.pcProbe(r), "readiness_probe")
	}
	if p.Disabled.Set {
		pc.Add(&nix.Bool{V: p.Disabled.Val}, "disabled")
	}
	if p.EnvFile.Set {
		pc.Add(nix.Str(p.EnvFile.Val.ProcessCompose()), "env_file")
	}
}
