package processcompose

import (
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// resolveExtends returns the processes with process-level extends
// resolved, as process-compose resolves them after merging the files and
// before replicas and templates: the process named by extends (itself
// resolved first) is merged with the extending one by the rules of files,
// the extending one winning. An unknown, self or cyclic extends is an
// error.
func (r *reader) resolveExtends(entries []entry, k ir.Path) []entry {
	// The index of names, and out, the entries resolved, are made at the
	// first extends: most files have none.
	var byName map[string]int
	var names []string
	var out []entry
	const (
		unresolved = iota
		resolving
		resolved
	)
	state := make([]int, len(entries))
	var resolve func(i int, chain []string) bool
	resolve = func(i int, chain []string) bool {
		switch state[i] {
		case resolved:
			return true
		case resolving:
			return false
		}
		state[i] = resolving
		e := entries[i]
		ext, pos, ok := r.extendsOf(e)
		if !ok || ext == "" {
			state[i] = resolved
			return true
		}
		if byName == nil {
			byName = make(map[string]int, len(entries))
			names = make([]string, 0, len(entries))
			for i, e := range entries {
				byName[e.key] = i
				names = append(names, e.key)
			}
		}
		j, found := byName[ext]
		switch {
		case ext == e.key:
			r.diags.Add(pos, ir.IDExtendsProcess,
				fmt.Sprintf("process %q extends itself; process-compose refuses the file", e.key), "")
			state[i] = resolved
			return true
		case !found:
			hint := ""
			if s := sourcecheck.Suggest(ext, names); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			r.diags.Add(pos, ir.IDExtendsProcess,
				fmt.Sprintf("process %q extends %q, which is not defined; process-compose refuses the file", e.key, ext), hint)
			state[i] = resolved
			return true
		case state[j] == resolving:
			cycle := slices.Concat(chain, []string{e.key, ext})
			r.diags.Add(pos, ir.IDExtendsProcess,
				"processes extend each other in a cycle: "+strings.Join(cycle[slices.Index(cycle, ext):], " → ")+"; process-compose refuses the file", "")
			state[i] = resolved
			return false
		}
		if !resolve(j, append(chain, e.key)) {
			state[i] = resolved
			return false
		}
		if out == nil {
			out = slices.Clone(entries)
		}
		parent := r.deref(out[j].value)
		child := r.deref(e.value)
		if parent.Kind == yaml.MappingNode && child.Kind == yaml.MappingNode {
			merged := r.mergeMapping(parent, child, fProcess, ir.ProcessPath(e.key), false)
			out[i] = entry{key: e.key, kNode: e.kNode, value: merged}
		}
		state[i] = resolved
		return true
	}
	for i := range entries {
		resolve(i, nil)
	}
	if out == nil {
		return entries
	}
	return out
}

// extendsOf returns the process a process's extends names, and its
// position; ok is false when there is no extends.
func (r *reader) extendsOf(e entry) (name string, pos ir.Pos, ok bool) {
	v := r.deref(e.value)
	if v.Kind != yaml.MappingNode {
		return "", ir.Pos{}, false
	}
	var ext *yaml.Node
	r.withoutRecording(func() {
		m, _ := r.scratchMapping(v, "")
		for _, f := range m {
			if f.key == "extends" {
				ext = f.value
			}
		}
		r.release(m)
	})
	if ext == nil || isNull(r.deref(ext)) {
		return "", ir.Pos{}, false
	}
	if d := r.deref(ext); d.Kind != yaml.ScalarNode {
		r.typeError(d, fmt.Sprintf("extends of process %q", e.key), "a process name")
		return "", r.pos(d), false
	}
	return r.structural(ext, fmt.Sprintf("extends of process %q", e.key))
}
