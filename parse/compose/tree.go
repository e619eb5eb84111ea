package compose

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// listItem is the path component of a list item, as compose-go's tree
// paths write it.
const listItem = "[]"

// match reports whether path matches pattern, component by component,
// where "*" in pattern matches any one component (compose-go's
// tree.Path.Matches).
func match(path []string, pattern ...string) bool {
	if len(path) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != path[i] {
			return false
		}
	}
	return true
}

// with returns path extended by one component, without sharing storage.
func with(path []string, next string) []string {
	p := make([]string, len(path)+1)
	copy(p, path)
	p[len(path)] = next
	return p
}

// resetPath is a place a !reset or !override tag names.
type resetPath struct {
	path     []string
	override bool
	// keyPos is the position of the key whose value is !reset, when a
	// mapping's value is reset.
	keyPos ir.Pos
}

// docReader turns one YAML document of one file into a Value tree: aliases
// expanded, "<<" merge keys applied as YAML's merge key type defines them,
// !reset values dropped and !reset and !override places recorded, and
// every string interpolated (unless interpolation is off) and cast where
// compose-go casts it.
type docReader struct {
	file   string
	lookup lookupFunc
	// interpolate is false where compose-go does not interpolate.
	interpolate bool
	diags       *ir.Diagnostics
	resets      []resetPath
	// unset collects the variables read without value or default.
	unset map[string]ir.Pos
	// required collects the failing ${V:?message} references.
	required []requiredAt
	visits   int
}

// requiredAt is a failing ${V:?message} with its place.
type requiredAt struct {
	requiredVar
	pos ir.Pos
}

func (r *docReader) pos(n *yaml.Node) ir.Pos {
	return ir.Pos{File: r.file, Line: n.Line, Col: n.Column}
}

func (r *docReader) errorf(n *yaml.Node, id ir.ID, format string, args ...any) {
	r.diags.Addf(r.pos(n), id, format, args...)
}

// convert returns n's value at path, or nil when a !reset drops it.
func (r *docReader) convert(n *yaml.Node, path []string) *Value {
	r.visits++
	if r.visits > maxVisits {
		panic(errTooLarge)
	}
	switch n.Tag {
	case "!reset":
		r.resets = append(r.resets, resetPath{path: path})
		return nil
	case "!override":
		r.resets = append(r.resets, resetPath{path: path, override: true})
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return &Value{Kind: KindNull, Pos: r.pos(n)}
		}
		return r.convert(n.Alias, path)
	case yaml.MappingNode:
		return r.mapping(n, path)
	case yaml.SequenceNode:
		v := &Value{Kind: KindList, Pos: r.pos(n), Items: make([]*Value, 0, len(n.Content))}
		next := with(path, listItem)
		for _, c := range n.Content {
			if it := r.convert(c, next); it != nil {
				v.Items = append(v.Items, it)
			}
		}
		return v
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return r.convert(n.Content[0], path)
	}
	return r.scalar(n, path)
}

// mapping converts a mapping node: its own keys first win over merged
// ones, and among merged mappings the earlier ones win.
func (r *docReader) mapping(n *yaml.Node, path []string) *Value {
	v := &Value{Kind: KindMap, Pos: r.pos(n)}
	seen := make(map[string]int, len(n.Content)/2)
	var merge *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		for k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if line, dup := seen[k.Value]; dup && k.Kind == yaml.ScalarNode {
			r.diags.AddRelated(r.pos(k), ir.IDComposeYAML, fmt.Sprintf("the key %s is defined twice; docker compose refuses the file", quoteKey(k.Value)), "",
				ir.Pos{File: r.file, Line: line}, "it is first defined here")
			continue
		}
		seen[k.Value] = k.Line
		if k.Tag == "!!merge" {
			merge = n.Content[i+1]
			continue
		}
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" && k.Tag != "!reset" && k.Tag != "!override" {
			r.errorf(k, ir.IDComposeType, "a key must be a string, not %s; docker compose refuses the file", describeNode(k))
			continue
		}
		val := r.convert(n.Content[i+1], with(path, k.Value))
		if val == nil {
			if j := len(r.resets) - 1; j >= 0 && slices.Equal(r.resets[j].path, with(path, k.Value)) {
				r.resets[j].keyPos = r.pos(k)
			}
			continue
		}
		v.Fields = append(v.Fields, &Field{Key: k.Value, KeyPos: r.pos(k), Value: val})
	}
	if merge == nil {
		return v
	}
	var sources []*yaml.Node
	m := merge
	for m.Kind == yaml.AliasNode && m.Alias != nil {
		m = m.Alias
	}
	switch m.Kind {
	case yaml.MappingNode:
		sources = []*yaml.Node{m}
	case yaml.SequenceNode:
		sources = m.Content
	default:
		r.errorf(merge, ir.IDComposeYAML, "a << merge key needs a mapping or a list of mappings, not %s", describeNode(m))
		return v
	}
	for _, s := range sources {
		t := s
		for t.Kind == yaml.AliasNode && t.Alias != nil {
			t = t.Alias
		}
		if t.Kind != yaml.MappingNode {
			r.errorf(s, ir.IDComposeYAML, "a << merge key needs a mapping or a list of mappings, not %s", describeNode(t))
			continue
		}
		mv := r.convert(s, path)
		if mv == nil {
			continue
		}
		for _, f := range mv.Fields {
			if v.field(f.Key) != nil {
				continue
			}
			v.Fields = append(v.Fields, f)
		}
	}
	return v
}

// scalar converts a scalar node, interpolating strings.
func (r *docReader) scalar(n *yaml.Node, path []string) *Value {
	pos := r.pos(n)
	v := &Value{Pos: pos, raw: n.Value}
	switch n.Tag {
	case "!!null":
		v.Kind = KindNull
		return v
	case "!!bool":
		v.Kind, v.Num = KindBool, strings.EqualFold(n.Value, "true")
		return v
	case "!!int", "!!float", "!!timestamp":
		var x any
		if err := n.Decode(&x); err == nil && x != nil {
			v.Num = x
			switch x.(type) {
			case float64:
				v.Kind = KindFloat
			case int, int64, uint64:
				v.Kind = KindInt
			default:
				v.Kind = KindTime
			}
			return v
		}
	case "!!binary":
		var s string
		if err := n.Decode(&s); err == nil {
			return strValue(s, pos)
		}
	}
	v.Kind = KindStr
	if !r.interpolate {
		v.Str, v.Text = n.Value, ir.Plain(n.Value, pos)
		return r.cast(v, path)
	}
	sub := interpolate(n.Value, r.lookup, pos)
	v.Str, v.Text = sub.value, sub.text
	if sub.invalid != "" {
		r.diags.Add(pos, ir.IDComposeBadTemplate,
			fmt.Sprintf("invalid interpolation in %q; docker compose refuses the file", strings.TrimSpace(sub.invalid)),
			"write $$ for a literal $")
	}
	for _, name := range sub.unset {
		if _, ok := r.unset[name]; !ok {
			r.unset[name] = pos
		}
	}
	for _, req := range sub.required {
		r.required = append(r.required, requiredAt{req, pos})
	}
	return r.cast(v, path)
}

// cast converts a string to the type compose-go casts it to at path.
func (r *docReader) cast(v *Value, path []string) *Value {
	to := castAt(path)
	if to == "" {
		return v
	}
	s := v.Str
	var x any
	var err error
	kind := KindInt
	switch to {
	case "bool":
		kind = KindBool
		switch strings.ToLower(s) {
		case "true", "y", "yes", "on":
			x = true
		case "false", "n", "no", "off":
			x = false
		default:
			err = fmt.Errorf("invalid boolean: %s", s)
		}
	case "int":
		var n int64
		n, err = strconv.ParseInt(s, 10, 0)
		x = int(n)
	case "int64":
		x, err = strconv.ParseInt(s, 10, 64)
	case "uint":
		x, err = strconv.ParseUint(s, 0, 32)
	case "float", "float32":
		kind = KindFloat
		x, err = strconv.ParseFloat(s, map[string]int{"float": 64, "float32": 32}[to])
	}
	if err != nil {
		if unset := v.unsetRefs(r.lookup); len(unset) > 0 {
			r.diags.Add(v.Pos, ir.IDComposeEmptyValue,
				fmt.Sprintf("%s is %q because %s is not set in .env; docker compose refuses a value that is not a %s", strings.Join(path, "."), s, strings.Join(unset, ", "), castName(to)),
				"set "+strings.Join(unset, ", ")+" in .env or give a default")
		} else {
			r.diags.Add(v.Pos, ir.IDComposeType,
				fmt.Sprintf("%s must be a %s, not %q; docker compose refuses the file", strings.Join(path, "."), castName(to), s), "")
		}
		return v
	}
	v.Kind, v.Num = kind, x
	return v
}

// unsetRefs names the variables v references that lookup does not know.
func (v *Value) unsetRefs(lookup lookupFunc) []string {
	var out []string
	for _, ref := range v.Text.Refs() {
		if _, ok := lookup(ref.Name); !ok {
			out = append(out, ref.Name)
		}
	}
	return out
}

func castName(to string) string {
	switch to {
	case "bool":
		return "boolean"
	case "float", "float32":
		return "number"
	}
	return "whole number"
}

// castAt returns the type compose-go casts a string at path to, or "".
func castAt(path []string) string {
	n := len(path)
	if n < 2 {
		return ""
	}
	switch path[0] {
	case "networks":
		if n == 3 {
			switch path[2] {
			case "external", "internal", "attachable", "enable_ipv4", "enable_ipv6":
				return "bool"
			}
		}
		return ""
	case "volumes", "secrets", "configs":
		if n == 3 && path[2] == "external" {
			return "bool"
		}
		return ""
	case "services", "jobs":
	default:
		return ""
	}
	rest := path[2:]
	switch len(rest) {
	case 1:
		switch rest[0] {
		case "cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "oom_score_adj", "pids_limit":
			return "int64"
		case "cpu_percent":
			return "float"
		case "cpus":
			return "float32"
		case "init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty":
			return "bool"
		case "umask":
			return "uint"
		case "scale":
			if path[0] == "services" {
				return "int"
			}
		}
	case 2:
		switch {
		case rest[0] == "ulimits":
			return "int"
		case rest[0] == "healthcheck" && rest[1] == "retries":
			return "int"
		case rest[0] == "healthcheck" && rest[1] == "disable":
			return "bool"
		case rest[0] == "deploy" && rest[1] == "replicas" && path[0] == "services":
			return "int"
		}
	case 3:
		switch {
		case rest[0] == "ulimits" && (rest[2] == "hard" || rest[2] == "soft"):
			return "int"
		case rest[0] == "networks" && rest[2] == "use_service_name_alias":
			return "bool"
		case rest[0] == "volumes" && rest[1] == listItem && rest[2] == "read_only":
			return "bool"
		case rest[0] == "depends_on" && (rest[2] == "required" || rest[2] == "restart"):
			return "bool"
		case rest[0] == "ports" && rest[1] == listItem && rest[2] == "target":
			return "int"
		case path[0] == "services" && rest[0] == "deploy":
			switch rest[1] + "." + rest[2] {
			case "update_config.parallelism", "rollback_config.parallelism", "restart_policy.max_attempts", "placement.max_replicas_per_node":
				return "int"
			case "update_config.max_failure_ratio", "rollback_config.max_failure_ratio":
				return "float"
			}
		}
	case 4:
		if rest[0] == "volumes" && rest[1] == listItem && rest[2] == "volume" && rest[3] == "nocopy" {
			return "bool"
		}
	}
	return ""
}

// describeNode names the type of a YAML node for messages.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "null"
	case "!!bool":
		return "a boolean (" + n.Value + ")"
	case "!!int", "!!float":
		return "a number (" + n.Value + ")"
	}
	return fmt.Sprintf("%q", n.Value)
}
