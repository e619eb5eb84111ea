package devenvrun

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file is devenv-tasks' graph: every task, process and service's
// process of a configuration is a node (a process is the task
// devenv:processes:NAME), and every "after" and "before" entry an edge
// with one of four conditions.

const processPrefix = "devenv:processes:"

// builtinTasks are devenv's own tasks, which run what devenvrun does not
// model (enterShell, enterTest): a "before" entry naming them is left
// out.
var builtinTasks = []string{"devenv:enterShell", "devenv:enterTest"}

// kind is what a node of the graph is.
type kind int

const (
	isProcess kind = iota
	isTask
	// isService is the process of a devenv service, which runs nothing
	// here: a stand-in that starts, and is ready as its module makes it,
	// at once.
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

// edge is one dependency of a node: it waits for from to reach cond.
type edge struct {
	from *node
	cond cond
	// pc, when set, makes the edge a process-compose depends_on with
	// that condition (pcrun's Started, Healthy …), which process-compose
	// decides (pcrun.Decide); cond is then not used.
	pc string
}

// node is a task, a process (one replica of it under process-compose)
// or a service's process, and what became of it in the run.
type node struct {
	key   string // the task name: devenv:processes:NAME for processes
	label string // the process's name, or the task's
	kind  kind
	proc  *Process // for processes and services the module has settings for
	// task is the task: for a process, the module's
	// tasks."devenv:processes:NAME" when it has one, whose env goes
	// under the process's and whose after and before are the process's.
	task Task
	// deps are the edges into the node; out the nodes that wait for it.
	deps []edge
	out  []*node
	// enabled: devenv up starts it (a process whose start.enable is not
	// false, every task and service).
	enabled bool
	// pc is what the process-compose settings say of the process.
	pc *pcProcess
	// probe, when set, is the readiness check to run; readyAtStart says
	// the process counts as ready once started; neverReady is a process
	// whose readiness probe never passes; none: it never becomes ready.
	probe                    *procrun.Spec
	readyAtStart, neverReady bool

	// started: begun (a task's status check is part of its run);
	// exited: its command (a task's exec) has ended, with status;
	// skippedByStatus: a task whose status check found it done; running:
	// a daemon whose command exited 0; skipped: it never starts, since
	// what it waits for cannot happen.
	started, ready, unready, exited, running, skipped, probing bool
	skippedByStatus                                            bool
	status                                                     int
	p                                                          *procrun.Proc
	// result is the index of its TaskResult.
	result int
}

// build makes the nodes and edges of the configuration and checks them
// as devenv-tasks (and, under the process-compose manager,
// process-compose) does.
func (e *engine) build() error {
	serviceProcs := map[string]bool{}
	for _, path := range e.cfg.enabledServices() {
		proc, _, _ := ServiceProcess(path)
		serviceProcs[proc] = true
	}
	for _, name := range sortedKeys(e.cfg.Processes) {
		p := e.cfg.Processes[name]
		if serviceProcs[name] && p.Exec == "" {
			// Settings for a service's process (its env, say), which the
			// service's module defines.
			continue
		}
		enabled := p.Start == nil || p.Start.Enable == nil || *p.Start.Enable
		if e.native {
			n := &node{key: processPrefix + name, label: name, kind: isProcess, proc: &p, enabled: enabled}
			n.task = e.cfg.Tasks[n.key]
			e.nodes[n.key] = n
			e.nativeReadiness(n)
			continue
		}
		if err := e.pcNodes(name, p, enabled); err != nil {
			return err
		}
	}
	for _, path := range e.cfg.enabledServices() {
		proc, ready, _ := ServiceProcess(path)
		key := processPrefix + proc
		if _, dup := e.nodes[key]; dup {
			continue
		}
		// The native manager counts a service without a check as ready
		// at once; process-compose has a probe only for ReadyProbe.
		n := &node{key: key, label: proc, kind: isService, enabled: true, task: e.cfg.Tasks[key]}
		n.readyAtStart = e.native || ready == ReadyProbe
		if p, ok := e.cfg.Processes[proc]; ok {
			// The module's process, with the settings the output adds
			// to it (what it waits for, its env, a readiness check).
			n.proc = &p
			if _, probe := p.ProcessCompose["readiness_probe"]; p.Ready != nil || probe && !e.native {
				n.readyAtStart = true
			}
		}
		e.nodes[key] = n
	}
	for _, name := range sortedKeys(e.cfg.Tasks) {
		if _, proc := e.cfg.Processes[strings.TrimPrefix(name, processPrefix)]; proc && strings.HasPrefix(name, processPrefix) {
			continue // a process's own task: see node.task
		}
		if _, dup := e.nodes[name]; dup {
			continue
		}
		t := e.cfg.Tasks[name]
		if t.Status != nil && t.Exec == nil {
			return &Refused{fmt.Sprintf("task %s: status requires exec", name)}
		}
		e.nodes[name] = &node{key: name, label: name, kind: isTask, task: t, enabled: true}
	}
	nodes := e.sortedNodes()
	for _, n := range nodes {
		for _, a := range n.after() {
			if err := e.addAfter(n, a); err != nil {
				return err
			}
		}
	}
	for _, n := range nodes {
		for _, b := range n.before() {
			if err := e.addBefore(n, b); err != nil {
				return err
			}
		}
	}
	if !e.native {
		if err := e.pcDepends(); err != nil {
			return err
		}
	}
	for _, n := range nodes {
		if cyc := cycle(n); cyc != nil {
			return &Refused{"the tasks depend on each other in a cycle: " + strings.Join(cyc, " -> ")}
		}
	}
	return nil
}

// after returns a node's after entries: the process's and its task's.
func (n *node) after() []string {
	if n.proc != nil {
		return append(slices.Clone(n.proc.After), n.task.After...)
	}
	return n.task.After
}

// before returns a node's before entries.
func (n *node) before() []string {
	if n.proc != nil {
		return append(slices.Clone(n.proc.Before), n.task.Before...)
	}
	return n.task.Before
}

func (e *engine) sortedNodes() []*node {
	var out []*node
	for _, k := range sortedKeys(e.nodes) {
		out = append(out, e.nodes[k])
	}
	return out
}

// link adds the edge of n on from.
func link(n, from *node, c cond, pc string) {
	n.deps = append(n.deps, edge{from: from, cond: c, pc: pc})
	from.out = append(from.out, n)
}

// addAfter adds the dependency of n on an after entry, "NAME[@suffix]".
// Under the process-compose manager, an entry of a process that names a
// process is a depends_on instead (pcDepends).
func (e *engine) addAfter(n *node, entry string) error {
	target, suffix, _ := strings.Cut(entry, "@")
	if !e.native && n.kind != isTask && strings.HasPrefix(target, processPrefix) {
		return nil
	}
	t, ok := e.nodes[target]
	if !ok {
		return &Refused{fmt.Sprintf("%s: after: %q names no task", n.key, entry)}
	}
	c, err := condition(t, suffix, entry)
	if err != nil {
		return err
	}
	if err := e.checkReady(n, t, c); err != nil {
		return err
	}
	link(n, t, c, "")
	return nil
}

// addBefore adds the dependency on n of the task a before entry names:
// "before = [ B@suffix ]" makes B wait for n, on the condition the
// suffix gives (n's default without one).
func (e *engine) addBefore(n *node, entry string) error {
	target, suffix, _ := strings.Cut(entry, "@")
	t, ok := e.nodes[target]
	if !ok {
		if slices.Contains(builtinTasks, target) {
			return nil
		}
		return &Refused{fmt.Sprintf("%s: before: %q names no task", n.key, entry)}
	}
	if !e.native && t.kind != isTask && n.kind != isTask {
		return nil // a depends_on, from the process-compose settings
	}
	c, err := condition(n, suffix, entry)
	if err != nil {
		return err
	}
	if err := e.checkReady(t, n, c); err != nil {
		return err
	}
	link(t, n, c, "")
	return nil
}

// condition reads a dependency suffix for the target t: @started and
// @completed for every task, @ready (the default) for a process,
// @succeeded (the default) for a one-shot task.
func condition(t *node, suffix, entry string) (cond, error) {
	oneshot := t.kind == isTask
	switch suffix {
	case "":
		if oneshot {
			return condSucceeded, nil
		}
		return condReady, nil
	case "started":
		return condStarted, nil
	case "completed":
		return condCompleted, nil
	case "ready":
		if !oneshot {
			return condReady, nil
		}
	case "succeeded":
		if oneshot {
			return condSucceeded, nil
		}
	}
	what := "process"
	if oneshot {
		what = "oneshot task"
	}
	return 0, &Refused{fmt.Sprintf("%q: @%s does not apply to a %s", entry, suffix, what)}
}

// checkReady refuses, as devenv-tasks does, a wait of n for the
// readiness of a process that has no way to tell it: no ready config,
// TCP listen config or allocated ports (a service: no readiness check).
func (e *engine) checkReady(n, t *node, c cond) error {
	if c != condReady || !e.native {
		return nil
	}
	switch t.kind {
	case isProcess:
		if !hasReadiness(t.proc) {
			return &Refused{fmt.Sprintf("%s waits for %s to be ready, which has no ready config, TCP listen config, or allocated ports", n.key, t.key)}
		}
	case isService:
		if _, r, _ := ServiceProcess(serviceOf(t.label)); r == ReadyNone {
			return &Refused{fmt.Sprintf("%s waits for %s to be ready, which has no readiness check", n.key, t.key)}
		}
	}
	return nil
}

// hasReadiness reports whether the native manager can tell that a
// process is ready.
func hasReadiness(p *Process) bool {
	if p.Ready != nil && (p.Ready.Exec != nil || p.Ready.HTTP != nil && p.Ready.HTTP.Get != nil) {
		return true
	}
	return len(p.Ports) > 0
}

// cycle returns a cycle of devenv-tasks edges through start, or nil.
func cycle(start *node) []string {
	var path []string
	seen := map[*node]bool{}
	var walk func(n *node) bool
	walk = func(n *node) bool {
		path = append(path, n.key)
		for _, d := range n.out {
			if !d.waitsFor(n) {
				continue
			}
			if d == start {
				path = append(path, start.key)
				return true
			}
			if !seen[d] {
				seen[d] = true
				if walk(d) {
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

// waitsFor reports whether n has a devenv-tasks edge on from.
func (n *node) waitsFor(from *node) bool {
	for _, d := range n.deps {
		if d.from == from && d.pc == "" {
			return true
		}
	}
	return false
}

// resolve turns the names given to "devenv tasks run" into nodes: a name
// that is no task's runs every task of that namespace.
func (e *engine) resolve(names []string) ([]*node, error) {
	var out []*node
	for _, name := range names {
		if n, ok := e.nodes[name]; ok {
			out = append(out, n)
			continue
		}
		found := false
		for _, n := range e.sortedNodes() {
			if strings.HasPrefix(n.key, name+":") {
				out = append(out, n)
				found = true
			}
		}
		if !found {
			return nil, &Refused{fmt.Sprintf("task %s not found", name)}
		}
	}
	return out, nil
}

// choose selects the nodes a run in mode runs, for roots, and puts them
// in the order they are considered in: by name, then by Priority.
func (e *engine) choose(roots []*node, mode Mode) error {
	walk := func(next func(*node) []*node) {
		stack := slices.Clone(roots)
		seen := map[*node]bool{}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[n] {
				continue
			}
			seen[n] = true
			e.sel[n] = true
			stack = append(stack, next(n)...)
		}
	}
	up := func(n *node) []*node {
		var out []*node
		for _, d := range n.deps {
			out = append(out, d.from)
		}
		return out
	}
	down := func(n *node) []*node { return n.out }
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
			e.sel[r] = true
		}
	default:
		return &Refused{fmt.Sprintf("unknown mode %q", mode)}
	}
	for _, n := range e.sortedNodes() {
		if e.sel[n] {
			e.order = append(e.order, n)
		}
	}
	slices.SortStableFunc(e.order, func(a, b *node) int { return cmp.Compare(e.priority(a.label), e.priority(b.label)) })
	return nil
}

func (e *engine) priority(label string) int {
	if e.opts.Priority == nil {
		return 0
	}
	return e.opts.Priority(label)
}
