package procrun

import (
	"sync"
	"syscall"
	"time"
)

// This file holds what every manager modelled here does the same way:
// a readiness probe's retries, and how a process is stopped.

// Probe runs a readiness check until it passes, three times at most
// (failure_threshold's default in process-compose and devenv), without
// the waits between, each for at most 10 seconds; it reports whether the
// check passed.
func (r *Run) Probe(s Spec) bool {
	for range 3 {
		status, inTime, err := r.RunToEnd(s, 10*time.Second)
		if err == nil && inTime && status == 0 {
			return true
		}
	}
	return false
}

// Exiting reports whether p has exited, or is gone from /proc but not yet
// reaped: a manager that has not taken its exit in is not idle.
func (p *Proc) Exiting() bool {
	if syscall.Kill(p.Pid, 0) != nil {
		return true
	}
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Grace bounds every wait at stop: the tests' commands are stubs, which
// stop at once or not at all.
const Grace = 3 * time.Second

// Shutdown is how a process is stopped.
type Shutdown struct {
	// Command, when set, runs instead of the signal; its Label is set
	// when it runs ("NAME/shutdown").
	Command *Spec
	// Signal is sent to the process group (SIGTERM when 0).
	Signal int
	// ParentOnly sends it to the process alone.
	ParentOnly bool
}

// Stopper is a started process to stop, and how.
type Stopper struct {
	Proc *Proc
	How  Shutdown
	// Detached is a daemon whose command has exited 0 (Step Detached):
	// its shutdown command is not waited on for its exit.
	Detached bool
}

// StopAll records the Stopping step, stops every process of procs — one
// by one in the order given when ordered, else all at once — and then
// kills what is left of every process group the run started (Stop).
//
// A process with a shutdown command runs it, for at most Grace; when the
// command fails or does not end, the process group gets SIGKILL, and
// otherwise the process (unless Detached) has Grace to exit before it
// does. A process without one gets its signal, and SIGKILL to its group
// after Grace.
func (r *Run) StopAll(procs []Stopper, ordered bool) {
	r.Add(Step{Kind: Stopping})
	if ordered {
		for _, s := range procs {
			r.stopOne(s)
		}
	} else {
		var wg sync.WaitGroup
		for _, s := range procs {
			wg.Go(func() { r.stopOne(s) })
		}
		wg.Wait()
	}
	r.Stop()
}

func (r *Run) stopOne(s Stopper) {
	p := s.Proc
	if s.How.Command != nil {
		spec := *s.How.Command
		spec.Label = p.Label + "/shutdown"
		status, inTime, err := r.RunToEnd(spec, Grace)
		if err != nil || !inTime || status != 0 {
			r.Signal(p, syscall.SIGKILL)
			return
		}
		if !s.Detached && !WaitFor(p, Grace) {
			r.Signal(p, syscall.SIGKILL)
		}
		return
	}
	sig := syscall.Signal(s.How.Signal)
	if sig == 0 {
		sig = syscall.SIGTERM
	}
	if s.How.ParentOnly {
		syscall.Kill(p.Pid, sig)
	} else {
		r.Signal(p, sig)
	}
	if !WaitFor(p, Grace) {
		r.Signal(p, syscall.SIGKILL)
	}
}
