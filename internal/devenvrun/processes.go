package devenvrun

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file runs the processes of a configuration as devenv up does:
// the processes devenv starts (start.enable), and everything upstream of
// them (devenv up's --mode before): the tasks and processes they wait
// for, and the processes of the services the configuration enables,
// which run nothing here (stand-ins that start, and are ready, at once).
//
// Under the native manager, a process is a script "#!bash", "set -e",
// its exec, run in a session of its own, in cwd (devenv.root when null),
// with the shell's environment and its env; it waits for its "after"
// entries (a process's readiness by default, @started, @completed; a
// task's success by default, @completed), which devenv-tasks refuses
// when a process waited for @ready has no readiness check (ready, ports
// or a TCP listen); it is stopped with SIGTERM to its process group, then
// SIGKILL.
//
// Under the process-compose manager, devenv renders process-compose
// settings: an enabled process's command is "exec devenv-tasks run …
// devenv:processes:NAME", which runs the same script, in cwd, in a new
// process group (modelled here as the script itself); a disabled or
// interactive process's command is its exec, run directly by
// process-compose's bash -c, in its process-compose.working_dir (cwd is
// not applied). depends_on comes from after (and other processes'
// before: @started is process_started, @ready process_healthy, @completed
// process_completed) merged with the process's own process-compose
// settings; readiness_probe from ready.exec or ready.http; environment
// from env, then process-compose.environment. process-compose loads what
// devenv rendered: "$$" becomes "$", ${VAR} is substituted from its
// environment and templates are rendered, in every string of the file
// (the exec of a wrapped process is not there). is_strict refuses a
// process_healthy dependency on a process without a readiness probe,
// and a dependency on an undefined or disabled process. A process with
// shutdown.command runs it, in its process-compose working directory,
// instead of getting its signal; a daemon (is_daemon) counts as running
// once its command exits 0.

// Options say where and how to run.
type Options struct {
	// Root is devenv.root: the project's directory. The evaluated
	// module's stand-in for it (nixeval.Root) is replaced by it.
	Root string
	// Environ is the environment devenv is run in.
	Environ []string
	// Bash is the bash devenv runs scripts with.
	Bash string
	// Scripts is a directory for the scripts written for processes and
	// tasks.
	Scripts string
	// Manager overrides the configuration's process manager ("native"
	// or "process-compose").
	Manager string
	// Priority orders the processes and tasks that can start at the
	// same moment, by label: lower first.
	Priority func(label string) int
	// RunTask runs one task; RunTask (this package's) when nil.
	RunTask TaskFunc
	// Version1 says the configuration is for devenv 1, which had no
	// restart option and no devenv-tasks between process-compose and a
	// process: process-compose's availability alone decides restarts.
	Version1 bool
}

// TaskCall is one task the scheduler hands over to run.
type TaskCall struct {
	Run  *procrun.Run
	Name string
	Task Task
	// Env is the shell's environment; the task's env goes on top.
	Env []string
	// Root is devenv.root; Bash and Scripts as in Options.
	Root, Bash, Scripts string
}

// TaskFunc runs one task, once what it waits for is done, and returns its
// exit status, and whether its status command found it done already
// (skipped, which counts as success).
type TaskFunc func(TaskCall) (status int, skipped bool)

// RunTask runs a task as devenv-tasks does: its status command first,
// when it has one (exit 0 skips the task); then its exec, as a script
// "#!bash" and "set -e", or, with binary, run by that program without
// the "set -e"; in cwd (devenv.root when null), with the shell's
// environment and the task's env. The scheduler runs one task at a time
// through it.
//
// TODO(issue 14): the task runner of issue 14 replaces this, with the
// task graph's concurrency.
func RunTask(c TaskCall) (int, bool) {
	env := newEnviron()
	env.add(c.Env)
	for _, k := range sortedKeys(c.Task.Env) {
		env.set(k, rooted(c.Task.Env[k], c.Root))
	}
	dir := c.Root
	if c.Task.Cwd != nil {
		dir = rooted(*c.Task.Cwd, c.Root)
	}
	if c.Task.Status != nil {
		script, err := writeScript(c.Scripts, c.Name+"-status", "set -e\n"+rooted(*c.Task.Status, c.Root))
		if err == nil {
			status, _, _ := c.Run.RunToEnd(procrun.Spec{Label: c.Name + "/status", Argv: []string{c.Bash, script}, Dir: dir, Env: env.list()}, time.Minute)
			if status == 0 {
				return 0, true
			}
		}
	}
	if c.Task.Exec == nil {
		return 0, false
	}
	body, argv0 := "set -e\n"+rooted(*c.Task.Exec, c.Root), c.Bash
	if c.Task.Binary != nil {
		body, argv0 = rooted(*c.Task.Exec, c.Root), *c.Task.Binary
	}
	script, err := writeScript(c.Scripts, c.Name, body)
	if err != nil {
		return 127, false
	}
	status, _, _ := c.Run.RunToEnd(procrun.Spec{Label: c.Name, Argv: []string{argv0, script}, Dir: dir, Env: env.list()}, time.Minute)
	return status, false
}

// writeScript writes a script file "#!bash" and body.
func writeScript(dir, name, body string) (string, error) {
	f, err := os.CreateTemp(dir, strings.NewReplacer("/", "_", ":", "_").Replace(name)+"-*.sh")
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = f.WriteString("#!bash\n" + body)
	return f.Name(), err
}

// Refused is the error of a configuration devenv refuses to run.
type Refused struct{ Why string }

func (r *Refused) Error() string { return "devenv refuses to start: " + r.Why }

// kind is what a node of the graph is.
type kind int

const (
	isProcess kind = iota
	isTask
	isService
)

// cond is what a dependent waits for.
type cond int

const (
	condStarted cond = iota
	condReady
	condCompleted
	condSucceeded
)

// edge is one dependency.
type edge struct {
	to   *node
	cond cond
}

// node is a process, a task or a service's process.
type node struct {
	key   string // the task name: devenv:processes:NAME for processes
	label string // the process's name, or the task's
	kind  kind
	proc  *Process // for processes
	task  Task     // for tasks
	deps  []edge
	// enabled: devenv starts it (a process whose start.enable is not
	// false, every task and service pulled in).
	enabled bool
	// For the process-compose manager.
	pc *pcProcess
	// probe, when set, is the readiness check to run; readyAtStart says
	// the process counts as ready once started; neither: never ready.
	probe        *procrun.Spec
	readyAtStart bool
	// neverReady is a process whose readiness probe never passes.
	neverReady bool

	started, ready, unready, exited, running, skipped, probing bool
	skippedByStatus                                            bool
	status                                                     int
	p                                                          *procrun.Proc
	taskDone                                                   chan struct{}
}

// pcProcess is what devenv's process-compose settings say of a process.
type pcProcess struct {
	direct     bool
	workingDir string
	env        []string // the environment list, loaded
	command    string   // the direct command, loaded
	daemon     bool
	shutdown   string // the shutdown command, loaded
	signal     int
	restart    string
}

// Scheduler runs the processes of a configuration.
type Scheduler struct {
	cfg     *Config
	opts    Options
	run     *procrun.Run
	native  bool
	shell   []string // the shell's environment
	nodes   map[string]*node
	order   []*node
	ordered bool // process-compose's ordered_shutdown
	// envCmds are the variables process-compose's env_cmds set.
	envCmds []string
	mu      sync.Mutex
	taskMu  sync.Mutex // one task at a time (see RunTask)
	idle    bool
	quit    chan struct{}
	done    chan struct{}
	active  sync.WaitGroup
}

// StartProcesses starts what devenv up starts, with run, and goes on
// starting what waits until it can start, until Stop. A configuration
// devenv refuses to run is a *Refused error.
func (c *Config) StartProcesses(run *procrun.Run, opts Options) (*Scheduler, error) {
	if opts.RunTask == nil {
		opts.RunTask = RunTask
	}
	if opts.Priority == nil {
		opts.Priority = func(string) int { return 0 }
	}
	manager := opts.Manager
	if manager == "" {
		manager = c.Manager()
	}
	if manager != "native" && manager != "process-compose" {
		return nil, &Refused{fmt.Sprintf("the %s manager is not modelled", manager)}
	}
	shell, err := c.ShellEnv(opts.Root, opts.Environ)
	if err != nil {
		return nil, err
	}
	s := &Scheduler{cfg: c, opts: opts, run: run, native: manager == "native", shell: shell,
		nodes: map[string]*node{}, quit: make(chan struct{}), done: make(chan struct{})}
	if !s.native {
		s.runEnvCmds()
	}
	if err := s.graph(); err != nil {
		return nil, err
	}
	go s.loop()
	return s, nil
}

const processPrefix = "devenv:processes:"

// graph builds the nodes and their dependencies, and checks them as
// devenv-tasks (or process-compose) would.
func (s *Scheduler) graph() error {
	serviceProcs := map[string]bool{}
	for _, path := range s.cfg.enabledServices() {
		proc, _, _ := ServiceProcess(path)
		serviceProcs[proc] = true
	}
	for _, name := range sortedKeys(s.cfg.Processes) {
		p := s.cfg.Processes[name]
		if serviceProcs[name] && p.Exec == "" {
			// Settings for a service's process (its env, say), which the
			// service's module defines.
			continue
		}
		enabled := p.Start == nil || p.Start.Enable == nil || *p.Start.Enable
		if s.native {
			n := &node{key: processPrefix + name, label: name, kind: isProcess, proc: &p, enabled: enabled}
			s.nodes[n.key] = n
			continue
		}
		if err := s.pcNodes(name, p, enabled); err != nil {
			return err
		}
	}
	for _, path := range s.cfg.enabledServices() {
		proc, ready, _ := ServiceProcess(path)
		key := processPrefix + proc
		if _, dup := s.nodes[key]; dup {
			continue
		}
		// The native manager counts a service without a check as ready
		// at once; process-compose has a probe only for ReadyProbe.
		n := &node{key: key, label: proc, kind: isService, enabled: true}
		n.readyAtStart = s.native || ready == ReadyProbe
		if p, ok := s.cfg.Processes[proc]; ok {
			// The module's process, with the settings the output adds
			// to it (what it waits for, its env, a readiness check).
			n.proc = &p
			if _, probe := p.ProcessCompose["readiness_probe"]; p.Ready != nil || probe && !s.native {
				n.readyAtStart = true
			}
		}
		s.nodes[key] = n
	}
	for _, name := range sortedKeys(s.cfg.Tasks) {
		s.nodes[name] = &node{key: name, label: name, kind: isTask, task: s.cfg.Tasks[name], enabled: true}
	}
	// Edges: after, and other nodes' before.
	for _, n := range s.sortedNodes() {
		var after []string
		switch {
		case n.proc != nil:
			after = n.proc.After
			if !s.native {
				after = slices.DeleteFunc(slices.Clone(after), func(a string) bool { return strings.HasPrefix(a, processPrefix) })
			}
		case n.kind == isTask:
			after = n.task.After
		}
		for _, a := range after {
			if err := s.addEdge(n, a); err != nil {
				return err
			}
		}
	}
	for _, n := range s.sortedNodes() {
		var before []string
		switch {
		case n.proc != nil:
			before = n.proc.Before
		case n.kind == isTask:
			before = n.task.Before
		}
		for _, b := range before {
			target, suffix, _ := strings.Cut(b, "@")
			t, ok := s.nodes[target]
			if !ok {
				if target == "devenv:enterShell" || target == "devenv:enterTest" {
					continue
				}
				return &Refused{fmt.Sprintf("%s: before: no task %s", n.key, target)}
			}
			if !s.native && t.kind == isProcess && n.kind == isProcess {
				continue // depends_on, from the process-compose settings
			}
			c, err := s.condition(n, suffix)
			if err != nil {
				return err
			}
			t.deps = append(t.deps, edge{to: n, cond: c})
		}
	}
	if !s.native {
		if err := s.pcDepends(); err != nil {
			return err
		}
	}
	// devenv up starts the enabled processes and services, and what they
	// wait for.
	selected := map[*node]bool{}
	var pull func(n *node)
	pull = func(n *node) {
		if selected[n] {
			return
		}
		selected[n] = true
		for _, e := range n.deps {
			pull(e.to)
		}
	}
	for _, n := range s.sortedNodes() {
		if n.kind != isTask && n.enabled {
			pull(n)
		}
	}
	for _, n := range s.sortedNodes() {
		if selected[n] {
			s.order = append(s.order, n)
		}
	}
	slices.SortStableFunc(s.order, func(a, b *node) int { return cmp.Compare(s.opts.Priority(a.label), s.opts.Priority(b.label)) })
	for _, n := range s.order {
		if n.kind == isProcess && s.native {
			s.nativeReadiness(n)
		}
	}
	return nil
}

func (s *Scheduler) sortedNodes() []*node {
	var out []*node
	for _, k := range slices.Sorted(maps.Keys(s.nodes)) {
		out = append(out, s.nodes[k])
	}
	return out
}

// addEdge adds the dependency of n on an after entry.
func (s *Scheduler) addEdge(n *node, entry string) error {
	target, suffix, _ := strings.Cut(entry, "@")
	t, ok := s.nodes[target]
	if !ok {
		return &Refused{fmt.Sprintf("%s: after: no task %s", n.key, target)}
	}
	c, err := s.condition(t, suffix)
	if err != nil {
		return err
	}
	if c == condReady && s.native && t.kind == isProcess && !hasReadiness(t.proc) {
		return &Refused{fmt.Sprintf("%s waits for %s to be ready, which has no ready config, TCP listen config, or allocated ports", n.key, t.key)}
	}
	if c == condReady && s.native && t.kind == isService {
		if _, r, _ := ServiceProcess(s.serviceOf(t)); r == ReadyNone {
			return &Refused{fmt.Sprintf("%s waits for %s to be ready, which has no readiness check", n.key, t.key)}
		}
	}
	n.deps = append(n.deps, edge{to: t, cond: c})
	return nil
}

// serviceOf returns the service path of a service's node.
func (s *Scheduler) serviceOf(n *node) string {
	for path, svc := range services {
		if svc.process == n.label {
			return path
		}
	}
	return ""
}

// condition reads a dependency suffix for the target t.
func (s *Scheduler) condition(t *node, suffix string) (cond, error) {
	isTaskTarget := t.kind == isTask
	switch suffix {
	case "":
		if isTaskTarget {
			return condSucceeded, nil
		}
		return condReady, nil
	case "started":
		return condStarted, nil
	case "completed":
		return condCompleted, nil
	case "ready":
		if !isTaskTarget {
			return condReady, nil
		}
	case "succeeded":
		if isTaskTarget {
			return condSucceeded, nil
		}
	}
	return 0, &Refused{fmt.Sprintf("@%s cannot follow %s", suffix, t.key)}
}

// hasReadiness reports whether the native manager can tell that a
// process is ready.
func hasReadiness(p *Process) bool {
	if p.Ready != nil && (p.Ready.Exec != nil || p.Ready.HTTP != nil && p.Ready.HTTP.Get != nil) {
		return true
	}
	return len(p.Ports) > 0
}

// nativeReadiness decides how the native manager tells that a process is
// ready: its ready.exec, run until it passes; an HTTP check or a port
// (no stub answers them), once it has started; with neither, at once.
func (s *Scheduler) nativeReadiness(n *node) {
	p := n.proc
	if p.Ready != nil && p.Ready.Exec != nil {
		spec := s.nativeSpec(n)
		spec.Argv = []string{s.opts.Bash, "-c", rooted(*p.Ready.Exec, s.opts.Root)}
		n.probe = &spec
		return
	}
	n.readyAtStart = true
}

// nativeSpec returns how the native manager runs a process.
func (s *Scheduler) nativeSpec(n *node) procrun.Spec {
	p := n.proc
	env := newEnviron()
	env.add(s.shell)
	for _, k := range sortedKeys(p.Env) {
		env.set(k, rooted(p.Env[k], s.opts.Root))
	}
	dir := s.opts.Root
	if p.Cwd != nil {
		dir = rooted(*p.Cwd, s.opts.Root)
	}
	return procrun.Spec{Label: n.label, Dir: dir, Env: env.list(), Session: true}
}

// loop starts what can start whenever something happens.
func (s *Scheduler) loop() {
	defer close(s.done)
	for {
		s.mu.Lock()
		for s.step() {
		}
		s.idle = true
		s.mu.Unlock()
		select {
		case <-s.quit:
			return
		case <-s.run.Events():
		}
		s.mu.Lock()
		s.idle = false
		s.mu.Unlock()
	}
}

// step takes in exits, then starts or skips every node whose
// dependencies are decided; it reports whether it changed anything.
func (s *Scheduler) step() bool {
	changed := false
	for _, n := range s.order {
		if n.p == nil || n.exited || n.running {
			continue
		}
		select {
		case <-n.p.Done():
			n.status = n.p.Status()
			if n.pc != nil && n.pc.daemon && n.status == 0 {
				n.running = true
				s.run.Add(procrun.Step{Kind: procrun.Detached, Label: n.label})
			} else {
				n.exited = true
				s.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: n.status, Restart: s.restarts(n)})
			}
			changed = true
		default:
		}
	}
	for _, n := range s.order {
		if n.kind == isTask && n.taskDone != nil && !n.exited {
			select {
			case <-n.taskDone:
				n.exited = true
				s.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: n.status})
				changed = true
			default:
			}
		}
	}
	for _, n := range s.order {
		if n.started || n.skipped || !n.enabled && n.kind == isProcess {
			continue
		}
		ok, never, why := s.met(n)
		switch {
		case never:
			n.skipped = true
			s.run.Add(procrun.Step{Kind: procrun.Skipped, Label: n.label, Why: why})
			changed = true
		case ok:
			s.start(n)
			changed = true
		}
	}
	return changed
}

// met says whether n's dependencies are met, or never will be.
func (s *Scheduler) met(n *node) (ok, never bool, why string) {
	ok = true
	for _, e := range n.deps {
		t := e.to
		if t.skipped || !t.enabled && t.kind == isProcess {
			return false, true, fmt.Sprintf("it waits for %s, which does not start", t.key)
		}
		var done bool
		switch e.cond {
		case condStarted:
			done = t.started
		case condReady:
			done = t.ready
			if t.unready || t.exited && !t.ready && !t.probing || t.started && t.probe == nil && !t.readyAtStart && !t.ready {
				return false, true, fmt.Sprintf("%s does not become ready", t.key)
			}
		case condCompleted:
			done = t.exited
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

// start starts a node.
func (s *Scheduler) start(n *node) {
	n.started = true
	s.run.Add(procrun.Step{Kind: procrun.Started, Label: n.label})
	switch n.kind {
	case isService:
		if n.readyAtStart {
			n.ready = true
			s.run.Add(procrun.Step{Kind: procrun.Ready, Label: n.label})
		}
		return
	case isTask:
		n.taskDone = make(chan struct{})
		s.active.Add(1)
		go func() {
			defer s.active.Done()
			s.taskMu.Lock()
			status, skipped := s.opts.RunTask(TaskCall{Run: s.run, Name: n.key, Task: n.task, Env: s.shell, Root: s.opts.Root, Bash: s.opts.Bash, Scripts: s.opts.Scripts})
			s.taskMu.Unlock()
			s.mu.Lock()
			n.status, n.skippedByStatus = status, skipped
			s.mu.Unlock()
			close(n.taskDone)
			s.run.Wake()
		}()
		return
	}
	var spec procrun.Spec
	if n.pc != nil && n.pc.direct {
		spec = procrun.Spec{Label: n.label, Argv: []string{s.opts.Bash, "-c", n.pc.command}, Dir: n.pc.workingDir, Env: n.pc.env}
	} else {
		if n.pc != nil {
			spec = procrun.Spec{Label: n.label, Dir: n.pc.workingDir, Env: n.pc.env}
			if n.proc.Cwd != nil {
				spec.Dir = rooted(*n.proc.Cwd, s.opts.Root)
			}
		} else {
			spec = s.nativeSpec(n)
		}
		script, err := writeScript(s.opts.Scripts, n.label, "set -e\n"+rooted(n.proc.Exec, s.opts.Root))
		if err != nil {
			n.exited, n.status = true, 127
			return
		}
		spec.Argv = []string{s.opts.Bash, script}
	}
	p, err := s.run.Start(spec)
	if err != nil {
		n.exited, n.status = true, 127
		s.run.Add(procrun.Step{Kind: procrun.Exited, Label: n.label, Status: 127})
		return
	}
	n.p = p
	switch {
	case n.probe != nil:
		n.probing = true
		s.active.Add(1)
		go s.check(n, *n.probe)
	case n.readyAtStart:
		n.ready = true
		s.run.Add(procrun.Step{Kind: procrun.Ready, Label: n.label})
	case n.neverReady:
		n.unready = true
		s.run.Add(procrun.Step{Kind: procrun.Unready, Label: n.label})
	}
}

// check runs a readiness check until it passes, three times at most.
func (s *Scheduler) check(n *node, spec procrun.Spec) {
	defer s.active.Done()
	spec.Label = n.label + "/ready"
	passed := false
	for range 3 {
		status, inTime, err := s.run.RunToEnd(spec, 10*time.Second)
		if err == nil && inTime && status == 0 {
			passed = true
			break
		}
	}
	kind := procrun.Ready
	if !passed {
		kind = procrun.Unready
	}
	// The step is recorded before the loop can act on it.
	s.mu.Lock()
	n.probing = false
	n.ready, n.unready = passed, !passed
	s.run.Add(procrun.Step{Kind: kind, Label: n.label})
	s.mu.Unlock()
}

// restarts says whether devenv would start a process again after it
// exited: devenv-tasks by restart.on (on_failure by default) and
// restart.max (5 by default; null for no limit; 0 for none), and under
// the process-compose manager also process-compose, by the process's
// availability.restart.
func (s *Scheduler) restarts(n *node) bool {
	if n.kind != isProcess {
		return false
	}
	on, limit := "on_failure", 5
	if r := n.proc.Restart; r != nil {
		if r.On != nil {
			on = *r.On
		}
		if r.Max != nil {
			limit = *r.Max
		} else if s.restartMaxNull(n.label) {
			limit = -1
		}
	}
	devenv := limit != 0 && (on == "always" || on == "on_failure" && n.status != 0)
	if s.opts.Version1 {
		devenv = false
	}
	if n.pc == nil {
		return devenv
	}
	pc := n.pc.restart == "always" || (n.pc.restart == "on_failure" || n.pc.restart == "exit_on_failure") && n.status != 0
	return devenv || pc
}

// restartMaxNull reports whether the process's restart.max is null (no
// limit), which the typed Config does not tell from its absence.
func (s *Scheduler) restartMaxNull(name string) bool {
	procs, _ := s.cfg.Raw["processes"].(map[string]any)
	p, _ := procs[name].(map[string]any)
	r, _ := p["restart"].(map[string]any)
	v, ok := r["max"]
	return ok && v == nil
}

// Idle reports whether the scheduler has nothing to do until something
// happens.
func (s *Scheduler) Idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.idle {
		return false
	}
	for _, n := range s.order {
		if n.probing || n.kind == isTask && n.started && !n.exited {
			return false
		}
		if n.p != nil && !n.exited && !n.running {
			// Reaped but not yet taken in: gone from /proc already.
			if syscall.Kill(n.p.Pid, 0) != nil {
				return false
			}
			select {
			case <-n.p.Done():
				return false
			default:
			}
		}
	}
	return true
}

// grace bounds every wait at stop: the tests' commands are stubs, which
// stop at once or not at all.
const grace = 3 * time.Second

// Stop stops the scheduler and then the processes: under the native
// manager, SIGTERM to each process group, then SIGKILL; under
// process-compose, each process's shutdown command, or its signal.
func (s *Scheduler) Stop() {
	close(s.quit)
	<-s.done
	s.active.Wait()
	s.run.Add(procrun.Step{Kind: procrun.Stopping})
	s.mu.Lock()
	var live []*node
	for _, n := range s.order {
		if n.p != nil && (!n.exited || n.running) {
			live = append(live, n)
		}
	}
	s.mu.Unlock()
	stop := func(n *node) {
		if n.pc != nil && n.pc.shutdown != "" {
			status, inTime, err := s.run.RunToEnd(procrun.Spec{Label: n.label + "/shutdown", Argv: []string{s.opts.Bash, "-c", n.pc.shutdown}, Dir: n.pc.workingDir, Env: n.pc.env}, grace)
			if err != nil || !inTime || status != 0 {
				s.run.Signal(n.p, syscall.SIGKILL)
				return
			}
			if !n.running && !procrun.WaitFor(n.p, grace) {
				s.run.Signal(n.p, syscall.SIGKILL)
			}
			return
		}
		sig := syscall.SIGTERM
		if n.pc != nil && n.pc.signal != 0 {
			sig = syscall.Signal(n.pc.signal)
		}
		s.run.Signal(n.p, sig)
		if !procrun.WaitFor(n.p, grace) {
			s.run.Signal(n.p, syscall.SIGKILL)
		}
	}
	if s.ordered {
		slices.Reverse(live)
		for _, n := range live {
			stop(n)
		}
	} else {
		var wg sync.WaitGroup
		for _, n := range live {
			wg.Add(1)
			go func() {
				defer wg.Done()
				stop(n)
			}()
		}
		wg.Wait()
	}
	s.run.Stop()
}

// runEnvCmds runs process-compose's env_cmds, as process-compose does
// before it starts any process: each with bash -c, for at most 2
// seconds; the trimmed output of one that succeeds sets its variable.
func (s *Scheduler) runEnvCmds() {
	cmds, _ := nestedGet(s.cfg.Raw, "process", "managers", "process-compose", "settings", "env_cmds").(map[string]any)
	for _, name := range sortedKeys(cmds) {
		c, ok := cmds[name].(string)
		if !ok {
			continue
		}
		var out strings.Builder
		status, inTime, err := s.run.RunToEnd(procrun.Spec{Label: "(env_cmds)", Argv: []string{s.opts.Bash, "-c", c}, Dir: s.opts.Root, Env: s.shell, Stdout: &out}, 2*time.Second)
		if err == nil && inTime && status == 0 {
			s.envCmds = append(s.envCmds, name+"="+strings.TrimSpace(out.String()))
		}
	}
}

// pcNodes adds the nodes of a process under the process-compose manager:
// one, or one per replica.
func (s *Scheduler) pcNodes(name string, p Process, enabled bool) error {
	pc := p.ProcessCompose
	replicas := 1
	if n, ok := pc["replicas"].(float64); ok && n > 1 {
		replicas = int(n)
	}
	for i := range replicas {
		label := name
		if replicas > 1 {
			label = fmt.Sprintf("%s-%0*d", name, len(strconv.Itoa(replicas)), i)
		}
		n := &node{key: processPrefix + label, label: label, kind: isProcess, proc: &p, enabled: enabled}
		if d, _ := pc["disabled"].(bool); d {
			n.enabled = false
		}
		if err := s.pcSettings(n, i); err != nil {
			return err
		}
		s.nodes[n.key] = n
	}
	return nil
}

// pcSettings fills in what devenv's process-compose settings say of a
// process, as process-compose loads them.
func (s *Scheduler) pcSettings(n *node, replica int) error {
	p := n.proc
	pc := p.ProcessCompose
	lookup := func(k string) (string, bool) {
		for _, kv := range slices.Backward(s.shell) {
			if name, v, ok := strings.Cut(kv, "="); ok && name == k {
				return v, true
			}
		}
		return "", false
	}
	data := map[string]any{"PC_REPLICA_NUM": replica}
	load := func(v string, render bool) (string, error) {
		out, err := pcmodel.Substitute(v, lookup)
		if err != nil || !render {
			return out, err
		}
		return pcmodel.Render(out, data, false)
	}
	interactive, _ := pc["is_interactive"].(bool)
	st := &pcProcess{direct: !n.enabled || interactive}
	st.workingDir = s.opts.Root
	if wd, ok := pc["working_dir"].(string); ok && wd != "" {
		w, err := load(rooted(wd, s.opts.Root), true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: working_dir: %v", n.label, err)}
		}
		if !filepath.IsAbs(w) {
			w = filepath.Join(s.opts.Root, w)
		}
		st.workingDir = w
	}
	env := newEnviron()
	env.set("PC_PROC_NAME", n.label)
	env.set("PC_REPLICA_NUM", strconv.Itoa(replica))
	env.add(s.shell)
	// process-compose's top-level environment, then the env_file.
	if l, ok := nestedGet(s.cfg.Raw, "process", "managers", "process-compose", "settings", "environment").([]any); ok {
		for _, e := range l {
			if es, ok := e.(string); ok {
				v, err := pcmodel.Substitute(es, lookup)
				if err != nil {
					return &Refused{fmt.Sprintf("environment: %v", err)}
				}
				env.add([]string{v})
			}
		}
	}
	env.add(s.envCmds)
	if f, ok := pc["env_file"].(string); ok && f != "" {
		f, err := load(f, false)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: env_file: %v", n.label, err)}
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(st.workingDir, f)
		}
		if b, err := os.ReadFile(f); err == nil {
			if vs, err := pcmodel.ReadDotenv(string(b)); err == nil {
				for _, v := range vs {
					env.set(v.Name, v.Value)
				}
			}
		}
	}
	var entries []string
	for _, k := range sortedKeys(p.Env) {
		entries = append(entries, k+"="+rooted(p.Env[k], s.opts.Root))
	}
	if l, ok := pc["environment"].([]any); ok {
		for _, e := range l {
			if es, ok := e.(string); ok {
				entries = append(entries, es)
			}
		}
	}
	for _, e := range entries {
		v, err := load(e, true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: environment: %v", n.label, err)}
		}
		env.add([]string{v})
	}
	st.env = env.list()
	if st.direct {
		noTemplate, _ := pc["is_template_disabled"].(bool)
		c, err := load(rooted(p.Exec, s.opts.Root), !noTemplate)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: command: %v", n.label, err)}
		}
		st.command = c
	}
	st.daemon, _ = pc["is_daemon"].(bool)
	if sd, ok := pc["shutdown"].(map[string]any); ok {
		if c, ok := sd["command"].(string); ok && c != "" {
			v, err := load(rooted(c, s.opts.Root), false)
			if err != nil {
				return &Refused{fmt.Sprintf("%s: shutdown.command: %v", n.label, err)}
			}
			st.shutdown = v
		}
		if sig, ok := sd["signal"].(float64); ok {
			st.signal = int(sig)
		}
	}
	if a, ok := pc["availability"].(map[string]any); ok {
		st.restart, _ = a["restart"].(string)
	}
	n.pc = st
	// readiness_probe: devenv's from ready, under the process's own.
	var probeCmd string
	probeDir := st.workingDir
	http := false
	if r := p.Ready; r != nil {
		if r.Exec != nil {
			probeCmd = *r.Exec
		} else if r.HTTP != nil && r.HTTP.Get != nil {
			http = true
		}
	}
	broken := false
	if rp, ok := pc["readiness_probe"].(map[string]any); ok {
		if ex, ok := rp["exec"].(map[string]any); ok {
			if c, ok := ex["command"].(string); ok {
				probeCmd, http = c, false
			}
			if d, ok := ex["working_dir"].(string); ok && d != "" {
				probeDir = rooted(d, s.opts.Root)
				if !filepath.IsAbs(probeDir) {
					probeDir = filepath.Join(s.opts.Root, probeDir)
				}
			}
		} else if hg, ok := rp["http_get"].(map[string]any); ok && probeCmd == "" {
			http = true
			// process-compose never finds a probe on a port that is no
			// number ready.
			port := fmt.Sprint(hg["port"])
			if ps, ok := hg["port"].(string); ok {
				port, _ = load(ps, true)
			}
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
				broken = true
			}
		}
	}
	switch {
	case http && broken:
		n.neverReady = true
	case probeCmd != "":
		c, err := load(rooted(probeCmd, s.opts.Root), true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: readiness_probe: %v", n.label, err)}
		}
		n.probe = &procrun.Spec{Argv: []string{s.opts.Bash, "-c", c}, Dir: probeDir, Env: st.env}
	case http:
		n.readyAtStart = true
	}
	return nil
}

// pcDepends adds the process-compose dependencies between processes:
// from after and before, merged with each process's own depends_on, and
// checks them as process-compose's is_strict does.
func (s *Scheduler) pcDepends() error {
	if st, ok := s.cfg.Raw["process"].(map[string]any); ok {
		if v, _ := nestedGet(st, "managers", "process-compose", "settings", "ordered_shutdown").(bool); v {
			s.ordered = true
		}
	}
	conds := map[string]string{"started": "process_started", "": "process_healthy", "ready": "process_healthy", "completed": "process_completed"}
	byName := map[string][]*node{} // process name -> its nodes (replicas)
	for _, n := range s.sortedNodes() {
		if n.kind == isProcess {
			name := processKeyOf(s.cfg, n)
			byName[name] = append(byName[name], n)
		}
		if n.kind == isService {
			byName[n.label] = append(byName[n.label], n)
		}
	}
	for _, name := range sortedKeys(s.cfg.Processes) {
		p := s.cfg.Processes[name]
		deps := map[string]string{}
		for _, a := range p.After {
			target, suffix, _ := strings.Cut(a, "@")
			if dep, ok := strings.CutPrefix(target, processPrefix); ok {
				c, ok := conds[suffix]
				if !ok {
					return &Refused{fmt.Sprintf("%s: @%s cannot follow a process", name, suffix)}
				}
				deps[dep] = c
			}
		}
		for _, other := range sortedKeys(s.cfg.Processes) {
			for _, b := range s.cfg.Processes[other].Before {
				target, suffix, _ := strings.Cut(b, "@")
				if target == processPrefix+name {
					if _, set := deps[other]; !set {
						deps[other] = conds[suffix]
					}
				}
			}
		}
		if d, ok := p.ProcessCompose["depends_on"].(map[string]any); ok {
			for dep, v := range d {
				c, _ := nestedGet(v, "condition").(string)
				deps[dep] = c
			}
		}
		for _, dep := range sortedKeys(deps) {
			targets, ok := byName[dep]
			if !ok {
				return &Refused{fmt.Sprintf("process %s depends on %s, which is not defined", name, dep)}
			}
			var c cond
			switch deps[dep] {
			case "process_started", "process_log_ready":
				c = condStarted
			case "process_healthy":
				c = condReady
			case "process_completed", "":
				c = condCompleted
			case "process_completed_successfully":
				c = condSucceeded
			default:
				return &Refused{fmt.Sprintf("process %s: unknown condition %q", name, deps[dep])}
			}
			for _, t := range targets {
				if !t.enabled {
					return &Refused{fmt.Sprintf("process %s depends on %s, which is disabled", name, dep)}
				}
				if c == condReady && t.probe == nil && !t.readyAtStart && !t.neverReady {
					return &Refused{fmt.Sprintf("process %s waits for %s to be healthy, which has no readiness probe", name, dep)}
				}
				for _, n := range byName[name] {
					n.deps = append(n.deps, edge{to: t, cond: c})
				}
			}
		}
	}
	return nil
}

// processKeyOf returns the name of the process a node was made from.
func processKeyOf(c *Config, n *node) string {
	label := n.label
	if _, ok := c.Processes[label]; ok {
		return label
	}
	if i := strings.LastIndexByte(label, '-'); i > 0 {
		return label[:i]
	}
	return label
}

// nestedGet returns the value at a path of keys in maps.
func nestedGet(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}
