// Package procrun is the machinery the behaviour tests share to run a set
// of processes the way a process manager does: it starts commands in
// process groups (or sessions) of their own, in a scratch directory, with
// the environment the manager composes; records when each one starts,
// becomes ready, exits or is skipped; waits until everything they started
// has settled; and signals their process groups to stop them.
//
// What a manager decides — which command, which directory, which
// variables, which process waits for which — is not here: the models of
// process-compose and foreman (package sourcerun) and of devenv (package
// devenvrun) decide it, each on its own, and use a Run to carry it out.
package procrun

import (
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// LabelVar is the environment variable every command a Run starts gets,
// naming what it was started as (see Spec.Label), so that each stub call
// can be put down to the process that made it. Comparisons leave it out.
const LabelVar = "PC2DEVENV_LABEL"

// StepKind is what happened to a process.
type StepKind string

// The steps a Run records.
const (
	Started StepKind = "started"
	Ready   StepKind = "ready"
	// Unready is a process whose readiness check failed.
	Unready StepKind = "unready"
	Exited  StepKind = "exited"
	// Detached is a daemon whose command exited 0: its manager counts
	// it as running.
	Detached StepKind = "detached"
	// Skipped is a process its manager did not start because what it
	// waited for failed or cannot happen.
	Skipped StepKind = "skipped"
	// Stopping marks the moment the run started to stop its processes.
	Stopping StepKind = "stopping"
)

// Step is one event of a run's timeline.
type Step struct {
	Kind StepKind
	// Label names the process ("" for Stopping).
	Label string
	// Status is an exit status (Exited): the exit code, or 128 plus the
	// signal that killed the process.
	Status int
	// Restart says, for Exited, that the manager would start the process
	// again (the managers here do not, so that runs settle).
	Restart bool
	// Why says why a process was skipped.
	Why string
	// Log is the size of the stub log when the step happened.
	Log int64
}

// Spec is a command to start.
type Spec struct {
	// Label names the process, in the timeline and in LabelVar; commands
	// started for a process (its shutdown command, a readiness probe) are
	// labelled "NAME/shutdown", "NAME/ready".
	Label string
	// Argv is the program and its arguments; Argv[0] is a path.
	Argv []string
	// Dir is the working directory.
	Dir string
	// Env is the whole environment; LabelVar is added.
	Env []string
	// Stdout and Stderr, when set, get the command's standard output and
	// error, which are discarded otherwise.
	Stdout, Stderr io.Writer
	// Session starts the command in a session of its own (setsid), as
	// devenv's native manager does; otherwise it gets a process group of
	// its own (setpgid), as process-compose does.
	Session bool
}

// Proc is a started command.
type Proc struct {
	Label string
	// Pid is its process id, which is also its process group's id.
	Pid  int
	done chan struct{}
	// status is the exit status, once done is closed.
	status int
}

// Done is closed when the command has exited.
func (p *Proc) Done() <-chan struct{} { return p.done }

// Status returns the exit status, once Done is closed: the exit code, or
// 128 plus the number of the signal that killed it.
func (p *Proc) Status() int { return p.status }

// Run is one run of a set of processes.
type Run struct {
	// Stubs records the calls; nil for a run whose calls are not
	// recorded (Step.Log is then 0).
	Stubs *stubs.Set

	mu     sync.Mutex
	steps  []Step
	groups []int // process groups started, to settle and to stop
	labels map[int]string
	events chan struct{}
}

// New returns a Run whose commands call the stubs of s, or, with a nil
// s, the programs their PATH finds.
func New(s *stubs.Set) *Run {
	return &Run{Stubs: s, events: make(chan struct{}, 1)}
}

// Add adds a step to the timeline.
func (r *Run) Add(s Step) {
	if r.Stubs != nil {
		s.Log = r.Stubs.Size()
	}
	r.mu.Lock()
	r.steps = append(r.steps, s)
	r.mu.Unlock()
	r.notify()
}

// Steps returns the timeline so far.
func (r *Run) Steps() []Step {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.steps)
}

// Events returns a channel that receives a value (coalesced) whenever a
// step is recorded or a command exits: a manager's loop waits on it to
// decide what to start next.
func (r *Run) Events() <-chan struct{} { return r.events }

// Wake tells the manager's loop, waiting on Events, that something
// happened.
func (r *Run) Wake() { r.notify() }

func (r *Run) notify() {
	select {
	case r.events <- struct{}{}:
	default:
	}
}

// Start starts a command. The manager records the steps it takes for
// one (Add); Events is told when it exits.
func (r *Run) Start(s Spec) (*Proc, error) {
	if len(s.Argv) == 0 {
		return nil, fmt.Errorf("procrun: %s: no command", s.Label)
	}
	// The program is looked up in the command's PATH, not the test's.
	path := s.Argv[0]
	if !strings.Contains(path, "/") {
		path = lookPath(path, s.Env)
	}
	cmd := exec.Command(path, s.Argv[1:]...)
	cmd.Args[0] = s.Argv[0]
	cmd.Dir = s.Dir
	cmd.Env = append(slices.Clone(s.Env), LabelVar+"="+s.Label)
	if s.Session {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	} else {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return nil, err
	}
	defer devnull.Close()
	cmd.Stdin = devnull
	cmd.Stdout, cmd.Stderr = s.Stdout, s.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("procrun: %s: %v", s.Label, err)
	}
	p := &Proc{Label: s.Label, Pid: cmd.Process.Pid, done: make(chan struct{})}
	r.mu.Lock()
	r.groups = append(r.groups, p.Pid)
	if r.labels == nil {
		r.labels = map[int]string{}
	}
	r.labels[p.Pid] = s.Label
	r.mu.Unlock()
	go func() {
		err := cmd.Wait()
		p.status = exitStatus(cmd, err)
		close(p.done)
		r.notify()
	}()
	return p, nil
}

// lookPath finds name in the PATH of env, or returns a path that does not
// exist, so that the start fails as a shell's would.
func lookPath(name string, env []string) string {
	var dirs string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			dirs = v
		}
	}
	for _, dir := range filepath.SplitList(dirs) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return "/nonexistent/" + name
}

// exitStatus returns a command's exit status as a shell reports it.
func exitStatus(cmd *exec.Cmd, err error) int {
	if cmd.ProcessState == nil {
		return 127
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// RunToEnd starts a command and waits until it exits or timeout passes,
// when its process group is killed. It returns the exit status, and
// whether it ended in time.
func (r *Run) RunToEnd(s Spec, timeout time.Duration) (int, bool, error) {
	p, err := r.Start(s)
	if err != nil {
		return 0, false, err
	}
	select {
	case <-p.done:
		return p.status, true, nil
	case <-time.After(timeout):
		syscall.Kill(-p.Pid, syscall.SIGKILL)
		<-p.done
		return p.status, false, nil
	}
}

// WaitFor waits until p exits or timeout passes, and reports whether it
// exited.
func WaitFor(p *Proc, timeout time.Duration) bool {
	select {
	case <-p.done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Signal sends sig to the process group of p.
func (r *Run) Signal(p *Proc, sig syscall.Signal) {
	syscall.Kill(-p.Pid, sig)
}

// Stop kills what is left of every process group the run started:
// SIGKILL, then a wait until they are gone (at most a few seconds).
func (r *Run) Stop() {
	r.mu.Lock()
	groups := slices.Clone(r.groups)
	r.mu.Unlock()
	deadline := time.Now().Add(5 * time.Second)
	for {
		alive := false
		for _, g := range groups {
			if syscall.Kill(-g, syscall.SIGKILL) == nil {
				alive = true
			}
		}
		if !alive || time.Now().After(deadline) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Label returns the label of the command that started the process group
// pgid, and whether the run started it.
func (r *Run) Label(pgid int) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.labels[pgid]
	return l, ok
}

// Groups returns the process groups the run started.
func (r *Run) Groups() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.groups)
}

// Record is what a run did.
type Record struct {
	// Steps is the timeline the manager recorded.
	Steps []Step
	// Calls are the stub calls, in order; At their offsets in the log,
	// to compare with Step.Log.
	Calls []stubs.Call
	At    []int64
	// Unsettled says the commands had not settled at the deadline.
	Unsettled bool
	// Refused, when not empty, says why the manager refused to start
	// the processes at all.
	Refused string
	// Groups names the command that started each process group, for
	// calls made without LabelVar (a command that cleared its
	// environment).
	Groups map[int]string
}

// StopAt returns the log's size when the run started to stop its
// processes (its Stopping step), or -1.
func (r *Record) StopAt() int64 {
	for _, s := range r.Steps {
		if s.Kind == Stopping {
			return s.Log
		}
	}
	return -1
}

// Result returns what the run did so far.
func (r *Run) Result() (*Record, error) {
	var calls []stubs.Call
	var at []int64
	if r.Stubs != nil {
		var err error
		if calls, at, err = r.Stubs.CallsAt(); err != nil {
			return nil, err
		}
	}
	r.mu.Lock()
	groups := maps.Clone(r.labels)
	r.mu.Unlock()
	return &Record{Steps: r.Steps(), Calls: calls, At: at, Groups: groups}, nil
}
