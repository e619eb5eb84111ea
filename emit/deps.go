package emit

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/ir"
)

// oneShotPrefix starts the name of the task a process becomes when others
// wait for it to succeed.
const oneShotPrefix = "pc:"

// findOneShots marks the processes that others wait for with
// process_completed_successfully. devenv 2 accepts that wait (the
// default @succeeded) only on a one-shot task, so under devenv 2 those
// processes become tasks. A process that starts and that only disabled
// processes wait for stays a process: devenv up runs a task only when
// something that starts waits for it, while the source's runner starts
// the process anyway.
func (l *lowerer) findOneShots() {
	l.oneshot = map[string]bool{}
	if !l.t.typed() {
		return
	}
	waiting := l.proj.Processes
	for _, s := range l.proj.Services {
		if s.Process != nil {
			waiting = append(waiting[:len(waiting):len(waiting)], s.Process)
		}
	}
	for _, p := range waiting {
		for _, d := range p.DependsOn {
			if d.Condition != ir.ProcessCompletedSuccessfully {
				continue
			}
			if q := l.lookup(d.Name); q != nil && (!disabled(p) || disabled(q)) {
				l.oneshot[d.Name] = true
			}
		}
	}
}

// disabled reports whether p does not start with the others.
func disabled(p *ir.Process) bool { return p.Disabled.Set && p.Disabled.Val }

// depTarget is what a dependency names, as the output refers to it.
type depTarget struct {
	// prefix is the devenv task name's prefix, which name completes
	// (see task).
	prefix string
	// oneshot is set for a one-shot task, unset for a process.
	oneshot bool
	// ready says the process has a readiness check the target accepts
	// for @ready (process_healthy).
	ready bool
	// name is the process's name in the output.
	name string
	// service is the service whose process it is, if any.
	service *ir.Service
}

// processTaskPrefix starts the name of the devenv task of a process.
const processTaskPrefix = "devenv:processes:"

// task returns the devenv task name with suffix ("", "@started", …),
// made in one piece.
func (t depTarget) task(suffix string) string { return t.prefix + t.name + suffix }

// target resolves the name a dependency uses: a process, or the process
// of a service that replaced one.
func (l *lowerer) target(name string) (depTarget, bool) {
	if p := l.lookup(name); p != nil {
		out := l.names[name]
		if l.oneshot[name] {
			return depTarget{prefix: oneShotPrefix, oneshot: true, name: out}, true
		}
		return depTarget{prefix: processTaskPrefix, ready: l.hasReadiness(p), name: out}, true
	}
	for _, s := range l.proj.Services {
		if s.ProcessName == name {
			ready := s.Ready || l.t == Devenv2 && s.ReadyOnPorts || s.Process != nil && l.hasReadiness(s.Process)
			return depTarget{prefix: processTaskPrefix, ready: ready, name: name, service: s}, true
		}
	}
	return depTarget{}, false
}

// hasReadiness reports whether devenv (or process-compose under devenv 1)
// can tell when p is ready: an exec or HTTP probe, or, under the native
// manager, an allocated port.
func (l *lowerer) hasReadiness(p *ir.Process) bool {
	if r := p.Readiness; r != nil && (r.Exec != nil || r.HTTP != nil && httpPort(r.HTTP) > 0) {
		return true
	}
	return l.t == Devenv2 && len(p.Ports) > 0
}

// after lowers a process's depends_on to devenv 2's after; conditions that
// after cannot express go to pc under the process-compose target. TODO
// comments for what is lost go into a.
func (l *lowerer) after(a, pc *nix.Attrs, p *ir.Process) {
	items := l.afterList(a, pc, p)
	for _, t := range p.After {
		items = append(items, &nix.Item{Value: nix.Str(t)})
	}
	if len(items) > 0 {
		a.Add(&nix.List{Items: items}, "after")
	}
}

// afterList returns the items of the after list of p, which the caller
// makes a list of when there are any. pc is nil for a task, which cannot
// pass process-compose keys through.
func (l *lowerer) afterList(a, pc *nix.Attrs, p *ir.Process) []*nix.Item {
	var list []*nix.Item
	if n := len(p.DependsOn) + len(p.After); n > 0 {
		// Room for p.After too, which the process's caller appends.
		list = make([]*nix.Item, 0, n)
	}
	// The items, allocated together.
	items := make([]nix.Item, len(p.DependsOn))
	for i, d := range p.DependsOn {
		t, ok := l.target(d.Name)
		if !ok {
			continue // reported by the reader
		}
		item := &items[i]
		var ref string
		switch {
		case t.oneshot:
			switch d.Condition {
			case ir.ProcessCompletedSuccessfully:
				ref = t.task("")
			case ir.ProcessCompleted:
				ref = t.task("@completed")
			case ir.ProcessHealthy:
				ref = t.task("")
				l.diags.Add(d.Pos, ir.IDNoReadiness,
					fmt.Sprintf("process %q waits for %q to be healthy, but %q is now a one-shot task, which has no health: %q waits for it to succeed", p.Name, d.Name, d.Name, p.Name), "")
			default:
				ref = t.task("@started")
			}
		case d.Condition == ir.ProcessStarted:
			ref = t.task("@started")
		case d.Condition == ir.ProcessCompleted:
			ref = t.task("@completed")
		case d.Condition == ir.ProcessCompletedSuccessfully:
			// Only disabled processes wait for it (findOneShots).
			ref = t.task("@completed")
			l.diags.AddAs(d.Pos, ir.Warning, ir.IDOneShotTask,
				fmt.Sprintf("process %q waits for %q to succeed, but only processes that do not start wait for %q, so it stays a process that runs once: %q waits for it to exit, whatever its exit status", p.Name, d.Name, d.Name, p.Name), "")
			item.Comments = append(item.Comments, fmt.Sprintf("TODO(pc2devenv): %s stays a process, since only processes that do not start wait for it; this waits for it to exit, not to succeed", d.Name))
		case d.Condition == ir.ProcessHealthy && t.ready:
			ref = t.task("")
		case d.Condition == ir.ProcessHealthy && t.service != nil:
			ref = t.task("@started")
			l.diags.Add(d.Pos, ir.IDServiceNoReadiness,
				fmt.Sprintf("process %q waits for %q to start, not to be healthy: services.%s has no ready check", p.Name, d.Name, t.service.Attr),
				"")
			item.Comments = append(item.Comments, fmt.Sprintf("TODO(pc2devenv): services.%s has no readiness check, so this waits for it to start, not to be healthy", t.service.Attr))
		case d.Condition == ir.ProcessHealthy:
			ref = t.task("@started")
			l.diags.Add(d.Pos, ir.IDNoReadiness,
				fmt.Sprintf("process %q waits for %q to be healthy (process_healthy), but %q has no readiness probe, so devenv cannot tell when it is; it waits for %q to start", p.Name, d.Name, d.Name, d.Name),
				fmt.Sprintf("give %q a readiness_probe", d.Name))
			item.Comments = append(item.Comments, fmt.Sprintf("TODO(pc2devenv): %s has no readiness probe, so this waits for it to start, not to be healthy", d.Name))
		case d.Condition == ir.ProcessLogReady && l.t.processCompose() && pc != nil:
			pc.Add(nix.Str(string(d.Condition)), "depends_on", t.name, "condition")
			continue
		case d.Condition == ir.ProcessLogReady:
			ref = t.task("@started")
			why := fmt.Sprintf("devenv 2 cannot wait for %s to print its ready_log_line; this waits for it to start", d.Name)
			l.diags.Add(d.Pos, ir.IDLogReady,
				fmt.Sprintf("process %q waits for %q to start, not for its log line", p.Name, d.Name),
				"")
			item.Comments = append(item.Comments, "TODO(pc2devenv): "+why)
		default:
			continue
		}
		item.Value = nix.Str(ref)
		list = append(list, item)
	}
	return list
}

// oneShotTask lowers a process that others wait for to succeed into a
// one-shot task.
func (l *lowerer) oneShotTask(p *ir.Process) {
	name := oneShotPrefix + l.names[p.Name]
	l.diags.Add(p.Pos, ir.IDOneShotTask,
		goquote.In("process ", p.Name, " becomes the task ", goquote.In("", name), ", since others wait for it to succeed"), "")
	a := nix.Set()
	l.command(a, p, "exec", true)
	if p.Description != "" {
		a.Add(nix.Str(p.Description), "description")
	}
	if p.Cwd.Set {
		if cwd := l.cwd(a, p.Cwd.Val, p.Name); cwd != nil {
			a.Add(cwd, "cwd")
		}
	}
	if e := l.envAttrs(p, staticEnv(p)); e != nil {
		a.Add(e, "env")
	}
	if items := l.afterList(a, nil, p); len(items) > 0 {
		a.Add(&nix.List{Items: items}, "after")
	}
	why := "a one-shot task runs once and has no such setting"
	subject := func(key string) string { return fmt.Sprintf("%s of process %q", key, p.Name) }
	if r := p.Restart; r != nil && r.Policy.Set && r.Policy.Val != ir.RestartNo {
		l.report(a, r.Policy.Pos, ir.Warning, ir.IDNoEquivalent, subject("availability.restart = \""+string(r.Policy.Val)+"\""), why, "")
	}
	if p.Readiness != nil {
		l.report(a, p.Readiness.Pos, ir.Warning, ir.IDNoEquivalent, subject("readiness_probe"), why, "")
	}
	if p.Disabled.Set && p.Disabled.Val {
		l.report(a, p.Disabled.Pos, ir.Warning, ir.IDNoEquivalent, subject("disabled"), "the task runs whenever a process that waits for it starts", "")
	}
	for _, o := range []struct {
		set bool
		pos ir.Pos
		key string
	}{
		{p.Liveness != nil, posOf(p.Liveness), "liveness_probe"},
		{p.Shutdown != nil, posOfShutdown(p.Shutdown), "shutdown"},
		{p.IsDaemon.Set, p.IsDaemon.Pos, "is_daemon"},
		{p.Replicas.Set, p.Replicas.Pos, "replicas"},
	} {
		if o.set {
			l.report(a, o.pos, ir.Warning, ir.IDNoEquivalent, subject(o.key), why, "")
		}
	}
	for _, f := range p.Extra {
		if r := FatesFor("processes.*." + f.Key); r != nil && r.Fates[l.t].Kind == Consumed {
			continue
		}
		l.report(a, f.KeyPos, ir.Warning, ir.IDNoEquivalent, subject(f.Key), why, "")
	}
	bind := nix.Bind(a, "tasks", name)
	bind.Comments = p.Comments
	l.group(bind)
	l.define(DefTask, name, sourceName(p), p.Pos)
}

func posOf(p *ir.Probe) ir.Pos {
	if p == nil {
		return ir.Pos{}
	}
	return p.Pos
}

func posOfShutdown(s *ir.Shutdown) ir.Pos {
	if s == nil {
		return ir.Pos{}
	}
	return s.Pos
}

// serviceProcess lowers what the output sets on a service's process beside
// what the service module sets: the environment, dependencies and
// readiness probe of the process the service replaced.
func (l *lowerer) serviceProcess(s *ir.Service) {
	p := s.Process
	a := nix.Set()
	pc := nix.Set()
	if l.t.typed() {
		if e := l.envAttrs(p, dedupEnv(p.Env)); e != nil {
			a.Add(e, "env")
		}
		l.after(a, pc, p)
		if p.Readiness != nil {
			if r := l.ready(a, p.Readiness, p); r != nil {
				a.Add(r, "ready")
			}
		}
	} else {
		l.devenv1Process(pc, p)
	}
	if len(pc.Bindings) > 0 {
		a.Add(pc, "process-compose")
	}
	if len(a.Bindings) > 0 {
		l.group(nix.Bind(a, "processes", s.ProcessName))
	}
}
