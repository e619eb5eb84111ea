package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// conditions maps depends_on's conditions to the model's.
var conditions = map[Condition]ir.Condition{
	ServiceStarted:               ir.ProcessStarted,
	ServiceHealthy:               ir.ProcessHealthy,
	ServiceCompletedSuccessfully: ir.ProcessCompletedSuccessfully,
}

// dependencies lowers depends_on (and the dependencies links,
// network_mode and volumes_from imply), once every service's process is
// known: a dependency on a service that has no process is dropped, with
// a note.
func (lw *lowering) dependencies() {
	for _, s := range lw.p.Services {
		proc := lw.procs[s.Name]
		if proc == nil {
			continue
		}
		for _, d := range s.DependsOn {
			path := []string{"services", s.Name, "depends_on", d.Service}
			if lw.procs[d.Service] == nil {
				lw.diags.AddAs(d.Pos, ir.Note, ir.IDComposeDependsOn,
					fmt.Sprintf("service %q depends on %q, which has no process here, so it does not wait for it", s.Name, d.Service), "")
				lw.consume(path, "the service depended on has no process")
				continue
			}
			proc.DependsOn = append(proc.DependsOn, ir.Dependency{Name: d.Service, Condition: conditions[d.Condition], Pos: d.Pos, Implicit: d.Short})
			if !d.Required {
				lw.report(proc, append(path, "required"), d.Pos, ir.Warning, ir.IDComposeDependsOn,
					fmt.Sprintf("depends_on %s of service %q is not required: devenv waits for it all the same", d.Service, s.Name),
					fmt.Sprintf("%s is an optional dependency under docker compose", d.Service))
			}
			if d.Restart && d.Implied == "" {
				lw.report(proc, append(path, "restart"), d.Pos, ir.Warning, ir.IDComposeDependsOn,
					fmt.Sprintf("depends_on %s of service %q restarts it when %s is restarted; devenv does not", d.Service, s.Name, d.Service),
					fmt.Sprintf("docker compose restarted this when %s restarted", d.Service))
			}
		}
	}
}

// restart lowers restart: no, always, on-failure[:N], unless-stopped.
func (lw *lowering) restart(proc *ir.Process, s *Service) {
	if !s.Restart.Set {
		return
	}
	r := &ir.Restart{Pos: s.Restart.Pos}
	pos := s.Restart.Pos
	v := s.Restart.Value
	switch {
	case v == "no" || v == "":
		r.Policy = ir.Some(ir.RestartNo, pos)
	case v == "always":
		r.Policy = ir.Some(ir.RestartAlways, pos)
	case v == "unless-stopped":
		r.Policy = ir.Some(ir.RestartAlways, pos)
		lw.diags.AddAs(pos, ir.Note, ir.IDComposeRestart,
			fmt.Sprintf("restart: unless-stopped of service %q becomes always: devenv does not restart what it stopped", s.Name), "")
	case strings.HasPrefix(v, "on-failure"):
		r.Policy = ir.Some(ir.RestartOnFailure, pos)
		if n, ok := strings.CutPrefix(v, "on-failure:"); ok {
			if k, err := strconv.Atoi(n); err == nil {
				r.MaxRestarts = ir.Some(k, pos)
			}
		}
	default:
		lw.report(proc, []string{"services", s.Name, "restart"}, pos, ir.Warning, ir.IDComposeRestart,
			fmt.Sprintf("restart %q of service %q is not a policy docker compose knows", v, s.Name), "restart "+v)
		return
	}
	proc.Restart = r
}

// healthcheck lowers a healthcheck into the process's readiness probe:
// for a container, the test run in it with docker exec; for a native
// process, the test itself.
func (lw *lowering) healthcheck(proc *ir.Process, s *Service) {
	h := s.Healthcheck
	if h == nil || len(h.Test) == 0 || h.Test[0].Value == "NONE" || h.Disable.Value {
		return
	}
	var cmd string
	test := h.Test[1:]
	texts := make([]ir.Text, len(test))
	for i, t := range test {
		texts[i] = t.Text
	}
	switch {
	case proc.Container != "" && h.Test[0].Value == "CMD-SHELL" && len(test) > 0:
		cmd = fmt.Sprintf("%s exec %s sh -c %s", lw.opts.Engine, lit(containerName(lw.p, s)), word(test[0].Text))
	case proc.Container != "":
		cmd = fmt.Sprintf("%s exec %s %s", lw.opts.Engine, lit(containerName(lw.p, s)), strings.Join(words(texts), " "))
	case h.Test[0].Value == "CMD-SHELL" && len(test) > 0:
		cmd = test[0].Text.Shell()
		if test[0].Text.HasRefs() {
			cmd = "sh -c " + word(test[0].Text)
		}
	default:
		cmd = strings.Join(words(texts), " ")
	}
	if strings.TrimSpace(cmd) == "" {
		return
	}
	pr := &ir.Probe{Pos: h.Pos, Exec: &ir.ExecProbe{Command: ir.Plain(cmd, h.Test[0].Pos), Pos: h.Test[0].Pos}}
	secs := func(d Duration) ir.Opt[int] {
		if !d.Set || d.Nanos <= 0 {
			return ir.Opt[int]{}
		}
		return ir.Some(int((d.Nanos+999999999)/1000000000), d.Pos)
	}
	pr.Period = secs(h.Interval)
	pr.Timeout = secs(h.Timeout)
	pr.InitialDelay = secs(h.StartPeriod)
	if h.Retries.Set {
		pr.FailureThreshold = ir.Some(int(h.Retries.Value), h.Retries.Pos)
	}
	proc.Readiness = pr
}

// containerName is the name of a service's container.
func containerName(p *Project, s *Service) string {
	if s.ContainerName.Set {
		return s.ContainerName.Value
	}
	return p.Name + "-" + s.Name
}
