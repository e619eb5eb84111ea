package pcmodel

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	yaml "go.yaml.in/yaml/v4"
)

// This file holds the model's view of decoded YAML: maps, lists, strings
// and scalars, with process-compose's merge rules.

func mergeTop(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	for k, bv := range b {
		switch k {
		case "processes":
			ap, _ := out[k].(map[string]any)
			bp, _ := bv.(map[string]any)
			merged := maps.Clone(ap)
			if merged == nil {
				merged = map[string]any{}
			}
			for name, p := range bp {
				pm, _ := p.(map[string]any)
				if old, ok := merged[name].(map[string]any); ok {
					merged[name] = mergeProc(old, pm)
				} else {
					merged[name] = pm
				}
			}
			out[k] = merged
		case "environment":
			out[k] = mergeEnv(out[k], bv)
		default:
			out[k] = merge(out[k], bv)
		}
	}
	return out
}

func mergeProc(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	for k, bv := range b {
		switch k {
		case "environment":
			out[k] = mergeEnv(out[k], bv)
		case "depends_on":
			am, _ := out[k].(map[string]any)
			bm, _ := bv.(map[string]any)
			m := maps.Clone(am)
			if m == nil {
				m = map[string]any{}
			}
			maps.Copy(m, bm)
			out[k] = m
		case "namespace":
			if !zero(bv) {
				out[k] = bv
			}
		case "command", "working_dir", "description", "log_location", "extends", "env_file", "is_disabled":
			// String fields: "0" is not zero, though YAML reads a number.
			if String(bv) != "" {
				out[k] = bv
			}
		default:
			out[k] = merge(out[k], bv)
		}
	}
	return out
}

// mergeEnv merges KEY=VALUE lists by key, later entries winning.
func mergeEnv(a, b any) any {
	if a == nil {
		return b
	}
	var order []string
	vals := map[string]string{}
	inA := map[string]bool{}
	for i, e := range append(list(a), list(b)...) {
		s := String(e)
		k, v, ok := cutEnv(s)
		if !ok {
			continue
		}
		_, dup := vals[k]
		if !dup {
			order = append(order, k)
		}
		if i >= len(list(a)) && inA[k] && v == "" {
			continue // an empty value never wins over an earlier file's
		}
		inA[k] = i < len(list(a))
		vals[k] = s
	}
	var out []any
	for _, k := range order {
		out = append(out, vals[k])
	}
	return out
}

// merge merges generic values: maps deeply, lists appended, scalars
// replaced unless the later one is zero.
func merge(a, b any) any {
	if zero(b) {
		if a == nil {
			return b
		}
		return a
	}
	switch bv := b.(type) {
	case map[string]any:
		am, ok := a.(map[string]any)
		if !ok {
			return b
		}
		out := maps.Clone(am)
		for k, v := range bv {
			out[k] = merge(out[k], v)
		}
		return out
	case []any:
		al, ok := a.([]any)
		if !ok {
			return b
		}
		return append(slices.Clone(al), bv...)
	}
	return b
}

// scalar is a YAML scalar that is not a string: its text, which a string
// field gets (process-compose's decoder gives "00" to a string field, not
// "0"), and its value, for the fields of other types.
type scalar struct {
	text string
	val  any
}

// value converts a YAML node into maps, lists, strings and scalars, with
// aliases and "<<" merge keys resolved (keys of the mapping itself win,
// then earlier merged mappings).
func value(n *yaml.Node, depth int) any {
	if n == nil || depth > 200 {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return value(n.Content[0], depth+1)
	case yaml.AliasNode:
		return value(n.Alias, depth+1)
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, value(c, depth+1))
		}
		return l
	case yaml.MappingNode:
		m := map[string]any{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			m[k.Value] = value(v, depth+1)
		}
		for _, v := range merges {
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			srcs := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				srcs = v.Content
			}
			for _, s := range srcs {
				sm, _ := value(s, depth+1).(map[string]any)
				for k, x := range sm {
					if _, set := m[k]; !set {
						m[k] = x
					}
				}
			}
		}
		return m
	}
	switch n.Tag {
	case "!!str", "!!binary", "":
		return n.Value
	case "!!null":
		return nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	return scalar{text: n.Value, val: v}
}

// plain returns v with its scalars as their values, as process-compose's
// vars (a map of any) hold them.
func plain(v any) any {
	switch v := v.(type) {
	case scalar:
		return v.val
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = plain(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	}
	return v
}

// String returns a decoded value as a string field of process-compose
// gets it: a string, or the text of another scalar.
func String(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case scalar:
		return v.text
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// boolean returns a value as a bool field gets it.
func boolean(v any) bool {
	if s, ok := v.(scalar); ok {
		b, _ := s.val.(bool)
		return b
	}
	return false
}

func zero(v any) bool {
	if s, ok := v.(scalar); ok {
		v = s.val
	}
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case int:
		return v == 0
	case float64:
		return v == 0
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func mapping(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// integer returns a value as an int field gets it, and whether it is one.
func integer(v any) (int, bool) {
	if s, ok := v.(scalar); ok {
		v = s.val
	}
	switch v := v.(type) {
	case int:
		return v, true
	case string:
		n, err := strconv.Atoi(v)
		return n, err == nil
	}
	return 0, false
}
