package processcompose

import (
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// The merge of files follows process-compose's loader, which decodes each
// file into Go structs and merges them with mergo (WithOverride,
// WithAppendSlice) plus its own rules for environment lists, processes,
// namespaces and watch paths. Here the merge works on the YAML trees, so
// that every value keeps the position of the file it came from; the
// result is read by the one typed reader.

// mergeMapping merges the mapping over into base for an object described
// by f, at key path k. record says whether the keys that lose are
// recorded as consumed (false for a process-level extends, whose parent's
// keys are recorded where the parent is read).
func (r *reader) mergeMapping(base, over *yaml.Node, f *field, k ir.Path, record bool) *yaml.Node {
	base, over = r.deref(base), r.deref(over)
	what := "the file"
	if !k.IsZero() {
		what = k.String()
	}
	if name, _, ok := k.Process(); ok && f == fProcess {
		what = fmt.Sprintf("process %q", name)
	}
	be, _ := r.mapping(base, what)
	oe, _ := r.mapping(over, what)
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: over.Line, Column: over.Column}
	r.files[out] = r.pos(over).File
	entries := append([]entry(nil), be...)
	index := map[string]int{}
	for i, e := range entries {
		index[e.key] = i
	}
	seen := map[string]bool{}
	for _, e := range oe {
		seen[e.key] = true
		i, ok := index[e.key]
		if !ok {
			index[e.key] = len(entries)
			entries = append(entries, e)
			continue
		}
		cf := f.child(e.key)
		ck := childPath(k, f, e.key)
		if f.kind == kMap && f.whole {
			entries[i] = r.replace(entries[i], e, cf, ck, record)
			continue
		}
		entries[i] = r.mergeValue(entries[i], e, cf, ck, record)
	}
	// process-compose merges environment lists whenever the earlier one
	// is set, even when the later file does not mention them.
	for _, e := range be {
		if !seen[e.key] && f.child(e.key).kind == kEnv {
			if v := r.deref(e.value); v.Kind == yaml.SequenceNode {
				for _, it := range v.Content {
					r.checkEnvMergeEntry(it)
				}
			}
		}
	}
	for _, e := range entries {
		out.Content = append(out.Content, e.kNode, e.value)
	}
	return out
}

// mergeValue merges the value of over's key into base's, for a key
// described by f at path k, and returns the entry that stands for both.
func (r *reader) mergeValue(base, over entry, f *field, k ir.Path, record bool) entry {
	bv, ov := r.deref(base.value), r.deref(over.value)
	switch {
	case isNull(ov):
		r.recordMergeLoser(over, base, f, k, record, "an empty value does not override the one at %s")
		return base
	case isNull(bv):
		r.recordMergeLoser(base, over, f, k, record, "overridden by %s")
		return over
	}
	switch f.kind {
	case kString, kBool, kInt:
		if isZero(ov, f.kind) {
			r.recordMergeLoser(over, base, f, k, record, "a zero value does not override the one at %s")
			if !isZero(bv, f.kind) && bv.Value != ov.Value {
				hint := ""
				if k.Pattern() == "processes.*.disabled" {
					hint = `write is_disabled: "false" to enable it again`
				}
				r.diags.AddRelated(r.pos(over.kNode), ir.IDZeroOverride,
					fmt.Sprintf("%s: %s does not override %s", k, ov.Value, bv.Value), hint,
					r.pos(base.kNode), fmt.Sprintf("%s is set to %s here", k, bv.Value))
			}
			return base
		}
		r.recordMergeLoser(base, over, f, k, record, "overridden by %s")
		return over
	case kEnv:
		return r.mergeEnv(base, over, f, k, record)
	case kReplace:
		if isZero(ov, kAny) {
			r.recordMergeLoser(over, base, f, k, record, "an empty value does not replace the one at %s")
			return base
		}
		r.recordMergeLoser(base, over, f, k, record, "replaced by %s")
		return over
	}
	if bv.Kind != ov.Kind {
		r.recordMergeLoser(base, over, f, k, record, "overridden by %s")
		return over
	}
	switch bv.Kind {
	case yaml.MappingNode:
		sub := f
		if f.kind == kAny {
			sub = &field{kind: kMap, elem: fAny}
		}
		if f.kind == kList || f.kind == kReplace {
			break
		}
		if record {
			r.recordConsumed(k, base.kNode, fmt.Sprintf("merged with the one at %s", r.pos(over.kNode)))
		}
		return entry{key: over.key, kNode: over.kNode, value: r.mergeMapping(bv, ov, sub, k, record)}
	case yaml.SequenceNode:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: ov.Line, Column: ov.Column, Style: ov.Style}
		r.files[seq] = r.pos(ov).File
		seq.Content = append(append([]*yaml.Node(nil), bv.Content...), ov.Content...)
		if record {
			r.recordConsumed(k, base.kNode, fmt.Sprintf("its items come first in the list at %s", r.pos(over.kNode)))
		}
		return entry{key: over.key, kNode: over.kNode, value: seq}
	}
	if isZero(ov, kAny) {
		r.recordMergeLoser(over, base, f, k, record, "a zero value does not override the one at %s")
		return base
	}
	r.recordMergeLoser(base, over, f, k, record, "overridden by %s")
	return over
}

// replace gives a map entry that a later file replaces whole (a
// depends_on entry).
func (r *reader) replace(base, over entry, f *field, k ir.Path, record bool) entry {
	r.recordMergeLoser(base, over, f, k, record, "replaced by %s")
	return over
}

// recordMergeLoser records the key of loser, which f describes, and the
// keys inside its value, as consumed because of winner; why is a format
// with one %s for the winner's position.
func (r *reader) recordMergeLoser(loser, winner entry, f *field, k ir.Path, record bool, why string) {
	if !record {
		return
	}
	reason := fmt.Sprintf(why, r.pos(winner.kNode))
	r.recordConsumed(k, loser.kNode, reason)
	r.recordConsumedTree(loser.value, f, k, reason)
}

// recordConsumed records a key that the merge used up.
func (r *reader) recordConsumed(k ir.Path, kNode *yaml.Node, reason string) {
	if r.noKeys || r.synthetic[kNode] {
		return
	}
	*r.keys = append(*r.keys, ir.Key{Path: k, Pos: r.pos(kNode), Consumed: reason})
}

// recordConsumedTree records the keys inside a value the merge used up,
// which f describes.
func (r *reader) recordConsumedTree(n *yaml.Node, f *field, k ir.Path, reason string) {
	n = r.deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn := r.deref(n.Content[i])
			if kn.Kind != yaml.ScalarNode || kn.Tag == "!!merge" {
				continue
			}
			ck := childPath(k, f, kn.Value)
			r.recordConsumed(ck, kn, reason)
			r.recordConsumedTree(n.Content[i+1], f.child(kn.Value), ck, reason)
		}
	case yaml.SequenceNode:
		if f.kind != kEnv {
			return
		}
		for _, it := range n.Content {
			it = r.deref(it)
			if name, _, ok := strings.Cut(it.Value, "="); ok && it.Kind == yaml.ScalarNode && name != "" {
				r.recordConsumed(k.Name(name), it, reason)
			}
		}
	}
}

// mergeEnv merges two environment lists by name, later entries winning,
// as process-compose's merge does. It splits entries on every "=", so it
// drops an entry whose value holds one: such entries are kept here, with
// a warning.
func (r *reader) mergeEnv(base, over entry, f *field, k ir.Path, record bool) entry {
	bv, ov := r.deref(base.value), r.deref(over.value)
	if bv.Kind != yaml.SequenceNode || ov.Kind != yaml.SequenceNode {
		r.recordMergeLoser(base, over, f, k, record, "overridden by %s")
		return over
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: ov.Line, Column: ov.Column, Style: ov.Style}
	r.files[seq] = r.pos(ov).File
	index := map[string]int{}
	fromBase := map[string]bool{}
	for n, it := range append(append([]*yaml.Node(nil), bv.Content...), ov.Content...) {
		later := n >= len(bv.Content)
		r.checkEnvMergeEntry(it)
		d := r.deref(it)
		name, value, ok := strings.Cut(d.Value, "=")
		if d.Kind != yaml.ScalarNode || !ok || name == "" {
			seq.Content = append(seq.Content, it)
			continue
		}
		i, dup := index[name]
		switch {
		case dup && later && fromBase[name] && value == "":
			// The merge never lets an empty value win over the earlier one.
			prev := r.deref(seq.Content[i])
			if record {
				r.recordConsumed(k.Name(name), d, fmt.Sprintf("an empty value does not override the one at %s", r.pos(prev)))
			}
			r.diags.AddRelated(r.pos(d), ir.IDZeroOverride,
				fmt.Sprintf("%s: %s= does not override %s", k, name, prev.Value), "",
				r.pos(prev), fmt.Sprintf("%s is set here", name))
		case dup:
			if record {
				r.recordConsumed(k.Name(name), r.deref(seq.Content[i]), fmt.Sprintf("overridden by %s", r.pos(d)))
			}
			seq.Content[i] = it
			fromBase[name] = !later
		default:
			index[name] = len(seq.Content)
			fromBase[name] = !later
			seq.Content = append(seq.Content, it)
		}
	}
	if record {
		r.recordConsumed(k, base.kNode, fmt.Sprintf("merged by name with the list at %s", r.pos(over.kNode)))
	}
	return entry{key: over.key, kNode: over.kNode, value: seq}
}

// checkEnvMergeEntry warns about an environment entry that process-compose
// drops when it merges files: one whose value holds another "=".
func (r *reader) checkEnvMergeEntry(it *yaml.Node) {
	d := r.deref(it)
	if d.Kind != yaml.ScalarNode || r.envWarned[d] {
		return
	}
	name, value, ok := strings.Cut(d.Value, "=")
	if !ok || name == "" || !strings.Contains(value, "=") {
		return
	}
	if r.envWarned == nil {
		r.envWarned = map[*yaml.Node]bool{}
	}
	r.envWarned[d] = true
	r.diags.Add(r.pos(d), ir.IDEnvMergeDrop,
		fmt.Sprintf("the merge drops %s (its value holds \"=\"); the output keeps it", name),
		"")
}

// isZero reports whether a value is the zero value of its Go type in
// process-compose's structs, which a later file's value never overrides.
func isZero(n *yaml.Node, kind fieldKind) bool {
	if isNull(n) {
		return true
	}
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		return len(n.Content) == 0
	}
	s := n.Value
	if strings.Contains(s, "${") {
		t, _ := scanSubst(s, ir.Pos{})
		s, _ = t.Resolve()
	}
	switch kind {
	case kString:
		return s == ""
	case kBool:
		switch strings.ToLower(s) {
		case "false", "no", "n", "off":
			return true
		}
		return false
	case kInt:
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		return err == nil && v == 0
	}
	switch n.Tag {
	case "!!bool":
		return strings.ToLower(s) == "false"
	case "!!int", "!!float":
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		return err == nil && v == 0
	}
	return s == ""
}
