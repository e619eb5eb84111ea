package devenvrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Mode says which tasks "devenv tasks run NAMES" runs besides the named
// ones: devenv's --mode.
type Mode string

const (
	// ModeBefore runs the named tasks and every task upstream of them:
	// devenv's default.
	ModeBefore Mode = "before"
	// ModeSingle runs the named tasks alone.
	ModeSingle Mode = "single"
	// ModeAfter runs the named tasks and every task downstream of them.
	ModeAfter Mode = "after"
	// ModeAll runs both.
	ModeAll Mode = "all"
)

// RunOptions say how RunTasks runs the tasks, and in which schedule.
type RunOptions struct {
	// Mode is devenv's --mode; empty means ModeBefore.
	Mode Mode
	// Dir is the directory devenv runs in: a task without cwd runs there.
	Dir string
	// Environ is the environment devenv runs in (the shell's), as
	// "NAME=value" entries. The module's env and then the task's own env
	// are put over it.
	Environ []string
	// Stdout and Stderr receive the tasks' output as they write it; nil
	// discards it. Each task's output is kept in its TaskResult too.
	Stdout, Stderr io.Writer
	// Parallel is the number of tasks that run at once; 0 means no limit,
	// as devenv does. 1 runs one task at a time.
	Parallel int
	// Seed, when not 0, permutes the order in which tasks that are ready
	// at the same time are started: each seed is another schedule that
	// devenv could have chosen. With Seed 0 they start in name order.
	Seed uint64
	// Bash is the bash that runs the tasks' scripts, as devenv's store
	// path does: it is not looked up in the tasks' PATH (which may hold
	// stubs). Empty means the bash found in this program's PATH.
	Bash string
	// StartProcess starts the process behind a process task
	// (devenv:processes:<name>) that a task depends on. Nil makes such a
	// dependency an error. The process runs until ctx is done: RunTasks
	// cancels it when the tasks are done, as devenv stops the processes a
	// task run pulled in.
	StartProcess func(ctx context.Context, name string) (*ProcessHandle, error)
}

// ProcessHandle reports what a process started for a task run is doing.
type ProcessHandle struct {
	// Started is closed when the process has started, Ready when it is
	// ready; Done receives its exit when it ends.
	Started, Ready <-chan struct{}
	Done           <-chan error
}

// TaskStatus is what became of a task in a run.
type TaskStatus string

const (
	// Succeeded: the task ran and exited 0 (or has no exec).
	Succeeded TaskStatus = "succeeded"
	// Failed: the task ran and failed.
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
	// Tasks are the tasks of the run in the order they started (a task
	// that did not run is listed when that was decided).
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

// condition is what a dependency waits for.
type condition string

const (
	onStarted   condition = "started"
	onReady     condition = "ready"
	onSucceeded condition = "succeeded"
	onCompleted condition = "completed"
)

// taskEdge says that task "to" waits for task "from" to reach cond.
type taskEdge struct {
	from, to string
	cond     condition
}

// graph is the task graph of a module.
type graph struct {
	cfg    *Config
	names  []string // every task, sorted
	isProc map[string]bool
	// in and out are the edges into and out of each task.
	in, out map[string][]taskEdge
}

// newGraph builds the graph of cfg's tasks and processes, checking every
// taskEdge as devenv-tasks does.
func newGraph(cfg *Config) (*graph, error) {
	g := &graph{cfg: cfg, isProc: map[string]bool{}, in: map[string][]taskEdge{}, out: map[string][]taskEdge{}}
	for name := range cfg.Tasks {
		g.names = append(g.names, name)
	}
	for name := range cfg.Processes {
		g.names = append(g.names, processPrefix+name)
		g.isProc[processPrefix+name] = true
	}
	slices.Sort(g.names)
	exists := func(n string) bool { _, ok := slices.BinarySearch(g.names, n); return ok }
	add := func(e taskEdge) { g.in[e.to] = append(g.in[e.to], e); g.out[e.from] = append(g.out[e.from], e) }
	// parse reads "name@cond" naming the task dep, for an taskEdge of owner.
	parse := func(owner, entry string) (string, condition, error) {
		name, suffix, hasSuffix := strings.Cut(entry, "@")
		if !exists(name) {
			return "", "", fmt.Errorf("task %s: %q names no task", owner, entry)
		}
		cond := onSucceeded
		if g.isProc[name] {
			cond = onReady
		}
		if hasSuffix {
			cond = condition(suffix)
			switch {
			case cond == onStarted || cond == onCompleted:
			case cond == onReady && g.isProc[name]:
			case cond == onSucceeded && !g.isProc[name]:
			default:
				return "", "", fmt.Errorf("task %s: %q: @%s does not apply to a %s", owner, entry, suffix, kindOf(g.isProc[name]))
			}
		}
		return name, cond, nil
	}
	for _, name := range g.names {
		after, before := g.edges(name)
		for _, a := range after {
			dep, cond, err := parse(name, a)
			if err != nil {
				return nil, err
			}
			add(taskEdge{from: dep, to: name, cond: cond})
		}
		for _, b := range before {
			// "before = [ B ]" makes B wait for this task, on the
			// condition a dependency on this task has by default.
			other, _, _ := strings.Cut(b, "@")
			if !exists(other) {
				return nil, fmt.Errorf("task %s: before %q names no task", name, b)
			}
			cond := onSucceeded
			if g.isProc[name] {
				cond = onReady
			}
			add(taskEdge{from: name, to: other, cond: cond})
		}
	}
	for _, name := range g.names {
		if cyc := g.cycle(name); cyc != nil {
			return nil, fmt.Errorf("the tasks depend on each other in a cycle: %s", strings.Join(cyc, " -> "))
		}
	}
	return g, nil
}

func kindOf(proc bool) string {
	if proc {
		return "process"
	}
	return "oneshot task"
}

// edges returns the after and before entries of a task or process.
func (g *graph) edges(name string) (after, before []string) {
	if p, ok := strings.CutPrefix(name, processPrefix); ok && g.isProc[name] {
		pr := g.cfg.Processes[p]
		return pr.After, pr.Before
	}
	t := g.cfg.Tasks[name]
	return t.After, t.Before
}

// cycle returns a cycle through start, or nil.
func (g *graph) cycle(start string) []string {
	var path []string
	seen := map[string]bool{}
	var walk func(n string) bool
	walk = func(n string) bool {
		path = append(path, n)
		for _, e := range g.out[n] {
			if e.to == start {
				path = append(path, start)
				return true
			}
			if !seen[e.to] {
				seen[e.to] = true
				if walk(e.to) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		return false
	}
	if walk(start) {
		return path
	}
	return nil
}

// resolve turns the names given to "devenv tasks run" into tasks: a name
// that is not a task runs every task of that namespace.
func (g *graph) resolve(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		if _, ok := slices.BinarySearch(g.names, n); ok {
			out = append(out, n)
			continue
		}
		found := false
		for _, t := range g.names {
			if strings.HasPrefix(t, n+":") {
				out = append(out, t)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("task %s not found", n)
		}
	}
	return out, nil
}

// selectTasks returns the tasks a run in mode runs, for the named roots.
func (g *graph) selectTasks(roots []string, mode Mode) (map[string]bool, error) {
	sel := map[string]bool{}
	walk := func(dir func(string) []string) {
		stack := slices.Clone(roots)
		seen := map[string]bool{}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[n] {
				continue
			}
			seen[n] = true
			sel[n] = true
			stack = append(stack, dir(n)...)
		}
	}
	up := func(n string) []string {
		var out []string
		for _, e := range g.in[n] {
			out = append(out, e.from)
		}
		return out
	}
	down := func(n string) []string {
		var out []string
		for _, e := range g.out[n] {
			out = append(out, e.to)
		}
		return out
	}
	switch mode {
	case "", ModeBefore:
		walk(up)
	case ModeAfter:
		walk(down)
	case ModeAll:
		walk(up)
		walk(down)
	case ModeSingle:
		for _, r := range roots {
			sel[r] = true
		}
	default:
		return nil, fmt.Errorf("unknown mode %q", mode)
	}
	return sel, nil
}

// state is how far a task of a run has got.
type state int

const (
	waiting state = iota
	running
	finishedOK
	finishedFailed
)

// RunTasks runs "devenv tasks run NAMES…" on cfg as devenv 2.2.2's task
// engine does: the named tasks (a namespace names all of its tasks) and,
// by mode, those upstream or downstream of them; each task once, when the
// tasks it is "after" (and those "before" it) have reached the condition
// of the taskEdge — @succeeded by default for a one-shot task, @ready for a
// process, @started, or @completed, which does not mind a failure. A
// task whose status command exits 0 is skipped; otherwise its exec runs
// as a script "#!bash", "set -e", exec (with a binary, that program runs
// the exec alone), in its cwd or opts.Dir, with opts.Environ, the
// module's env and the task's env. A failed task stops the tasks that
// need it to succeed; the others go on. Tasks that are ready at the same
// time run concurrently, started in an order opts.Seed chooses.
//
// The error is for a graph devenv would refuse (an unknown task, a cycle,
// a suffix that does not apply); a task's failure is in the result.
func RunTasks(ctx context.Context, cfg *Config, names []string, opts RunOptions) (*RunResult, error) {
	g, err := newGraph(cfg)
	if err != nil {
		return nil, err
	}
	roots, err := g.resolve(names)
	if err != nil {
		return nil, err
	}
	sel, err := g.selectTasks(roots, opts.Mode)
	if err != nil {
		return nil, err
	}
	r := &run{g: g, cfg: cfg, opts: opts, sel: sel, state: map[string]state{}, started: map[string]bool{}, ready: map[string]bool{}}
	if r.bash = opts.Bash; r.bash == "" {
		if r.bash, err = exec.LookPath("bash"); err != nil {
			return nil, err
		}
	}
	if r.env, err = cfg.Environ(); err != nil {
		return nil, err
	}
	for n := range sel {
		if g.isProc[n] && opts.StartProcess == nil {
			return nil, fmt.Errorf("task run needs the process %s, and no StartProcess is given", strings.TrimPrefix(n, processPrefix))
		}
	}
	if opts.Seed != 0 {
		r.rng = rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	}
	procCtx, stopProcs := context.WithCancel(ctx)
	defer stopProcs()
	r.schedule(ctx, procCtx)
	stopProcs()
	r.procs.Wait()
	return &RunResult{Tasks: r.results}, nil
}

// run is one RunTasks call in progress.
type run struct {
	g    *graph
	cfg  *Config
	opts RunOptions
	sel  map[string]bool
	bash string
	env  map[string]string
	rng  *rand.Rand

	mu      sync.Mutex
	state   map[string]state
	started map[string]bool
	ready   map[string]bool
	results []TaskResult
	// changed is signalled whenever a task changes state.
	changed chan struct{}
	procs   sync.WaitGroup
	outMu   sync.Mutex
}

// verdict says whether a task may start now (go), must wait, or can never
// run because a task it needs failed (blocked).
func (r *run) verdict(name string) (goNow, blocked bool) {
	for _, e := range r.g.in[name] {
		if !r.sel[e.from] {
			continue
		}
		st := r.state[e.from]
		switch e.cond {
		case onStarted:
			if !r.started[e.from] {
				if st == finishedFailed {
					return false, true
				}
				return false, false
			}
		case onReady:
			if !r.ready[e.from] {
				if st == finishedFailed || st == finishedOK {
					return false, true
				}
				return false, false
			}
		case onSucceeded:
			switch st {
			case finishedFailed:
				return false, true
			case finishedOK:
			default:
				return false, false
			}
		case onCompleted:
			if st != finishedOK && st != finishedFailed {
				return false, false
			}
		}
	}
	return true, false
}

// schedule starts tasks as they become ready until every selected task
// has finished or cannot run. Processes are not waited for: they run
// until procCtx is done.
func (r *run) schedule(ctx, procCtx context.Context) {
	r.changed = make(chan struct{}, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	active := 0 // one-shot tasks running
	pending := map[string]bool{}
	for n := range r.sel {
		pending[n] = true
	}
	for {
		r.mu.Lock()
		var ready []string
		for _, n := range slices.Sorted(maps.Keys(pending)) {
			goNow, blocked := r.verdict(n)
			switch {
			case blocked:
				delete(pending, n)
				r.state[n] = finishedFailed
				r.results = append(r.results, TaskResult{Name: n, Status: DependencyFailed})
				r.signal() // its dependents may now be decided too
			case goNow:
				ready = append(ready, n)
			}
		}
		if r.rng != nil {
			r.rng.Shuffle(len(ready), func(i, j int) { ready[i], ready[j] = ready[j], ready[i] })
		}
		for _, n := range ready {
			if r.g.isProc[n] {
				delete(pending, n)
				r.state[n] = running
				r.startProcess(procCtx, n)
				continue
			}
			if r.opts.Parallel > 0 && active >= r.opts.Parallel {
				continue
			}
			delete(pending, n)
			r.state[n] = running
			active++
			i := len(r.results)
			r.results = append(r.results, TaskResult{Name: n})
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := r.runTask(ctx, n, func() {
					r.mu.Lock()
					r.started[n] = true
					r.mu.Unlock()
					r.signal()
				})
				r.mu.Lock()
				r.results[i] = res
				r.state[n] = finishedOK
				if res.Status == Failed {
					r.state[n] = finishedFailed
				}
				r.started[n] = true
				active--
				r.mu.Unlock()
				r.signal()
			}()
		}
		done := len(pending) == 0 && active == 0
		r.mu.Unlock()
		if done {
			return
		}
		<-r.changed
	}
}

// signal wakes the scheduler: a task changed state.
func (r *run) signal() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// startProcess starts a process task through opts.StartProcess and
// follows its state. Called with r.mu held.
func (r *run) startProcess(ctx context.Context, n string) {
	i := len(r.results)
	r.results = append(r.results, TaskResult{Name: n, Status: Succeeded})
	r.procs.Add(1)
	go func() {
		defer r.procs.Done()
		set := func(f func()) {
			r.mu.Lock()
			f()
			r.mu.Unlock()
			r.signal()
		}
		h, err := r.opts.StartProcess(ctx, strings.TrimPrefix(n, processPrefix))
		if err != nil {
			set(func() {
				r.results[i].Status, r.results[i].Stderr = Failed, []byte(err.Error())
				r.state[n] = finishedFailed
			})
			return
		}
		started, ready := h.Started, h.Ready
		for {
			select {
			case <-started:
				started = nil
				set(func() { r.started[n] = true })
			case <-ready:
				ready = nil
				set(func() { r.ready[n] = true })
			case err := <-h.Done:
				set(func() {
					r.state[n] = finishedOK
					if err != nil {
						r.state[n] = finishedFailed
						r.results[i].Status = Failed
					}
				})
				return
			}
		}
	}()
}

// runTask runs one task: its status check, then its exec.
func (r *run) runTask(ctx context.Context, name string, started func()) TaskResult {
	t := r.cfg.Tasks[name]
	res := TaskResult{Name: name}
	var stdout, stderr bytes.Buffer
	defer func() { res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes() }()
	if t.Status != nil && t.Exec != nil {
		code, err := r.script(ctx, t, *t.Status, nil, &stdout, &stderr)
		if err != nil {
			fmt.Fprintf(&stderr, "devenvrun: %v\n", err)
			res.Status, res.ExitCode = Failed, 1
			return res
		}
		if code == 0 {
			res.Status = Skipped
			started()
			return res
		}
	}
	if t.Exec == nil {
		res.Status = Succeeded
		started()
		return res
	}
	code, err := r.script(ctx, t, *t.Exec, started, &stdout, &stderr)
	if err != nil {
		fmt.Fprintf(&stderr, "devenvrun: %v\n", err)
		res.Status, res.ExitCode = Failed, 1
		return res
	}
	res.ExitCode = code
	res.Status = Succeeded
	if code != 0 {
		res.Status = Failed
	}
	return res
}

// script runs text as devenv runs a task's exec or status: a script file
// "#!bash", "set -e", text, or with the task's binary, the text alone.
func (r *run) script(ctx context.Context, t Task, text string, started func(), stdout, stderr *bytes.Buffer) (int, error) {
	prog, body := r.bash, "set -e\n"+text
	if t.Binary != nil && *t.Binary != "bash" {
		p, err := exec.LookPath(*t.Binary)
		if err != nil {
			return 0, err
		}
		prog, body = p, text
	}
	f, err := os.CreateTemp("", "devenvrun-task-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString("#!" + prog + "\n" + body); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	cmd := exec.CommandContext(ctx, prog, f.Name())
	cmd.Dir = r.opts.Dir
	if t.Cwd != nil {
		cmd.Dir = *t.Cwd
		if !filepath.IsAbs(cmd.Dir) && r.opts.Dir != "" {
			cmd.Dir = filepath.Join(r.opts.Dir, cmd.Dir)
		}
	}
	env := slices.Clone(r.opts.Environ)
	for _, k := range slices.Sorted(maps.Keys(r.env)) {
		env = append(env, k+"="+r.env[k])
	}
	for _, k := range slices.Sorted(maps.Keys(t.Env)) {
		env = append(env, k+"="+t.Env[k])
	}
	cmd.Env = env
	cmd.Stdout = r.tee(stdout, r.opts.Stdout)
	cmd.Stderr = r.tee(stderr, r.opts.Stderr)
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	if started != nil {
		started()
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	return 0, err
}

// tee writes to the task's own buffer and to the run's stream, one write
// at a time so that lines of tasks running together stay whole.
func (r *run) tee(own *bytes.Buffer, w io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		r.outMu.Lock()
		defer r.outMu.Unlock()
		own.Write(p)
		if w != nil {
			w.Write(p)
		}
		return len(p), nil
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
