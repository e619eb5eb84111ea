// Package pcrun models how process-compose runs the processes of a
// loaded configuration (reference/process-compose.md): each command in a
// process group of its own; a process waits for its depends_on
// conditions (started, completed, completed successfully, healthy, log
// ready) and is skipped when they cannot be met; readiness probes; a
// daemon counts as running once its command exits 0; at stop, a process's
// shutdown.command runs instead of the signal, and the signal (SIGTERM
// unless shutdown.signal says otherwise) goes to the process group of
// the others, SIGKILL after the timeout.
//
// The source side of the behaviour tests runs the user's
// process-compose file with it (its configuration from package pcmodel,
// by package sourcerun), and foreman's Procfile. The output side (package
// devenvrun) runs the settings devenv renders under its process-compose
// manager on devenv-tasks' engine, since devenv's tasks run between
// process-compose and the processes; it decides their depends_on with
// Decide, and stops them as process-compose does with package procrun's
// StopAll, as this package does. What differs between the two sides is
// how each derives the configuration — commands, directories,
// environments, conditions — which is what the tests compare.
package pcrun

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// Conditions of depends_on.
const (
	Started               = "process_started"
	Completed             = "process_completed"
	CompletedSuccessfully = "process_completed_successfully"
	Healthy               = "process_healthy"
	LogReady              = "process_log_ready"
)

// Config is what process-compose runs.
type Config struct {
	Procs []*Proc
	// OrderedShutdown stops processes one by one, dependents first.
	OrderedShutdown bool
	// Priority orders the processes that can start at the same moment:
	// lower first. The tests start dependents first, so that a missing
	// dependency shows in the timeline.
	Priority func(name string) int
}

// Proc is one process.
type Proc struct {
	Name string
	// Spec is the command: shell, argument and command, working
	// directory and environment. Its Label is Name.
	Spec procrun.Spec
	// DependsOn are the processes it waits for, with conditions.
	DependsOn []Dep
	// Daemon is is_daemon.
	Daemon bool
	// Disabled processes are not started.
	Disabled bool
	// Readiness is the readiness probe: nil for none, a command to run,
	// or an HTTP probe (HTTP set), which no stub can answer and which
	// counts as passed once the process has started.
	Readiness *Probe
	// LogReady says the process has a ready_log_line; no stub prints it,
	// so it counts as printed once the process has started.
	LogReady bool
	// Restart is availability.restart ("no" when empty).
	Restart string
	// Shutdown is how the process is stopped.
	Shutdown procrun.Shutdown
}

// Dep is one entry of depends_on.
type Dep struct{ Name, Condition string }

// Probe is a readiness probe.
type Probe struct {
	// Spec runs the probe's command; Label is set by the runner.
	Spec procrun.Spec
	HTTP bool
	// Broken is an HTTP probe whose port is not a port number, which
	// process-compose never finds ready.
	Broken bool
}

// state is what the manager knows of a process.
type state struct {
	p       *Proc
	proc    *procrun.Proc
	started bool
	// exited is set when the command has exited, and for a daemon when
	// its command failed; running when a daemon's command exited 0.
	exited, running bool
	status          int
	ready, unready  bool
	probing         bool
	skipped         bool
}

// Manager runs a Config.
type Manager struct {
	run    *procrun.Run
	cfg    Config
	mu     sync.Mutex
	procs  map[string]*state
	order  []*state
	idle   bool
	quit   chan struct{}
	done   chan struct{}
	active sync.WaitGroup // probes in flight
}

// Start starts the processes that can start, and goes on starting the
// others as their conditions are met, until Stop.
func Start(run *procrun.Run, cfg Config) *Manager {
	m := &Manager{run: run, cfg: cfg, procs: map[string]*state{}, quit: make(chan struct{}), done: make(chan struct{})}
	for _, p := range cfg.Procs {
		s := &state{p: p}
		m.procs[p.Name] = s
		m.order = append(m.order, s)
	}
	prio := cfg.Priority
	if prio == nil {
		prio = func(string) int { return 0 }
	}
	slices.SortStableFunc(m.order, func(a, b *state) int { return cmp.Compare(prio(a.p.Name), prio(b.p.Name)) })
	go m.loop()
	return m
}

// loop starts what can start whenever something happens.
func (m *Manager) loop() {
	defer close(m.done)
	for {
		m.mu.Lock()
		for m.step() {
		}
		m.idle = true
		m.mu.Unlock()
		select {
		case <-m.quit:
			return
		case <-m.run.Events():
		}
		m.mu.Lock()
		m.idle = false
		m.mu.Unlock()
	}
}

// step takes in exits, then starts or skips every process whose
// conditions are decided; it reports whether it changed anything.
func (m *Manager) step() bool {
	changed := false
	for _, s := range m.order {
		if s.started && s.proc != nil && !s.exited && !s.running {
			select {
			case <-s.proc.Done():
				s.status = s.proc.Status()
				if s.p.Daemon && s.status == 0 {
					s.running = true
					m.run.Add(procrun.Step{Kind: procrun.Detached, Label: s.p.Name})
				} else {
					s.exited = true
					restart := s.p.Restart == "always" || (s.p.Restart == "on_failure" || s.p.Restart == "exit_on_failure") && s.status != 0
					m.run.Add(procrun.Step{Kind: procrun.Exited, Label: s.p.Name, Status: s.status, Restart: restart})
				}
				changed = true
			default:
			}
		}
	}
	for _, s := range m.order {
		if s.started || s.skipped || s.p.Disabled {
			continue
		}
		ok, never, why := m.deps(s)
		switch {
		case never:
			s.skipped = true
			m.run.Add(procrun.Step{Kind: procrun.Skipped, Label: s.p.Name, Why: why})
			changed = true
		case ok:
			m.start(s)
			changed = true
		}
	}
	return changed
}

// deps says whether a process's conditions are met, or never will be.
func (m *Manager) deps(s *state) (ok, never bool, why string) {
	ok = true
	for _, d := range s.p.DependsOn {
		dep, found := m.procs[d.Name]
		if !found {
			return false, true, fmt.Sprintf("it depends on %s, which is not defined", d.Name)
		}
		met, never, why := Decide(d.Name, d.Condition, DepState{
			Disabled: dep.p.Disabled, Skipped: dep.skipped, Started: dep.started, Exited: dep.exited, Status: dep.status,
			HasProbe: dep.p.Readiness != nil, Ready: dep.ready, Unready: dep.unready, Probing: dep.probing,
		})
		if never {
			return false, true, why
		}
		ok = ok && met
	}
	return ok, false, ""
}

// DepState is what process-compose knows of a process that another
// depends on.
type DepState struct {
	// Disabled: it is not started; Skipped: its own conditions cannot
	// be met.
	Disabled, Skipped bool
	// Started; Exited: its command has ended (a daemon whose command
	// exited 0 has not: it runs), with Status.
	Started, Exited bool
	Status          int
	// HasProbe: it has a readiness probe, which found it Ready or
	// Unready, or is Probing still.
	HasProbe, Ready, Unready, Probing bool
}

// Decide says whether the depends_on condition on the process name, in
// state s, is met, or never will be (and why): process_started and
// process_log_ready once it has started (no stub prints a ready line),
// process_completed once it has exited, process_completed_successfully
// once it has exited 0, process_healthy once its probe passed. A
// disabled or skipped process never meets any.
func Decide(name, condition string, s DepState) (met, never bool, why string) {
	switch {
	case s.Disabled:
		return false, true, fmt.Sprintf("it depends on %s, which is disabled", name)
	case s.Skipped:
		return false, true, fmt.Sprintf("%s was skipped", name)
	}
	switch condition {
	case Started, LogReady:
		return s.Started, false, ""
	case Completed:
		return s.Exited, false, ""
	case CompletedSuccessfully:
		if s.Exited && s.Status != 0 {
			return false, true, fmt.Sprintf("%s exited with status %d", name, s.Status)
		}
		return s.Exited, false, ""
	case Healthy:
		if !s.HasProbe {
			return false, true, fmt.Sprintf("%s has no readiness probe", name)
		}
		if s.Unready || s.Exited && !s.Ready && !s.Probing {
			return false, true, fmt.Sprintf("%s did not become healthy", name)
		}
		return s.Ready, false, ""
	}
	return false, true, fmt.Sprintf("unknown condition %q", condition)
}

// start starts a process, and its readiness probe.
func (m *Manager) start(s *state) {
	s.started = true
	spec := s.p.Spec
	spec.Label = s.p.Name
	p, err := m.run.Start(spec)
	if err != nil {
		s.exited, s.status = true, 127
		m.run.Add(procrun.Step{Kind: procrun.Started, Label: s.p.Name})
		m.run.Add(procrun.Step{Kind: procrun.Exited, Label: s.p.Name, Status: 127})
		return
	}
	s.proc = p
	m.run.Add(procrun.Step{Kind: procrun.Started, Label: s.p.Name})
	r := s.p.Readiness
	switch {
	case r == nil:
	case r.HTTP && r.Broken:
		s.unready = true
		m.run.Add(procrun.Step{Kind: procrun.Unready, Label: s.p.Name})
	case r.HTTP:
		s.ready = true
		m.run.Add(procrun.Step{Kind: procrun.Ready, Label: s.p.Name})
	default:
		s.probing = true
		m.active.Add(1)
		go m.probe(s, r.Spec)
	}
}

// probe runs a readiness probe (procrun's Probe) and records its
// outcome.
func (m *Manager) probe(s *state, spec procrun.Spec) {
	defer m.active.Done()
	spec.Label = s.p.Name + "/ready"
	passed := m.run.Probe(spec)
	// The step is recorded before the loop can act on it.
	m.mu.Lock()
	s.probing = false
	if passed {
		s.ready = true
		m.run.Add(procrun.Step{Kind: procrun.Ready, Label: s.p.Name})
	} else {
		s.unready = true
		m.run.Add(procrun.Step{Kind: procrun.Unready, Label: s.p.Name})
	}
	m.mu.Unlock()
}

// Idle reports whether the manager has nothing left to do until
// something happens: no process to start, no probe in flight.
func (m *Manager) Idle() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.idle {
		return false
	}
	for _, s := range m.order {
		if s.probing {
			return false
		}
		if s.proc != nil && !s.exited && !s.running && s.proc.Exiting() {
			return false // an exit the loop has not taken in yet
		}
	}
	return true
}

// Stop stops the manager's loop and then the processes, as
// process-compose does when it shuts down: each process still running
// (a daemon whose command succeeded counts) runs its shutdown command,
// or gets its signal; all at once, or one by one in reverse dependency
// order when OrderedShutdown is set (procrun's StopAll).
func (m *Manager) Stop() {
	close(m.quit)
	<-m.done
	m.active.Wait()
	m.mu.Lock()
	var live []*state
	for _, s := range m.order {
		if s.proc != nil && (!s.exited || s.running) {
			live = append(live, s)
		}
	}
	m.mu.Unlock()
	if m.cfg.OrderedShutdown {
		live = m.dependentsFirst(live)
	}
	var stop []procrun.Stopper
	for _, s := range live {
		stop = append(stop, procrun.Stopper{Proc: s.proc, How: s.p.Shutdown, Detached: s.running})
	}
	m.run.StopAll(stop, m.cfg.OrderedShutdown)
}

// dependentsFirst orders processes so that each comes before those it
// depends on.
func (m *Manager) dependentsFirst(live []*state) []*state {
	var out []*state
	seen := map[string]bool{}
	var visit func(s *state)
	visit = func(s *state) {
		if seen[s.p.Name] {
			return
		}
		seen[s.p.Name] = true
		for _, d := range s.p.DependsOn {
			if dep, ok := m.procs[d.Name]; ok {
				visit(dep)
			}
		}
		out = append(out, s)
	}
	for _, s := range live {
		visit(s)
	}
	slices.Reverse(out)
	return slices.DeleteFunc(out, func(s *state) bool { return !slices.Contains(live, s) })
}
