package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// ProcessCompose reads one process-compose file. file is the name used in
// positions; src is its content.
//
// It reads the file as process-compose (1.75 and later) loads it: "$$" is
// a literal "$", braced ${VAR} references are kept as load-time references
// (see ir.Text), YAML anchors, aliases and "<<" merge keys are resolved, a
// depends_on entry without a condition waits for process_completed, and
// every key the model has no field for is kept in Extra for the emitter to
// pass through or report.
func ProcessCompose(file string, src []byte) (proj *ir.Project, diags ir.Diagnostics) {
	proj = &ir.Project{Sources: []ir.Source{{Path: file, Format: ir.FormatProcessCompose}}}
	defer func() {
		if e := recover(); e != nil {
			if e != errTooLarge {
				panic(e)
			}
			diags.Add(ir.Pos{File: file}, ir.Error, ir.IDBadValue,
				fmt.Sprintf("the document expands to more than %d YAML nodes through aliases; refusing to read it", maxYAMLNodes), "")
		}
	}()
	if !checkText(file, src, &diags) {
		return proj, diags
	}
	root := decodeYAML(file, src, &diags)
	if diags.HasErrors() {
		return proj, diags
	}
	if root == nil {
		diags.Add(ir.Pos{File: file, Line: 1, Col: 1}, ir.Error, ir.IDEmptyFile, "the file is empty: it defines no processes", "")
		return proj, diags
	}
	r := &pcReader{
		yamlReader: yamlReader{file: file, diags: &diags, keys: &proj.Keys, expand: true},
		proj:       proj,
	}
	r.top(root)
	r.checkDependencies()
	return proj, diags
}

type pcReader struct {
	yamlReader
	proj *ir.Project
}

// keyPath is where a key sits: its path with names as written, and its
// pattern with user-chosen names replaced by "*".
type keyPath struct{ path, pattern string }

func (k keyPath) child(name string, wildcard bool) keyPath {
	pat := name
	if wildcard {
		pat = "*"
	}
	if k.path == "" {
		return keyPath{name, pat}
	}
	return keyPath{k.path + "." + name, k.pattern + "." + pat}
}

// record notes a key for the report of what became of each key.
func (r *pcReader) record(k keyPath, n *yaml.Node, unknown bool) {
	*r.keys = append(*r.keys, ir.Key{Path: k.path, Pattern: k.pattern, Pos: r.pos(n), Unknown: unknown})
}

// unknownKey records and reports a key process-compose does not define in
// the object described by where.
func (r *pcReader) unknownKey(e entry, k keyPath, where string, known []string) {
	r.record(k, e.kNode, true)
	hint := ""
	if s := suggest(e.key, known); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if m, ok := misplaced[e.key]; ok {
		hint = "process-compose spells this " + m
	}
	r.diags.Add(r.pos(e.kNode), ir.Warning, ir.IDUnknownKey,
		fmt.Sprintf("unknown key %q in %s; process-compose ignores it", e.key, where), hint)
}

func (r *pcReader) top(root *yaml.Node) {
	entries, ok := r.mapping(root, "the file")
	if !ok {
		return
	}
	for _, e := range entries {
		if e.key == "disable_env_expansion" {
			if b, ok := r.boolean(e.value, "disable_env_expansion"); ok && b.Val {
				r.expand = false
			}
		}
	}
	sawProcesses := false
	for _, e := range entries {
		k := keyPath{}.child(e.key, false)
		switch {
		case e.key == "processes":
			r.record(k, e.kNode, false)
			sawProcesses = true
			r.processes(e.value, k)
		case e.key == "environment":
			r.record(k, e.kNode, false)
			r.proj.Env = r.environment(e.value, k, "the top-level environment")
		case slices.Contains(pcTopKeys, e.key) || strings.HasPrefix(e.key, "x-"):
			r.record(k, e.kNode, false)
			r.recordNested(e.value, k)
			r.proj.Extra = append(r.proj.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, e.key)})
		default:
			r.unknownKey(e, k, "the top level", pcTopKeys)
		}
	}
	if !sawProcesses || len(r.proj.Processes) == 0 {
		r.diags.Add(r.pos(root), ir.Warning, ir.IDNoProcesses, "the file defines no processes", "")
	}
}

// recordNested records the keys inside a value kept whole (passed through
// or reported as one), so that the report lists them too.
func (r *pcReader) recordNested(n *yaml.Node, k keyPath) {
	n = r.deref(n)
	if n.Kind != yaml.MappingNode {
		return
	}
	m, _ := r.mapping(n, k.path)
	for _, e := range m {
		ck := k.child(e.key, false)
		r.record(ck, e.kNode, false)
		r.recordNested(e.value, ck)
	}
}

func (r *pcReader) processes(n *yaml.Node, k keyPath) {
	entries, ok := r.mapping(n, "processes")
	if !ok {
		return
	}
	for _, e := range entries {
		pk := k.child(e.key, true)
		r.record(pk, e.kNode, false)
		if p := r.process(e, pk); p != nil {
			r.proj.Processes = append(r.proj.Processes, p)
		}
	}
}

func (r *pcReader) process(pe entry, k keyPath) *ir.Process {
	p := &ir.Process{Name: pe.key, Pos: r.pos(pe.kNode)}
	where := fmt.Sprintf("process %q", p.Name)
	entries, ok := r.mapping(pe.value, where)
	if !ok {
		return nil
	}
	hasCommand := false
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcProcessKeys, e.key) && !strings.HasPrefix(e.key, "x-") {
			r.unknownKey(e, ck, where, pcProcessKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		what := fmt.Sprintf("%s of process %q", e.key, p.Name)
		switch e.key {
		case "command":
			hasCommand = true
			if v := r.deref(e.value); v.Kind == yaml.SequenceNode {
				r.diags.Add(r.pos(v), ir.Error, ir.IDType,
					what+" must be a string, not a list; process-compose refuses the file",
					"write the command on one line (bash runs it), or use entrypoint for a list of words")
				continue
			}
			if t, ok := r.text(e.value, what); ok {
				p.Command = t
			}
		case "working_dir":
			if t, ok := r.text(e.value, what); ok {
				p.Cwd = ir.Some(t, t.Pos)
			}
		case "environment":
			p.Env = r.environment(e.value, ck, fmt.Sprintf("the environment of process %q", p.Name))
		case "depends_on":
			p.DependsOn = r.dependsOn(e.value, ck, p.Name)
		case "availability":
			p.Restart = r.availability(e.value, ck, p.Name)
		case "readiness_probe", "liveness_probe":
			probe := r.probe(e.value, ck, fmt.Sprintf("the %s of process %q", e.key, p.Name))
			if e.key == "readiness_probe" {
				p.Readiness = probe
			} else {
				p.Liveness = probe
			}
		case "shutdown":
			p.Shutdown = r.shutdown(e.value, ck, p.Name)
		case "disabled":
			p.Disabled, _ = r.boolean(e.value, what)
		case "is_daemon":
			p.IsDaemon, _ = r.boolean(e.value, what)
		case "replicas":
			p.Replicas, _ = r.integer(e.value, what)
		case "description":
			if s, ok := r.scalar(e.value, what); ok {
				p.Description = s
			}
		case "entrypoint":
			hasCommand = true
			fallthrough
		default:
			r.recordNested(e.value, ck)
			p.Extra = append(p.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what)})
		}
	}
	if !hasCommand {
		r.diags.Add(p.Pos, ir.Warning, ir.IDNoCommand,
			fmt.Sprintf("process %q has no command: process-compose starts it and it exits at once", p.Name), "")
	}
	return p
}

// environment reads a list of KEY=VALUE entries (or, leniently, a mapping).
func (r *pcReader) environment(n *yaml.Node, k keyPath, where string) []ir.EnvVar {
	n = r.deref(n)
	var env []ir.EnvVar
	if n.Kind == yaml.MappingNode {
		r.diags.Add(r.pos(n), ir.Warning, ir.IDEnvMap,
			where+" is a mapping; process-compose accepts only a list of KEY=VALUE strings and refuses the file; it is read as that list",
			"write it as a list of - KEY=VALUE entries")
		m, _ := r.mapping(n, where)
		for _, e := range m {
			r.record(k.child(e.key, true), e.kNode, false)
			s, ok := r.scalar(e.value, where+" entry "+e.key)
			if !ok {
				continue
			}
			env = append(env, r.envVar(e.key, s, r.pos(e.kNode), r.pos(r.deref(e.value))))
		}
		return env
	}
	items, ok := r.sequence(n, where)
	if !ok {
		return nil
	}
	for _, it := range items {
		it = r.deref(it)
		s, ok := r.scalar(it, "an entry of "+where)
		if !ok {
			continue
		}
		pos := r.pos(it)
		name, value, found := strings.Cut(s, "=")
		if !found || name == "" {
			r.diags.Add(pos, ir.Warning, ir.IDEnvEntry,
				fmt.Sprintf("environment entry %q has no %s; it is skipped", s, map[bool]string{true: "name", false: `"=" between name and value`}[found]),
				"write NAME=VALUE")
			continue
		}
		r.record(k.child(name, true), it, false)
		// The value starts after "NAME=": keep its column for messages.
		vpos := pos
		if it.Style == 0 {
			vpos.Col += len(name) + 1
		}
		env = append(env, r.envVar(name, value, pos, vpos))
	}
	return env
}

// envVar reads one environment value, warning about $VAR forms that
// process-compose passes on as text.
func (r *pcReader) envVar(name, value string, pos, vpos ir.Pos) ir.EnvVar {
	t := r.substText(value, vpos)
	if r.expand {
		for _, v := range bareVars(t) {
			r.diags.Add(vpos, ir.Warning, ir.IDBareVar,
				fmt.Sprintf("the value of %s holds $%s, which process-compose (since 1.75) passes on as text, not the variable's value (older versions substituted it); the output keeps the text", name, v),
				"write ${"+v+"} to have it substituted")
		}
	}
	return ir.EnvVar{Name: name, Value: t, Pos: pos}
}

// bareVars returns the names of $NAME forms in t's literal text.
func bareVars(t ir.Text) []string {
	var names []string
	for _, p := range t.Parts {
		s := p.Lit
		for i := 0; i+1 < len(s); i++ {
			if s[i] != '$' || !(s[i+1] == '_' || 'a' <= s[i+1] && s[i+1] <= 'z' || 'A' <= s[i+1] && s[i+1] <= 'Z') {
				continue
			}
			j := i + 1
			for j < len(s) && isNameByte(s[j]) {
				j++
			}
			names = append(names, s[i+1:j])
			i = j - 1
		}
	}
	return names
}

func (r *pcReader) dependsOn(n *yaml.Node, k keyPath, proc string) []ir.Dependency {
	where := fmt.Sprintf("depends_on of process %q", proc)
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	var deps []ir.Dependency
	for _, e := range entries {
		dk := k.child(e.key, true)
		r.record(dk, e.kNode, false)
		d := ir.Dependency{Name: e.key, Pos: r.pos(e.kNode), Condition: ir.ProcessCompleted, Implicit: true}
		v := r.deref(e.value)
		if v.Kind == yaml.ScalarNode && !isNull(v) {
			hint := fmt.Sprintf("write it as %s: {condition: %s}", e.key, v.Value)
			r.diags.Add(r.pos(v), ir.Error, ir.IDShortDependsOn,
				fmt.Sprintf("depends_on entry %q is a plain value; process-compose needs a mapping with a condition and refuses the file", e.key), hint)
			continue
		}
		m, ok := r.mapping(v, fmt.Sprintf("depends_on.%s of process %q", e.key, proc))
		if !ok {
			continue
		}
		for _, ce := range m {
			ck := dk.child(ce.key, false)
			if ce.key != "condition" {
				if strings.HasPrefix(ce.key, "x-") {
					r.record(ck, ce.kNode, false)
					d.Extra = append(d.Extra, ir.Field{Key: ce.key, KeyPos: r.pos(ce.kNode), Value: r.value(ce.value, ce.key)})
					continue
				}
				r.unknownKey(ce, ck, fmt.Sprintf("depends_on.%s of process %q", e.key, proc), pcDependencyKeys)
				continue
			}
			r.record(ck, ce.kNode, false)
			s, pos, ok := r.structural(ce.value, "condition")
			if !ok {
				continue
			}
			c := ir.Condition(s)
			if !slices.Contains(ir.Conditions, c) {
				var names []string
				for _, c := range ir.Conditions {
					names = append(names, string(c))
				}
				hint := "use one of " + strings.Join(names, ", ")
				if s := suggest(s, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				r.diags.Add(pos, ir.Error, ir.IDCondition,
					fmt.Sprintf("unknown condition %q; process-compose refuses the file", s), hint)
				continue
			}
			d.Condition, d.Implicit = c, false
		}
		if d.Implicit {
			r.diags.Add(d.Pos, ir.Note, ir.IDImplicitCondition,
				fmt.Sprintf("depends_on %q gives no condition: process-compose then waits for %q to exit (process_completed), not to start", e.key, e.key),
				"write the condition to make it plain")
		}
		deps = append(deps, d)
	}
	return deps
}

func (r *pcReader) availability(n *yaml.Node, k keyPath, proc string) *ir.Restart {
	where := fmt.Sprintf("availability of process %q", proc)
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	a := &ir.Restart{Pos: r.pos(r.deref(n))}
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcAvailabilityKeys, e.key) {
			r.unknownKey(e, ck, where, pcAvailabilityKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		what := fmt.Sprintf("availability.%s of process %q", e.key, proc)
		switch e.key {
		case "restart":
			s, pos, ok := r.structural(e.value, what)
			if !ok {
				continue
			}
			pol := ir.RestartPolicy(s)
			if !slices.Contains(ir.RestartPolicies, pol) {
				var names []string
				for _, p := range ir.RestartPolicies {
					names = append(names, string(p))
				}
				hint := "use one of " + strings.Join(names, ", ")
				if s := suggest(s, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				r.diags.Add(pos, ir.Error, ir.IDRestartPolicy,
					fmt.Sprintf("unknown restart policy %q; process-compose refuses the file", s), hint)
				continue
			}
			a.Policy = ir.Some(pol, pos)
		case "backoff_seconds":
			a.Backoff, _ = r.integer(e.value, what)
		case "max_restarts":
			a.MaxRestarts, _ = r.integer(e.value, what)
		case "exit_on_end":
			a.ExitOnEnd, _ = r.boolean(e.value, what)
		case "exit_on_skipped":
			a.ExitOnSkipped, _ = r.boolean(e.value, what)
		}
	}
	return a
}

func (r *pcReader) probe(n *yaml.Node, k keyPath, where string) *ir.Probe {
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	p := &ir.Probe{Pos: r.pos(r.deref(n))}
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcProbeKeys, e.key) {
			r.unknownKey(e, ck, where, pcProbeKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		what := e.key + " of " + where
		switch e.key {
		case "exec":
			p.Exec = r.execProbe(e.value, ck, what)
		case "http_get":
			p.HTTP = r.httpProbe(e.value, ck, what)
		case "initial_delay_seconds":
			p.InitialDelay, _ = r.integer(e.value, what)
		case "period_seconds":
			p.Period, _ = r.integer(e.value, what)
		case "timeout_seconds":
			p.Timeout, _ = r.integer(e.value, what)
		case "success_threshold":
			p.SuccessThreshold, _ = r.integer(e.value, what)
		case "failure_threshold":
			p.FailureThreshold, _ = r.integer(e.value, what)
		}
	}
	if p.Exec == nil && p.HTTP == nil {
		r.diags.Add(p.Pos, ir.Warning, ir.IDBadValue,
			where+" has neither exec nor http_get: process-compose cannot run it, and the process never becomes ready",
			"put the command under exec: {command: ...}")
	}
	return p
}

func (r *pcReader) execProbe(n *yaml.Node, k keyPath, where string) *ir.ExecProbe {
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	x := &ir.ExecProbe{Pos: r.pos(r.deref(n))}
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcExecProbeKeys, e.key) {
			r.unknownKey(e, ck, where, pcExecProbeKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		t, ok := r.text(e.value, e.key+" of "+where)
		if !ok {
			continue
		}
		switch e.key {
		case "command":
			x.Command = t
		case "working_dir":
			x.WorkingDir = ir.Some(t, t.Pos)
		}
	}
	return x
}

func (r *pcReader) httpProbe(n *yaml.Node, k keyPath, where string) *ir.HTTPProbe {
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	h := &ir.HTTPProbe{Pos: r.pos(r.deref(n))}
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcHTTPProbeKeys, e.key) {
			r.unknownKey(e, ck, where, pcHTTPProbeKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		what := e.key + " of " + where
		switch e.key {
		case "host", "scheme", "path":
			s, pos, ok := r.structural(e.value, what)
			if !ok {
				continue
			}
			o := ir.Some(s, pos)
			switch e.key {
			case "host":
				h.Host = o
			case "scheme":
				h.Scheme = o
			case "path":
				h.Path = o
			}
		case "port", "num_port":
			t, ok := r.text(e.value, what)
			if !ok {
				continue
			}
			h.Port = ir.Some(t, t.Pos)
			if s, lit := t.Literal(); lit && !strings.Contains(s, "{{") {
				if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 65535 {
					r.diags.Add(t.Pos, ir.Warning, ir.IDBadValue,
						fmt.Sprintf("%s is %q, which is not a port number: process-compose treats the probe as having no port, so it never succeeds", what, s),
						"write the port number, or ${VAR:-number}")
				}
			}
		case "status_code":
			h.StatusCode, _ = r.integer(e.value, what)
		case "headers":
			r.recordNested(e.value, ck)
			h.Headers = r.value(e.value, what).Map
		}
	}
	return h
}

func (r *pcReader) shutdown(n *yaml.Node, k keyPath, proc string) *ir.Shutdown {
	where := fmt.Sprintf("shutdown of process %q", proc)
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	s := &ir.Shutdown{Pos: r.pos(r.deref(n))}
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcShutdownKeys, e.key) {
			r.unknownKey(e, ck, where, pcShutdownKeys)
			continue
		}
		r.record(ck, e.kNode, false)
		what := fmt.Sprintf("shutdown.%s of process %q", e.key, proc)
		switch e.key {
		case "command":
			if t, ok := r.text(e.value, what); ok {
				s.Command = ir.Some(t, t.Pos)
			}
		case "signal":
			s.Signal, _ = r.integer(e.value, what)
		case "timeout_seconds":
			s.Timeout, _ = r.integer(e.value, what)
		case "parent_only":
			s.ParentOnly, _ = r.boolean(e.value, what)
		default:
			s.Extra = append(s.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what)})
		}
	}
	return s
}

// checkDependencies reports dependencies on processes that do not exist
// and dependency cycles, both of which process-compose refuses.
func (r *pcReader) checkDependencies() {
	byName := map[string]*ir.Process{}
	var names []string
	for _, p := range r.proj.Processes {
		byName[p.Name] = p
		names = append(names, p.Name)
	}
	for _, p := range r.proj.Processes {
		for _, d := range p.DependsOn {
			if byName[d.Name] == nil {
				hint := ""
				if s := suggest(d.Name, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				r.diags.Add(d.Pos, ir.Error, ir.IDUndefinedDep,
					fmt.Sprintf("process %q depends on %q, which is not defined; process-compose refuses the file", p.Name, d.Name), hint)
			}
		}
	}
	// Depth-first search for a cycle, reported once at the edge that
	// closes it.
	const (
		unvisited = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(p *ir.Process) bool
	visit = func(p *ir.Process) bool {
		state[p.Name] = active
		stack = append(stack, p.Name)
		for _, d := range p.DependsOn {
			q := byName[d.Name]
			if q == nil {
				continue
			}
			switch state[q.Name] {
			case active:
				i := slices.Index(stack, q.Name)
				cycle := append(append([]string(nil), stack[i:]...), q.Name)
				r.diags.Add(d.Pos, ir.Error, ir.IDCycle,
					"processes depend on each other in a cycle: "+strings.Join(cycle, " → ")+"; process-compose refuses the file", "remove one of these dependencies")
				return true
			case unvisited:
				if visit(q) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[p.Name] = done
		return false
	}
	for _, p := range r.proj.Processes {
		if state[p.Name] == unvisited && visit(p) {
			return
		}
	}
}
