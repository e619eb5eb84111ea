package emit

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// pcProcess lowers a process for devenv 1: everything but the command as
// raw process-compose keys, strings encoded for process-compose to load
// again, as it loaded the source.
func (l *lowerer) pcProcess(pc *nix.Attrs, p *ir.Process) {
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
			l.diags.Add(d.Pos, ir.Warning, ir.IDServiceNoReadiness,
				fmt.Sprintf("process %q waits for %q to be healthy (process_healthy), but the process of services.%s has no readiness probe under %s, which would refuse the wait; it waits for %q to start (process_started)", p.Name, d.Name, t.service.Attr, l.t.describe(), d.Name),
				fmt.Sprintf("give processes.%s a readiness probe", d.Name))
		} else if d.Condition == ir.ProcessHealthy && !t.ready && !t.oneshot {
			if dep := l.lookup(d.Name); dep == nil || dep.Liveness == nil {
				l.diags.Add(d.Pos, ir.Warning, ir.IDNoReadiness,
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

// pcProbe returns a probe as process-compose writes it.
func (l *lowerer) pcProbe(pr *ir.Probe) *nix.Attrs {
	a := nix.Set()
	if x := pr.Exec; x != nil {
		a.Add(templated(x.Command), "exec", "command")
		if x.WorkingDir.Set {
			a.Add(textExpr(x.WorkingDir.Val, true), "exec", "working_dir")
		}
	}
	if h := pr.HTTP; h != nil {
		get := nix.Set()
		for _, s := range []struct {
			o   ir.Opt[string]
			key string
		}{{h.Host, "host"}, {h.Scheme, "scheme"}, {h.Path, "path"}} {
			if s.o.Set {
				get.Add(templated(ir.Plain(s.o.Val, ir.Pos{})), s.key)
			}
		}
		if n := httpPort(h); n > 0 {
			get.Add(&nix.Int{V: int64(n)}, "port")
		} else if h.Port.Set {
			get.Add(templated(h.Port.Val), "port")
		}
		if len(h.Headers) > 0 {
			get.Add(valueExpr(ir.Value{Kind: ir.KindMap, Map: h.Headers}, true), "headers")
		}
		if h.StatusCode.Set {
			get.Add(&nix.Int{V: int64(h.StatusCode.Val)}, "status_code")
		}
		a.Add(get, "http_get")
	}
	for _, t := range []struct {
		o   ir.Opt[int]
		key string
	}{
		{pr.InitialDelay, "initial_delay_seconds"},
		{pr.Period, "period_seconds"},
		{pr.Timeout, "timeout_seconds"},
		{pr.SuccessThreshold, "success_threshold"},
		{pr.FailureThreshold, "failure_threshold"},
	} {
		if t.o.Set {
			a.Add(&nix.Int{V: int64(t.o.Val)}, t.key)
		}
	}
	return a
}

// pcShutdown returns shutdown settings as process-compose writes them.
func pcShutdown(s *ir.Shutdown) *nix.Attrs {
	a := nix.Set()
	if s.Command.Set {
		a.Add(textExpr(s.Command.Val, true), "command")
	}
	if s.Signal.Set {
		a.Add(&nix.Int{V: int64(s.Signal.Val)}, "signal")
	}
	if s.Timeout.Set {
		a.Add(&nix.Int{V: int64(s.Timeout.Val)}, "timeout_seconds")
	}
	if s.ParentOnly.Set {
		a.Add(&nix.Bool{V: s.ParentOnly.Val}, "parent_only")
	}
	for _, f := range s.Extra {
		a.Add(valueExpr(f.Value, true), f.Key)
	}
	return a
}
