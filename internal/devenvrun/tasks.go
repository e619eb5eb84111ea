package devenvrun

import (
	"context"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// TaskStatus is what became of a task in a run.
type TaskStatus string

const (
	// Succeeded: the task ran and exited 0 (or has no exec); a process:
	// it started, and did not fail before the run ended.
	Succeeded TaskStatus = "succeeded"
	// Failed: the task ran and failed; a process: it exited with a
	// status other than 0, or could not start.
	Failed TaskStatus = "failed"
	// Skipped: its status command exited 0, so it did not run.
	Skipped TaskStatus = "skipped"
	// DependencyFailed: a task it needs failed, so it did not run.
	DependencyFailed TaskStatus = "dependency failed"
)

// TaskResult is one task's part of a run.
type TaskResult struct {
	Name   string
	Status TaskStatus
	// ExitCode is the exit status of the task's exec, when it ran.
	ExitCode int
	// Stdout and Stderr are what the task (its status check included)
	// wrote.
	Stdout, Stderr []byte
}

// RunResult is the outcome of RunTasks.
type RunResult struct {
	// Tasks are the tasks (and processes) of the run in the order they
	// started (a task that did not run is listed when that was decided).
	Tasks []TaskResult
}

// Failed reports whether a task failed or could not run.
func (r *RunResult) Failed() bool {
	for _, t := range r.Tasks {
		if t.Status == Failed || t.Status == DependencyFailed {
			return true
		}
	}
	return false
}

// ExitCode is the exit status of "devenv tasks run": 1 when a task failed,
// else 0.
func (r *RunResult) ExitCode() int {
	if r.Failed() {
		return 1
	}
	return 0
}

// Order returns the names of the tasks that ran (their exec, not skipped),
// in the order they started.
func (r *RunResult) Order() []string {
	var out []string
	for _, t := range r.Tasks {
		if t.Status == Succeeded || t.Status == Failed {
			out = append(out, t.Name)
		}
	}
	return out
}

// RunTasks runs "devenv tasks run NAMES…" on cfg as devenv 2.2.2's task
// engine does: the named tasks (a namespace names all of its tasks) and,
// by opts.Mode, those upstream or downstream of them, on the engine
// StartProcesses runs on (see engine): each task once, when what it waits
// for has reached its edge's condition; a task whose status command
// exits 0 is skipped; a failed task stops the tasks that need it to
// succeed, and the others go on. A process a task needs is started as
// devenv-tasks starts it, natively (whatever the configuration's
// manager, and whatever its start.enable), and stopped when the tasks are
// done, as devenv stops the processes a task run pulled in. Tasks that
// can start at the same moment run concurrently, started in an order
// opts.Seed chooses, at most opts.Parallel at a time.
//
// The error is for a graph devenv would refuse (a *Refused: an unknown
// task, a cycle, a suffix that does not apply); a task's failure is in
// the result. When ctx is done, the tasks still running are killed.
func RunTasks(ctx context.Context, cfg *Config, names []string, opts Options) (*RunResult, error) {
	run := procrun.New(nil)
	e, err := newEngine(ctx, cfg, run, opts, "native")
	if err != nil {
		return nil, err
	}
	roots, err := e.resolve(names)
	if err != nil {
		return nil, err
	}
	if err := e.choose(roots, opts.Mode); err != nil {
		return nil, err
	}
	for _, n := range e.order {
		n.enabled = true
	}
	e.loop(ctx.Done(), e.finished)
	e.shutdown()
	return &RunResult{Tasks: e.results}, nil
}
