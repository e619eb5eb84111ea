package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// pcReader reads a project's process-compose files: it loads and merges
// them (pcload.go, pcmerge.go), reads the result into the model (this
// file), resolves process-level extends (pcextends.go), makes replicas and
// renders templates (pcreplicas.go, pctemplate.go), and checks the
// project as process-compose does (pcvalidate.go).
type pcReader struct {
	yamlReader
	proj *ir.Project
	opts PCOptions
	// dir is the project's directory: that of the first file.
	dir string
	// named holds the files given to load, for extends checks.
	named map[string]bool
	// envWarned holds the environment entries already warned about.
	envWarned map[*yaml.Node]bool
	// strict is set when the project sets is_strict.
	strict bool
	// vars are the global template variables.
	vars map[string]any
	tmpl templater
	// procs are the processes read, in source order.
	procs []*pcProcess
}

// pcProcess is a process as read, with what the later steps (replicas,
// templates, checks) need beside the model.
type pcProcess struct {
	p *ir.Process
	// e and k are the process's entry and key path, to read it again for
	// each replica.
	e entry
	k keyPath
	// num is the replica number, 0 for a process without replicas.
	num         int
	replicas    int
	vars        map[string]any
	noTemplate  bool
	description ir.Text
	// The positions of keys later checks point at; invalid when absent.
	readyLogLine ir.Pos
	sendKeys     ir.Pos
	schedule     ir.Pos
	watch        ir.Pos
	terminal     bool
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

// record notes a key for the report of what became of each key, and
// returns its index in the project's keys (-1 for a key the loader made
// up).
func (r *pcReader) record(k keyPath, n, value *yaml.Node, unknown bool) int {
	if r.synthetic[n] {
		return -1
	}
	var vpos ir.Pos
	if value = r.deref(value); value != nil {
		vpos = r.pos(value)
	}
	*r.keys = append(*r.keys, ir.Key{Path: k.path, Pattern: k.pattern, Pos: r.pos(n), ValuePos: vpos, Unknown: unknown})
	return len(*r.keys) - 1
}

// consume marks the key recorded at index i, and the keys recorded after
// it (those inside its value), as consumed by the reader.
func (r *pcReader) consume(i int, reason string) {
	if i < 0 {
		return
	}
	for j := i; j < len(*r.keys); j++ {
		(*r.keys)[j].Consumed = reason
	}
}

// drop marks the key recorded at index i as left out, with a diagnostic
// already given at it.
func (r *pcReader) drop(i int, reason string) {
	if i >= 0 {
		(*r.keys)[i].Dropped = reason
	}
}

// quietly runs f with diagnostics and keys going nowhere, to read a value
// again (for each replica, say) without reporting it twice.
func (r *pcReader) quietly(f func()) {
	d, k, dups := r.diags, r.keys, r.dups
	var qd ir.Diagnostics
	var qk []ir.Key
	r.diags, r.keys, r.dups = &qd, &qk, nil
	defer func() { r.diags, r.keys, r.dups = d, k, dups }()
	f()
}

// unknownKey records and reports a key process-compose does not define in
// the object described by where.
func (r *pcReader) unknownKey(e entry, k keyPath, where string, known []string) {
	r.record(k, e.kNode, e.value, true)
	r.recordUnknownTree(e.value, k)
	hint := ""
	if s := suggest(e.key, known); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if m, ok := misplaced[e.key]; ok {
		hint = "process-compose spells this " + m
	}
	r.diags.Add(r.pos(e.kNode), ir.Warning, ir.IDUnknownKey,
		fmt.Sprintf("unknown key %q in %s; process-compose ignores it", e.key, where), hint)
}

// recordUnknownTree records the keys inside an unknown key's value as
// unknown too: they are reported with it.
func (r *pcReader) recordUnknownTree(n *yaml.Node, k keyPath) {
	n = r.deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		var m []entry
		r.quietly(func() { m, _ = r.mapping(n, "") })
		for _, e := range m {
			ck := k.child(e.key, false)
			r.record(ck, e.kNode, e.value, true)
			r.recordUnknownTree(e.value, ck)
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			r.recordUnknownTree(it, k)
		}
	}
}

// strictness ends a message about something process-compose refuses only
// under is_strict.
func (r *pcReader) strictness() string {
	if r.strict {
		return "process-compose refuses the file, since it sets is_strict"
	}
	return "process-compose logs an error (and refuses the file under is_strict)"
}

func (r *pcReader) top(root *yaml.Node) {
	entries, ok := r.mapping(root, "the file")
	if !ok {
		return
	}
	// is_strict changes messages everywhere; read it first, quietly.
	for _, e := range entries {
		if e.key == "is_strict" {
			r.quietly(func() {
				b, _ := r.boolean(e.value, "is_strict")
				r.strict = b.Val
			})
		}
	}
	sawProcesses := false
	for _, e := range entries {
		k := keyPath{}.child(e.key, false)
		switch {
		case e.key == "processes":
			r.record(k, e.kNode, e.value, false)
			sawProcesses = true
			r.processes(e.value, k)
		case e.key == "environment":
			r.record(k, e.kNode, e.value, false)
			r.proj.Env = r.environment(e.value, k, "the top-level environment")
		case e.key == "vars":
			r.record(k, e.kNode, e.value, false)
			r.vars = r.templateVars(e.value, k, "vars")
		case slices.Contains(pcTopKeys, e.key) || strings.HasPrefix(e.key, "x-"):
			r.topKey(e, k)
		default:
			r.unknownKey(e, k, "the top level", pcTopKeys)
		}
	}
	if !sawProcesses || len(r.procs) == 0 {
		r.diags.Add(r.pos(root), ir.Warning, ir.IDNoProcesses, "the file defines no processes", "")
	}
	r.finish()
}

// logLevels are the levels process-compose's logger accepts.
var logLevels = []string{"trace", "debug", "info", "warn", "error", "fatal", "panic", "disabled"}

// topKey reads a top-level key the model has no typed field for: it is
// kept whole in Extra unless the reader uses it up.
func (r *pcReader) topKey(e entry, k keyPath) {
	i := r.record(k, e.kNode, e.value, false)
	f := fTop.child(e.key)
	r.checkNested(e.value, f, k, e.key, "")
	switch e.key {
	case "version", "extends", "disable_env_expansion", "file_names", "env_file_names", "dot_env_vars":
		// Their rules say what becomes of them; nothing to keep.
		if e.key != "file_names" && e.key != "env_file_names" && e.key != "dot_env_vars" {
			return
		}
	case "shell":
		if r.defaultShell(e.value) {
			r.consume(i, "the default shell, bash -c, which devenv runs commands with too")
			return
		}
	case "log_level":
		if s, pos, ok := r.structural(e.value, "log_level"); ok && s != "" && !slices.Contains(logLevels, strings.ToLower(s)) {
			hint := "use one of " + strings.Join(logLevels[:7], ", ")
			if g := suggest(strings.ToLower(s), logLevels); g != "" {
				hint = fmt.Sprintf("did you mean %q?", g)
			}
			r.diags.Add(pos, ir.Warning, ir.IDLogLevel,
				fmt.Sprintf("unknown log_level %q: %s", s, r.strictness()), hint)
		}
	}
	if f.kind == kBool {
		if b, ok := r.boolean(e.value, e.key); ok && b.Set && !b.Val {
			r.consume(i, "false is process-compose's default")
			return
		}
	}
	r.proj.Extra = append(r.proj.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, e.key)})
}

// defaultShell reports whether a shell setting says what process-compose
// does anyway: bash -c, and sudo -S for elevated processes.
func (r *pcReader) defaultShell(n *yaml.Node) bool {
	defaults := map[string][]string{
		"shell_command":           {"bash", "/bin/bash", "/usr/bin/bash", "/usr/bin/env bash"},
		"shell_argument":          {"-c"},
		"elevated_shell_command":  {"sudo"},
		"elevated_shell_argument": {"-S"},
	}
	ok := true
	r.quietly(func() {
		entries, isMap := r.mapping(n, "shell")
		if !isMap {
			ok = false
			return
		}
		for _, e := range entries {
			s, _, _ := r.structural(e.value, e.key)
			if !slices.Contains(defaults[e.key], strings.TrimSpace(s)) {
				ok = false
			}
		}
	})
	return ok
}

// checkNested records the keys inside a value the model keeps whole, and
// reports keys that the object f describes does not define: process-compose
// ignores them silently.
// rel is the value's key path relative to owner, which names the process
// it belongs to, or is empty at the top level.
func (r *pcReader) checkNested(n *yaml.Node, f *field, k keyPath, rel, owner string) {
	n = r.deref(n)
	where := rel
	if owner != "" {
		where = rel + " of " + owner
	}
	switch n.Kind {
	case yaml.MappingNode:
		if f.kind != kStruct && f.kind != kMap && f.kind != kAny {
			return
		}
		m, _ := r.mapping(n, where)
		for _, e := range m {
			ck := k.child(e.key, false)
			cf := fAny
			switch f.kind {
			case kStruct:
				c, known := f.fields[e.key]
				if !known && !strings.HasPrefix(e.key, "x-") {
					r.unknownKey(e, ck, where, f.knownKeys())
					continue
				}
				if known {
					cf = c
				}
			case kMap:
				cf = f.elem
			}
			r.record(ck, e.kNode, e.value, false)
			r.checkNested(e.value, cf, ck, rel+"."+e.key, owner)
		}
	case yaml.SequenceNode:
		if f.elem == nil || f.elem.kind != kStruct {
			return
		}
		for _, it := range n.Content {
			r.checkNested(it, f.elem, k, rel, owner)
		}
	}
}

func (r *pcReader) processes(n *yaml.Node, k keyPath) {
	entries, ok := r.mapping(n, "processes")
	if !ok {
		return
	}
	entries = r.resolveExtends(entries, k)
	for _, e := range entries {
		pk := k.child(e.key, true)
		r.record(pk, e.kNode, e.value, false)
		if pp := r.process(e, pk); pp != nil {
			r.procs = append(r.procs, pp)
		}
	}
}

// monitorModes are the values of monitor_for.
var monitorModes = []string{"none", "activity", "silence"}

func (r *pcReader) process(pe entry, k keyPath) *pcProcess {
	p := &ir.Process{Name: pe.key, Pos: r.pos(pe.kNode), KeyPath: k.path}
	pp := &pcProcess{p: p, e: pe, k: k, replicas: 1}
	where := fmt.Sprintf("process %q", p.Name)
	entries, ok := r.mapping(pe.value, where)
	if !ok {
		return nil
	}
	hasCommand := false
	entrypointKey := -1
	var entrypointPos ir.Pos
	var isDisabled ir.Opt[bool]
	for _, e := range entries {
		ck := k.child(e.key, false)
		if !slices.Contains(pcProcessKeys, e.key) && !strings.HasPrefix(e.key, "x-") {
			r.unknownKey(e, ck, where, pcProcessKeys)
			continue
		}
		i := r.record(ck, e.kNode, e.value, false)
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
		case "entrypoint":
			items, ok := r.sequence(e.value, what)
			if !ok {
				continue
			}
			entrypointKey, entrypointPos = i, r.pos(e.kNode)
			for _, it := range items {
				if t, ok := r.text(it, "an item of "+what); ok {
					p.Entrypoint = append(p.Entrypoint, t)
				}
			}
		case "working_dir":
			if t, ok := r.text(e.value, what); ok {
				p.Cwd = ir.Some(t, t.Pos)
			}
		case "environment":
			p.Env = r.environment(e.value, ck, fmt.Sprintf("the environment of process %q", p.Name))
		case "env_file":
			if t, ok := r.text(e.value, what); ok && !t.IsEmpty() {
				p.EnvFile = ir.Some(t, t.Pos)
			} else if ok {
				r.consume(i, "an empty env_file loads nothing")
			}
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
			if p.Shutdown != nil {
				for _, f := range p.Shutdown.Extra {
					if f.Key == "send_keys" {
						pp.sendKeys = f.KeyPos
					}
				}
			}
		case "disabled":
			p.Disabled, _ = r.boolean(e.value, what)
		case "is_disabled":
			s, pos, ok := r.structural(e.value, what)
			switch {
			case !ok:
			case s == "true" || s == "false":
				isDisabled = ir.Some(s == "true", pos)
			case s == "":
				r.consume(i, "an empty is_disabled leaves disabled as it is")
			default:
				r.diags.Add(pos, ir.Warning, ir.IDIsDisabled,
					fmt.Sprintf("%s is %q: process-compose acts only on \"true\" and \"false\" and ignores it", what, s),
					`write is_disabled: "true" or "false"`)
				r.drop(i, "neither \"true\" nor \"false\"")
			}
		case "is_daemon":
			p.IsDaemon, _ = r.boolean(e.value, what)
			if p.IsDaemon.Set && !p.IsDaemon.Val {
				r.consume(i, "false is process-compose's default")
				p.IsDaemon = ir.Opt[bool]{}
			}
		case "replicas":
			p.Replicas, _ = r.integer(e.value, what)
			if p.Replicas.Set && p.Replicas.Val > 1 {
				pp.replicas = p.Replicas.Val
			} else if p.Replicas.Set {
				r.consume(i, "one replica is process-compose's default")
				p.Replicas = ir.Opt[int]{}
			}
		case "description":
			if t, ok := r.text(e.value, what); ok {
				pp.description = t
			}
		case "vars":
			pp.vars = r.templateVars(e.value, ck, what)
		case "is_template_disabled":
			b, _ := r.boolean(e.value, what)
			pp.noTemplate = b.Val
		case "extends", "name":
			// Resolved, or replaced by the key; the rules say so.
		default:
			switch e.key {
			case "ready_log_line":
				pp.readyLogLine = r.pos(e.kNode)
			case "schedule":
				pp.schedule = r.pos(e.kNode)
			case "watch":
				pp.watch = r.pos(e.kNode)
			case "is_tty", "is_interactive":
				b, _ := r.quietBool(e.value)
				pp.terminal = pp.terminal || b
			case "monitor_for":
				if s, pos, ok := r.structural(e.value, what); ok && s != "" && !slices.Contains(monitorModes, s) {
					hint := "use one of " + strings.Join(monitorModes, ", ")
					if g := suggest(s, monitorModes); g != "" {
						hint = fmt.Sprintf("did you mean %q?", g)
					}
					r.diags.Add(pos, ir.Error, ir.IDBadEnum, fmt.Sprintf("unknown monitor_for %q of process %q; process-compose refuses the file", s, p.Name), hint)
					continue
				}
			case "namespace":
				r.checkNamespace(e.value, what)
			case "success_exit_codes":
				r.checkExitCodes(e.value, what)
			}
			f := fProcess.child(e.key)
			r.checkNested(e.value, f, ck, e.key, where)
			if f.kind == kBool {
				if b, ok := r.boolean(e.value, what); ok && b.Set && !b.Val {
					r.consume(i, "false is process-compose's default")
					continue
				}
			}
			p.Extra = append(p.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what)})
		}
	}
	if isDisabled.Set {
		p.Disabled = isDisabled
	}
	switch {
	case hasCommand && entrypointKey >= 0:
		r.diags.Add(entrypointPos, ir.Warning, ir.IDEntrypointIgnored,
			fmt.Sprintf("process %q has both command and entrypoint: process-compose runs the command and ignores entrypoint", p.Name),
			"remove one of them")
		r.drop(entrypointKey, "command wins over entrypoint")
		p.Entrypoint = nil
	case !hasCommand && entrypointKey < 0:
		r.diags.Add(p.Pos, ir.Warning, ir.IDNoCommand,
			fmt.Sprintf("process %q has no command: process-compose starts it and it exits at once", p.Name), "")
	}
	return pp
}

// quietBool reads a boolean without reporting problems, which the reader
// reports where it reads the value for good.
func (r *pcReader) quietBool(n *yaml.Node) (v, ok bool) {
	r.quietly(func() {
		b, good := r.boolean(n, "")
		v, ok = b.Val, good
	})
	return v, ok
}

// checkNamespace reports a namespace that is neither a name nor a list of
// names.
func (r *pcReader) checkNamespace(n *yaml.Node, what string) {
	n = r.deref(n)
	switch n.Kind {
	case yaml.ScalarNode:
		return
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it = r.deref(it); it.Kind != yaml.ScalarNode {
				r.typeError(it, "an item of "+what, "a name")
			}
		}
		return
	}
	r.typeError(n, what, "a name or a list of names")
}

// checkExitCodes reports success exit codes outside 0–255.
func (r *pcReader) checkExitCodes(n *yaml.Node, what string) {
	items, ok := r.sequence(n, what)
	if !ok {
		return
	}
	for _, it := range items {
		it = r.deref(it)
		v, err := strconv.Atoi(it.Value)
		if it.Kind != yaml.ScalarNode || err != nil {
			r.typeError(it, "an item of "+what, "a whole number")
			continue
		}
		if v < 0 || v > 255 {
			r.diags.Add(r.pos(it), ir.Warning, ir.IDExitCode,
				fmt.Sprintf("%s holds %d, which no process can exit with (exit codes are 0–255): %s", what, v, r.strictness()), "")
		}
	}
}

func (r *pcReader) environment(n *yaml.Node, k keyPath, where string) []ir.EnvVar {
	n = r.deref(n)
	var env []ir.EnvVar
	if n.Kind == yaml.MappingNode {
		r.diags.Add(r.pos(n), ir.Warning, ir.IDEnvMap,
			where+" is a mapping; process-compose accepts only a list of KEY=VALUE strings and refuses the file; it is read as that list",
			"write it as a list of - KEY=VALUE entries")
		m, _ := r.mapping(n, where)
		for _, e := range m {
			r.record(k.child(e.key, true), e.kNode, e.value, false)
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
		r.record(k.child(name, true), it, it, false)
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
	if r.expands(vpos.File) {
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
		r.record(dk, e.kNode, e.value, false)
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
					r.record(ck, ce.kNode, ce.value, false)
					d.Extra = append(d.Extra, ir.Field{Key: ce.key, KeyPos: r.pos(ce.kNode), Value: r.value(ce.value, ce.key)})
					continue
				}
				r.unknownKey(ce, ck, fmt.Sprintf("depends_on.%s of process %q", e.key, proc), pcDependencyKeys)
				continue
			}
			r.record(ck, ce.kNode, ce.value, false)
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
		r.record(ck, e.kNode, e.value, false)
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
		r.record(ck, e.kNode, e.value, false)
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
		r.record(ck, e.kNode, e.value, false)
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
		r.record(ck, e.kNode, e.value, false)
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
			r.checkNested(e.value, &field{kind: kMap, elem: fString}, ck, what, "")
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
		r.record(ck, e.kNode, e.value, false)
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
