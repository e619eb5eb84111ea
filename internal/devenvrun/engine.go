package devenvrun

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"sync"

	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// engine is devenv-tasks: it runs the nodes of a graph that a run
// selects, each once, when what it waits for has reached the condition
// of its edge — processes and services started and left running, tasks
// run to their end, those that can start at the same moment all at once
// (in the order Seed and Priority choose, tasks at most Parallel at a
// time). Both "devenv up" (Scheduler) and "devenv tasks run" (RunTasks)
// run on it.
type engine struct {
	cfg    *Config
	opts   Options
	run    *procrun.Run
	native bool
	bash   string
	// shell is the shell's environment (ShellEnv).
	shell []string
	nodes map[string]*node
	// sel are the nodes of the run, and order the same in the order they
	// are considered in.
	sel   map[*node]bool
	order []*node
	rng   *rand.Rand
	// For the process-compose manager: its ordered_shutdown, and the
	// variables its env_cmds set.
	ordered bool
	envCmds []string
	// ctx ends the tasks still running when cancelled.
	ctx    context.Context
	cancel context.CancelFunc

	mu sync.Mutex
	// idle says the loop is waiting for something to happen.
	idle bool
	// active is the number of tasks running.
	active  int
	results []TaskResult
	// inflight are the tasks and readiness probes running.
	inflight sync.WaitGroup
	outMu    sync.Mutex
}

// newEngine builds the graph of cfg for the manager ("native" or
// "process-compose"), to run with run.
func newEngine(ctx context.Context, cfg *Config, run *procrun.Run, opts Options, manager string) (*engine, error) {
	if manager != "native" && manager != "process-compose" {
		return nil, &Refused{fmt.Sprintf("the %s manager is not modelled", manager)}
	}
	e := &engine{cfg: cfg, opts: opts, run: run, native: manager == "native", bash: opts.Bash,
		nodes: map[string]*node{}, sel: map[*node]bool{}}
	if e.bash == "" {
		var err error
		if e.bash, err = exec.LookPath("bash"); err != nil {
			return nil, err
		}
	}
	var err error
	if e.shell, err = cfg.ShellEnv(opts.Root, opts.Environ); err != nil {
		return nil, err
	}
	if opts.Seed != 0 {
		e.rng = rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	}
	if !e.native {
		e.runEnvCmds()
	}
	if err := e.build(); err != nil {
		return nil, err
	}
	e.ctx, e.cancel = context.WithCancel(ctx)
	return e, nil
}

// loop starts what can start whenever something happens in the run,
// until quit is closed or until (when not nil) holds.
func (e *engine) loop(quit <-chan struct{}, until func() bool) {
	for {
		e.mu.Lock()
		for e.step() {
		}
		e.idle = true
		end := until != nil && until()
		e.mu.Unlock()
		if end {
			return
		}
		select {
		case <-quit:
			return
		case <-e.run.Events():
		}
		e.mu.Lock()
		e.idle = false
		e.mu.Unlock()
	}
}

// step takes in the exits of processes, then starts or skips every node
// whose dependencies are decided; it reports whether it changed
// anything. Called with e.mu held.
func (e *engine) step() bool {
	changed := false
	for _, n := range e.order {
		if n.kind != isProcess || n.p == nil || n.exited || n.running {
			continue
		}
		select {
		case <-n.p.Done():
			e.processExited(n, n.p.Status())
			changed = true
		default:
		}
	}
	var ready []*node
	room := false // whether any of ready may start now
	for _, n := range e.order {
		if n.started || n.skipped || !n.enabled {
			continue
		}
		ok, never, why := e.met(n)
		switch {
		case never:
			e.skip(n, why)
			changed = true
		case ok:
			ready = append(ready, n)
			room = room || n.kind != isTask || e.taskRoom()
		}
	}
	if e.rng != nil && room && len(ready) > 1 {
		// The seed chooses among those that can start at this moment,
		// once per choice.
		e.rng.Shuffle(len(ready), func(i, j int) { ready[i], ready[j] = ready[j], ready[i] })
		slices.SortStableFunc(ready, func(a, b *node) int { return cmp.Compare(e.priority(a.label), e.priority(b.label)) })
	}
	for _, n := range ready {
		if n.kind == isTask && !e.taskRoom() {
			continue
		}
		e.start(n)
		changed = true
	}
	return changed
}

// taskRoom reports whether another task may start (Parallel).
func (e *engine) taskRoom() bool {
	return e.opts.Parallel <= 0 || e.active < e.opts.Parallel
}

// met says whether what n waits for is there, or never will be: for
// @started, the node has begun; @ready, the process is ready; @succeeded,
// the task ended with status 0 or was found done by its status check;
// @completed, the task ended in any way — or, a soft dependency, did not
// run because a task it needed failed. What is not in the run (--mode
// single, after) is not waited for, and a disabled process never
// starts. process-compose decides its depends_on (pcrun.Decide).
func (e *engine) met(n *node) (ok, never bool, why string) {
	ok = true
	for _, d := range n.deps {
		t := d.from
		if !e.sel[t] {
			continue
		}
		if d.pc != "" {
			met, never, why := pcrun.Decide(t.label, d.pc, pcrun.DepState{
				Disabled: !t.enabled, Skipped: t.skipped, Started: t.started, Exited: t.exited, Status: t.status,
				HasProbe: t.hasProbe(), Ready: t.ready, Unready: t.unready, Probing: t.probing,
			})
			if never {
				return false, true, why
			}
			ok = ok && met
			continue
		}
		if !t.enabled || t.skipped && d.cond != condCompleted {
			return false, true, fmt.Sprintf("it waits for %s, which does not start", t.key)
		}
		var done bool
		switch d.cond {
		case condStarted:
			done = t.started
		case condReady:
			done = t.ready
			if t.unready || t.exited && !t.ready && !t.probing || t.started && t.probe == nil && !t.readyAtStart && !t.ready {
				return false, true, fmt.Sprintf("%s does not become ready", t.key)
			}
		case condCompleted:
			done = t.exited || t.skipped
		case condSucceeded:
			done = t.exited && (t.status == 0 || t.skippedByStatus)
			if t.exited && !done {
				return false, true, fmt.Sprintf("%s failed", t.key)
			}
		}
		if !done {
			ok = false
		}
	}
	return ok, false, ""
}

// skip records that n never starts.
func (e *engine) skip(n *node, why string) {
	n.skipped = true
	n.result = len(e.results)
	e.results = append(e.results, TaskResult{Name: n.key, Status: DependencyFailed})
	e.run.Add(procrun.Step{Kind: procrun.Skipped, Label: n.label, Why: why})
}

// start starts a node: a service's stand-in, a task (in a goroutine of
// its own) or a process.
func (e *engine) start(n *node) {
	n.started = true
	n.result = len(e.results)
	e.results = append(e.results, TaskResult{Name: n.key, Status: Succeeded})
	e.run.Add(procrun.Step{Kind: procrun.Started, Label: n.label})
	switch n.kind {
	case isService:
		if n.readyAtStart {
			n.ready = true
			e.run.Add(procrun.Step{Kind: procrun.Ready, Label: n.label})
		}
		return
	case isTask:
		e.active++
		e.inflight.Add(1)
		go e.runTaskNode(n)
		return
	}
	spec, err := e.processSpec(n)
	var p *procrun.Proc
	if err == nil {
		p, err = e.run.Start(spec)
	}
	if err != nil {
		// A process that cannot start (its cwd is missing, say) is not
		// started again: the source's models record it so too.
		n.exited, n.status = true, 127
		e.results[n.result].Status, e.results[n.result].ExitCode, e.results[n.result].Stderr = Failed, 127, []byte(err.Error())
		e.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: 127})
		return
	}
	n.p = p
	switch {
	case n.probe != nil:
		n.probing = true
		e.inflight.Add(1)
		go e.check(n, *n.probe)
	case n.readyAtStart:
		n.ready = true
		e.run.Add(procrun.Step{Kind: procrun.Ready, Label: n.label})
	case n.neverReady:
		n.unready = true
		e.run.Add(procrun.Step{Kind: procrun.Unready, Label: n.label})
	}
}

// runTaskNode runs a task to its end and records it.
func (e *engine) runTaskNode(n *node) {
	defer e.inflight.Done()
	res := e.runTask(n)
	e.mu.Lock()
	n.exited, n.status, n.skippedByStatus = true, res.ExitCode, res.Status == Skipped
	e.results[n.result] = res
	e.active--
	// Add tells the loop.
	e.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: n.status})
	e.mu.Unlock()
}

// processExited takes in the exit of a process: a daemon whose command
// exited 0 runs on (process-compose's is_daemon).
func (e *engine) processExited(n *node, status int) {
	n.status = status
	if n.pc != nil && n.pc.daemon && status == 0 {
		n.running = true
		e.run.Add(procrun.Step{Kind: procrun.Detached, Label: n.label})
		return
	}
	n.exited = true
	if status != 0 {
		e.results[n.result].Status = Failed
		e.results[n.result].ExitCode = status
	}
	e.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: status, Restart: e.restarts(n)})
}

// check runs a readiness check (procrun's Probe) and records its outcome.
func (e *engine) check(n *node, spec procrun.Spec) {
	defer e.inflight.Done()
	spec.Label = n.label + "/ready"
	passed := e.run.Probe(spec)
	kind := procrun.Ready
	if !passed {
		kind = procrun.Unready
	}
	// The step is recorded before the loop can act on it.
	e.mu.Lock()
	n.probing = false
	n.ready, n.unready = passed, !passed
	e.run.Add(procrun.Step{Kind: kind, Label: n.label})
	e.mu.Unlock()
}

// finished reports whether every task of the run has ended or been
// skipped, and every process and service has started or been skipped.
func (e *engine) finished() bool {
	for _, n := range e.order {
		switch {
		case n.skipped || !n.enabled:
		case n.kind == isTask && !n.exited:
			return false
		case !n.started:
			return false
		}
	}
	return true
}

// idleNow reports whether the loop has nothing to do until something
// happens: no task running, no probe in flight, no exit to take in.
func (e *engine) idleNow() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.idle {
		return false
	}
	for _, n := range e.order {
		if n.probing || n.kind == isTask && n.started && !n.exited {
			return false
		}
		if n.p != nil && !n.exited && !n.running && n.p.Exiting() {
			return false
		}
	}
	return true
}

// shutdown ends the run: the tasks still running are killed, and, once
// the probes in flight are done, the processes are stopped as their
// manager stops them (procrun's StopAll): under the native manager,
// SIGTERM to each process group, then SIGKILL; under process-compose,
// each process's shutdown command, or its signal, all at once or, with
// ordered_shutdown, dependents first.
func (e *engine) shutdown() {
	e.cancel()
	e.inflight.Wait()
	e.mu.Lock()
	var live []*node
	for _, n := range e.order {
		if n.p != nil && (!n.exited || n.running) {
			live = append(live, n)
		}
	}
	e.mu.Unlock()
	if e.ordered {
		live = dependentsFirst(live)
	}
	var stop []procrun.Stopper
	for _, n := range live {
		s := procrun.Stopper{Proc: n.p, Detached: n.running}
		if n.pc != nil {
			s.How.Signal = n.pc.signal
			if n.pc.shutdown != "" {
				s.How.Command = &procrun.Spec{Argv: []string{e.bash, "-c", n.pc.shutdown}, Dir: n.pc.workingDir, Env: n.pc.env}
			}
		}
		stop = append(stop, s)
	}
	e.run.StopAll(stop, e.ordered)
}

// dependentsFirst orders processes so that each comes before those it
// depends on.
func dependentsFirst(live []*node) []*node {
	var out []*node
	seen := map[*node]bool{}
	var visit func(n *node)
	visit = func(n *node) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, d := range n.deps {
			visit(d.from)
		}
		out = append(out, n)
	}
	for _, n := range live {
		visit(n)
	}
	slices.Reverse(out)
	return slices.DeleteFunc(out, func(n *node) bool { return !slices.Contains(live, n) })
}
