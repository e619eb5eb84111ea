package processcompose

import (
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// reader reads a project's process-compose files: it loads and merges
// them (load.go, merge.go), reads the result into the model (this file,
// process.go, objects.go, env.go), resolves process-level extends
// (extends.go), renders templates, for each replica where a process has
// replicas (template.go, replicas.go), and checks the project as
// process-compose does, on every replica (validate.go).
type reader struct {
	yamlReader
	proj *ir.Project
	opts Options
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
	// known is the stack of keys that fields hands out.
	known []knownKey
	// scratch is a block of entries that scratchMapping reads into.
	scratch []entry
	// names makes the names of values in messages.
	names nameMaker
	// quietDiags and quietKeys are where withoutRecording sends
	// diagnostics and keys.
	quietDiags ir.Diagnostics
	quietKeys  []ir.Key
}

// pcProcess is a process as read, with what the later steps (replicas,
// templates, checks) need beside the model.
type pcProcess struct {
	p *ir.Process
	// e and k are the process's entry and key path, to read it again for
	// each replica.
	e entry
	k ir.Path
	// quoted is the process's name as messages quote it (as %q does).
	quoted string
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

// childPath returns the path of key in the value at k that f describes:
// a process's under processes, a name the user chose in another mapping of
// names, a key of the format otherwise.
func childPath(k ir.Path, f *field, key string) ir.Path {
	switch {
	case f == fProcesses:
		return ir.ProcessPath(key)
	case f.kind == kMap:
		return k.Name(key)
	}
	return k.Child(key)
}

// The reader's key paths below the processes (a process's own is its
// ir.Process.KeyPath) are for the records of keys alone: under
// Options.NoKeys, which records none, child, name and nestedPath return
// the zero Path and cost nothing. The merge of files makes its own.

// child returns the path of the key that the format defines under k.
func (r *reader) child(k ir.Path, key string) ir.Path {
	if r.noKeys {
		return ir.Path{}
	}
	return k.Child(key)
}

// name returns the path of the name the user chose under k.
func (r *reader) name(k ir.Path, name string) ir.Path {
	if r.noKeys {
		return ir.Path{}
	}
	return k.Name(name)
}

// nestedPath returns childPath(k, f, key).
func (r *reader) nestedPath(k ir.Path, f *field, key string) ir.Path {
	if r.noKeys {
		return ir.Path{}
	}
	return childPath(k, f, key)
}

// record notes a key for the report of what became of each key, and
// returns its index in the project's keys (-1 for a key the loader made
// up, and for every key under Options.NoKeys).
func (r *reader) record(k ir.Path, n, value *yaml.Node, unknown bool) int {
	if r.synthetic[n] {
		return -1
	}
	value = r.deref(value) // counts a step, with or without the record
	if r.noKeys {
		return -1
	}
	var vpos ir.Pos
	if value != nil {
		vpos = r.pos(value)
	}
	*r.keys = append(*r.keys, ir.Key{Path: k, Pos: r.pos(n), ValuePos: vpos, Unknown: unknown})
	return len(*r.keys) - 1
}

// consume marks the key recorded at index i, and the keys recorded after
// it (those inside its value), as consumed by the reader.
func (r *reader) consume(i int, reason string) {
	if i < 0 {
		return
	}
	for j := i; j < len(*r.keys); j++ {
		(*r.keys)[j].Consumed = reason
	}
}

// drop marks the key recorded at index i as left out, with a diagnostic
// already given at it.
func (r *reader) drop(i int, reason string) {
	if i >= 0 {
		(*r.keys)[i].Dropped = reason
	}
}

// withoutRecording runs f with diagnostics and keys going nowhere, to read a value
// again (for each replica, say) without reporting it twice.
//
// What goes nowhere goes to quietDiags and quietKeys, which calls inside
// f append to in turn and which are cut back to what they held when f
// returns: the indexes of keys recorded in f stay good in f.
func (r *reader) withoutRecording(f func()) {
	d, k, dups := r.diags, r.keys, r.dups
	nd, nk := len(r.quietDiags), len(r.quietKeys)
	r.diags, r.keys, r.dups = &r.quietDiags, &r.quietKeys, nil
	defer func() {
		r.diags, r.keys, r.dups = d, k, dups
		clear(r.quietDiags[nd:])
		clear(r.quietKeys[nk:])
		r.quietDiags, r.quietKeys = r.quietDiags[:nd], r.quietKeys[:nk]
	}()
	f()
}

// unknownKey records and reports a key process-compose does not define in
// the object described by where.
func (r *reader) unknownKey(e entry, k ir.Path, where string, known []string) {
	r.record(k, e.kNode, e.value, true)
	r.recordUnknownTree(e.value, k)
	hint := ""
	if s := sourcecheck.Suggest(e.key, known); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if m, ok := misplaced[e.key]; ok {
		hint = "process-compose spells it " + m
	}
	r.diags.Add(r.pos(e.kNode), ir.IDUnknownKey,
		fmt.Sprintf("unknown key %q in %s", e.key, where), hint)
}

// recordUnknownTree records the keys inside an unknown key's value as
// unknown too: they are reported with it.
func (r *reader) recordUnknownTree(n *yaml.Node, k ir.Path) {
	n = r.deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		var m []entry
		r.withoutRecording(func() { m, _ = r.mapping(n, "") })
		for _, e := range m {
			ck := r.child(k, e.key)
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
func (r *reader) strictness() string {
	if r.strict {
		return "process-compose refuses the file (is_strict)"
	}
	return "process-compose logs an error"
}

// knownKey is one known key of a mapping, with its key path and the index of
// its record in the project's keys.
type knownKey struct {
	entry
	k ir.Path
	i int
}

// fields returns the keys of the mapping n that the object f defines (or,
// with extensions, that start with "x-"), each recorded; every other key
// is recorded and reported as unknown in where.
//
// The keys are on the reader's stack of known keys, where the fields of
// the values inside are put after them: the caller gives them back with
// doneFields when it is done with them, before it returns.
func (r *reader) fields(n *yaml.Node, f *field, k ir.Path, where string, extensions bool) ([]knownKey, bool) {
	entries, ok := r.scratchMapping(n, where)
	defer r.release(entries)
	if !ok {
		return nil, false
	}
	if r.known == nil {
		r.known = make([]knownKey, 0, knownKeysBlock)
	}
	start := len(r.known)
	for _, e := range entries {
		ck := r.child(k, e.key)
		if _, known := f.fields[e.key]; !known && !(extensions && strings.HasPrefix(e.key, "x-")) {
			r.unknownKey(e, ck, where, f.knownKeys())
			continue
		}
		r.known = append(r.known, knownKey{e, ck, r.record(ck, e.kNode, e.value, false)})
	}
	return r.known[start:len(r.known):len(r.known)], true
}

// knownKeysBlock is the room the stack of known keys starts with: enough
// for a process's keys and those of its objects.
const knownKeysBlock = 32

// doneFields gives back the keys fields returned, the last still held.
func (r *reader) doneFields(keys []knownKey) {
	r.known = r.known[:len(r.known)-len(keys)]
}

// scratchMapping returns mapping(n, what), read into the reader's
// scratch block, for entries the caller is done with before it returns:
// it then gives the block back with release. Meanwhile the block is the
// caller's, and a scratchMapping of a value inside gets one of its own.
func (r *reader) scratchMapping(n *yaml.Node, what string) ([]entry, bool) {
	m, ok := r.appendMapping(r.scratch[:0], n, what)
	r.scratch = nil
	return m, ok
}

// release gives m's block back as the reader's scratch block, to be
// used again.
func (r *reader) release(m []entry) {
	if cap(m) > cap(r.scratch) {
		r.scratch = m[:0]
	}
}

// enum reads a value that must be one of allowed, reporting any other at
// its position, as "unknown NOUN VALUE OF", with a suggestion: an error when process-compose refuses
// the file, a warning when it only logs. ok is false for a value not
// allowed.
func (r *reader) enum(n *yaml.Node, what, noun, of string, allowed []string, sev ir.Severity, id ir.ID, consequence string) (string, ir.Pos, bool) {
	s, pos, ok := r.structural(n, what)
	if !ok || s == "" || slices.Contains(allowed, s) {
		return s, pos, ok
	}
	hint := "use one of " + strings.Join(allowed, ", ")
	if g := sourcecheck.Suggest(s, allowed); g != "" {
		hint = fmt.Sprintf("did you mean %q?", g)
	}
	r.diags.AddAs(pos, sev, id, fmt.Sprintf("unknown %s %q%s; %s", noun, s, of, consequence), hint)
	return s, pos, false
}

func (r *reader) top(root *yaml.Node) {
	entries, ok := r.mapping(root, "the file")
	if !ok {
		return
	}
	// is_strict changes messages everywhere; read it first, without recording.
	for _, e := range entries {
		if e.key == "is_strict" {
			r.withoutRecording(func() {
				b, _ := r.boolean(e.value, "is_strict")
				r.strict = b.Val
			})
		}
	}
	sawProcesses := false
	for _, e := range entries {
		k := ir.NewPath(e.key)
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
		case fTop.fields[e.key] != nil || strings.HasPrefix(e.key, "x-"):
			r.topKey(e, k)
		default:
			r.unknownKey(e, k, "the top level", fTop.knownKeys())
		}
	}
	if (!sawProcesses || len(r.procs) == 0) && !r.diags.HasErrors() {
		r.diags.Add(r.pos(root), ir.IDNoProcesses, "the file defines no processes", "")
	}
	r.expandAndCheck()
}

// logLevels are the levels process-compose's logger accepts.
var logLevels = []string{"trace", "debug", "info", "warn", "error", "fatal", "panic", "disabled"}

// topKey reads a top-level key the model has no typed field for: it is
// kept whole in Extra unless the reader uses it up.
func (r *reader) topKey(e entry, k ir.Path) {
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
			if g := sourcecheck.Suggest(strings.ToLower(s), logLevels); g != "" {
				hint = fmt.Sprintf("did you mean %q?", g)
			}
			r.diags.Add(pos, ir.IDLogLevel,
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
func (r *reader) defaultShell(n *yaml.Node) bool {
	defaults := map[string][]string{
		"shell_command":           {"bash", "/bin/bash", "/usr/bin/bash", "/usr/bin/env bash"},
		"shell_argument":          {"-c"},
		"elevated_shell_command":  {"sudo"},
		"elevated_shell_argument": {"-S"},
	}
	ok := true
	r.withoutRecording(func() {
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
func (r *reader) checkNested(n *yaml.Node, f *field, k ir.Path, rel, owner string) {
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
			ck := r.nestedPath(k, f, e.key)
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
