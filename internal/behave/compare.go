package behave

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// ignoredVars are left out of the comparison of environments: the
// harness's label, what the shell keeps for itself, and the runners'
// bookkeeping (process-compose's PC_PROC_NAME and PC_REPLICA_NUM,
// foreman's PS), which devenv has its own of and a command that uses
// shows in its arguments.
var ignoredVars = []string{procrun.LabelVar, "PWD", "OLDPWD", "SHLVL", "_", "PC_PROC_NAME", "PC_REPLICA_NUM", "PS"}

// Event is one call of a program, as the comparison sees it.
type Event struct {
	Program string
	Args    []string
	// Dir is the working directory relative to the scratch root.
	Dir string
	// Env are the variables that are not the runner's environment as it
	// was started: "NAME=value", or "-NAME" for one that was unset;
	// sorted.
	Env []string
}

func (e Event) String() string {
	var b strings.Builder
	b.WriteString(e.Program)
	for _, a := range e.Args {
		fmt.Fprintf(&b, " %q", a)
	}
	fmt.Fprintf(&b, " (in %s", e.Dir)
	if len(e.Env) > 0 {
		fmt.Fprintf(&b, "; %s", strings.Join(e.Env, " "))
	}
	b.WriteString(")")
	return b.String()
}

// Part is what a process did in one phase.
type Part struct {
	// Run are its calls while running, Stop those at stop (its shutdown
	// command, or its own trap), Ready those of its readiness check.
	Run, Stop, Ready []Event
	// State is how it ended up before stop: "running", "exited N",
	// "exited N, restarted", "skipped", "not started".
	State string
}

// Behaviour is what every process of one run did, by label.
type Behaviour struct {
	Procs map[string]*Part
	// Other are calls no process made (env_cmds run once before all).
	Other []Event
	// Steps is the run's timeline.
	Steps     []procrun.Step
	Refused   string
	Unsettled bool
}

// Read reads a run's record: each call put down to the process that made
// it, by its label (or its process group), with the environment as it
// differs from base, the runner's environment.
func Read(rec *procrun.Record, root string, base []string) *Behaviour {
	b := &Behaviour{Procs: map[string]*Part{}, Steps: rec.Steps, Refused: rec.Refused, Unsettled: rec.Unsettled}
	part := func(label string) *Part {
		p, ok := b.Procs[label]
		if !ok {
			p = &Part{}
			b.Procs[label] = p
		}
		return p
	}
	baseEnv := map[string]string{}
	for _, kv := range base {
		if k, v, ok := strings.Cut(kv, "="); ok {
			baseEnv[k] = v
		}
	}
	stopAt := rec.StopAt()
	for i, c := range rec.Calls {
		label, ok := c.Getenv(procrun.LabelVar)
		if !ok {
			label = rec.Groups[c.PGID]
		}
		ev := event(c, root, baseEnv)
		name, kind, _ := strings.Cut(label, "/")
		atStop := stopAt >= 0 && rec.At[i] >= stopAt
		switch {
		case strings.HasPrefix(label, "("):
			b.Other = append(b.Other, ev)
		case kind == "shutdown" || kind == "" && atStop:
			part(name).Stop = append(part(name).Stop, ev)
		case kind == "ready":
			part(name).Ready = append(part(name).Ready, ev)
		default:
			part(name).Run = append(part(name).Run, ev)
		}
	}
	for _, s := range rec.Steps {
		if s.Label != "" {
			part(s.Label)
		}
	}
	// States are those before stop.
	for label, p := range b.Procs {
		p.State = stateBeforeStop(rec.Steps, label)
	}
	return b
}

// stateBeforeStop returns how a process stood when the run began to stop.
func stateBeforeStop(steps []procrun.Step, label string) string {
	state := "not started"
	for _, s := range steps {
		if s.Kind == procrun.Stopping {
			break
		}
		if s.Label != label {
			continue
		}
		switch s.Kind {
		case procrun.Started, procrun.Detached:
			state = "running"
		case procrun.Exited:
			state = fmt.Sprintf("exited %d", s.Status)
			if s.Restart {
				state += ", restarted"
			}
		case procrun.Skipped:
			state = "skipped"
		}
	}
	return state
}

// event reads one call.
func event(c stubs.Call, root string, base map[string]string) Event {
	dir := c.Dir
	if rel, err := filepath.Rel(root, c.Dir); err == nil && filepath.IsLocal(rel) || rel == "." {
		dir = rel
	}
	seen := map[string]string{}
	for _, kv := range c.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			seen[k] = v
		}
	}
	var env []string
	for k, v := range seen {
		if differs(k, v, base) {
			env = append(env, k+"="+v)
		}
	}
	for k := range base {
		if _, ok := seen[k]; !ok && !slices.Contains(ignoredVars, k) {
			env = append(env, "-"+k)
		}
	}
	slices.Sort(env)
	ev := Event{Program: c.Name, Args: c.Args, Dir: dir, Env: env}
	if n, ok := normaliseContainer(ev, seen, root, base); ok {
		return n
	}
	return ev
}

// differs says whether a variable of a call is one the comparison sees:
// not ignored, and not the runner's (a PATH that ends in the runner's is
// the runner's, with the harness's stubs or devenv's profile before it).
func differs(k, v string, base map[string]string) bool {
	if slices.Contains(ignoredVars, k) || k == "PATH" && strings.HasSuffix(v, base["PATH"]) {
		return false
	}
	bv, ok := base[k]
	return !ok || bv != v
}

// Edge is a dependency of the source: From starts only once To has
// reached When ("started", "ready", "exited", "succeeded").
type Edge struct{ From, To, When string }

// Difference is one way the output behaves otherwise than the source.
type Difference struct {
	// Process is the source's process ("" for the project).
	Process string
	// Kind is what differs: "run", "stop", "ready", "state", "order",
	// "extra" (the source has no such process), "refused" (devenv refuses the configuration),
	// "unsettled", "env_cmds".
	Kind   string
	Detail string
}

func (d Difference) String() string {
	p := d.Process
	if p == "" {
		p = "(project)"
	}
	return fmt.Sprintf("%s: %s: %s", p, d.Kind, d.Detail)
}

// Mapping says which output label stands for each source process.
type Mapping struct {
	// Labels maps a source process to the label of the output's process
	// or task that runs it.
	Labels map[string]string
	// Services maps a source process that became a devenv service to the
	// label of the service's process, which runs nothing here: only the
	// order of its dependents is compared.
	Services map[string]string
}

// Compare compares the behaviour of the source with that of the output.
func Compare(src, out *Behaviour, m Mapping, edges []Edge) []Difference {
	var diffs []Difference
	add := func(proc, kind, format string, args ...any) {
		diffs = append(diffs, Difference{proc, kind, fmt.Sprintf(format, args...)})
	}
	if out.Refused != "" {
		add("", "refused", "%s", out.Refused)
		return diffs
	}
	if src.Unsettled != out.Unsettled {
		add("", "unsettled", "the source settled: %v; the output: %v", !src.Unsettled, !out.Unsettled)
	}
	if d := diffEvents(src.Other, nil); d != "" {
		add("", "env_cmds", "run once before the processes by process-compose: %s", d)
	}
	used := map[string]bool{}
	for _, name := range sortedKeys(src.Procs) {
		sp := src.Procs[name]
		if svc, ok := m.Services[name]; ok {
			used[svc] = true
			continue
		}
		label := m.Labels[name]
		if label == "" {
			label = name
		}
		op, ok := out.Procs[label]
		used[label] = true
		if !ok {
			op = &Part{State: "not started"}
		}
		if sp.State != op.State {
			add(name, "state", "%s in the source, %s in the output", sp.State, op.State)
		}
		if d := diffEvents(sp.Run, op.Run); d != "" {
			add(name, "run", "%s", d)
		}
		if d := diffEvents(sp.Stop, op.Stop); d != "" {
			add(name, "stop", "%s", d)
		}
		if d := diffEvents(sp.Ready, op.Ready); d != "" {
			add(name, "ready", "%s", d)
		}
	}
	for _, label := range sortedKeys(out.Procs) {
		op := out.Procs[label]
		if used[label] || op.State == "not started" && len(op.Run) == 0 || isServiceLabel(m, label) {
			continue
		}
		add("", "extra", "the output runs %s (%s), which the source does not", label, op.State)
	}
	for _, e := range edges {
		from, to := m.Labels[e.From], m.Labels[e.To]
		if svc, ok := m.Services[e.From]; ok {
			from = svc
		} else if from == "" {
			from = e.From
		}
		if svc, ok := m.Services[e.To]; ok {
			to = svc
		} else if to == "" {
			to = e.To
		}
		if stepIndex(src.Steps, e.From, func(s procrun.Step) bool { return s.Kind == procrun.Started }) < 0 {
			continue // the source never starts it: its state says so
		}
		start := stepIndex(out.Steps, from, func(s procrun.Step) bool { return s.Kind == procrun.Started })
		if start < 0 {
			continue
		}
		reached := stepIndex(out.Steps, to, func(s procrun.Step) bool {
			switch e.When {
			case "started":
				return s.Kind == procrun.Started
			case "ready":
				return s.Kind == procrun.Ready
			case "exited":
				return s.Kind == procrun.Exited
			case "succeeded":
				return s.Kind == procrun.Exited && s.Status == 0
			}
			return false
		})
		if reached < 0 || reached > start {
			add(e.From, "order", "starts before %s has %s", e.To, e.When)
		}
	}
	return diffs
}

func isServiceLabel(m Mapping, label string) bool {
	for _, s := range m.Services {
		if s == label {
			return true
		}
	}
	return false
}

// stepIndex returns the index of the first step of label that f accepts,
// or -1.
func stepIndex(steps []procrun.Step, label string, f func(procrun.Step) bool) int {
	for i, s := range steps {
		if s.Label == label && f(s) {
			return i
		}
	}
	return -1
}

// diffEvents describes how two lists of events differ, or returns "".
// The order of the events is not compared: the calls of a pipeline or of
// background jobs come in any order.
func diffEvents(a, b []Event) string {
	a, b = sortedEvents(a), sortedEvents(b)
	if slices.EqualFunc(a, b, eventEqual) {
		return ""
	}
	n := 0
	for n < len(a) && n < len(b) && eventEqual(a[n], b[n]) {
		n++
	}
	switch {
	case n == len(a):
		return fmt.Sprintf("the output also calls %s", b[n])
	case n == len(b):
		return fmt.Sprintf("the output does not call %s", a[n])
	}
	return fmt.Sprintf("the source calls %s, the output %s", a[n], b[n])
}

func eventEqual(a, b Event) bool {
	return a.Program == b.Program && slices.Equal(a.Args, b.Args) && a.Dir == b.Dir && slices.Equal(a.Env, b.Env)
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func sortedEvents(l []Event) []Event {
	l = slices.Clone(l)
	slices.SortStableFunc(l, func(a, b Event) int { return strings.Compare(a.String(), b.String()) })
	return l
}
