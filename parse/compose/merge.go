package compose

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// merger merges an override value into a base value at a path.
type merger func(base, over *Value, path []string) *Value

// mergerAt returns compose-go's special merge rule at path, or nil
// (override/merge.go's mergeSpecials).
func mergerAt(path []string) merger {
	n := len(path)
	if n == 3 && path[0] == "networks" && path[2] == "labels" ||
		n == 3 && (path[0] == "volumes" || path[0] == "secrets" || path[0] == "configs") && path[2] == "labels" {
		return mergeKeyValue
	}
	if n == 4 && path[0] == "networks" && path[2] == "ipam" && path[3] == "config" {
		return nil // merged as a list (compose merges by subnet; rare)
	}
	if n < 3 || path[0] != "services" && path[0] != "jobs" {
		return nil
	}
	rest := strings.Join(path[2:], ".")
	switch rest {
	case "annotations", "build.args", "build.additional_contexts", "build.labels", "environment", "labels", "sysctls":
		return mergeKeyValue
	case "build":
		return mergeBuild
	case "build.extra_hosts", "dns", "dns_opt", "dns_search", "env_file", "label_file", "extra_hosts", "tmpfs":
		return mergeToSequence
	case "command", "entrypoint", "healthcheck.test":
		return replace
	case "depends_on":
		return mergeDependsOn
	case "logging":
		return mergeLogging
	case "models", "networks":
		return mergeAsMapping
	}
	if path[0] == "services" && rest == "deploy.labels" {
		return mergeKeyValue
	}
	if n == 4 && path[2] == "ulimits" {
		return mergeUlimit
	}
	if n == 6 && path[2] == "volumes" && path[4] == "volume" && path[5] == "labels" {
		return mergeKeyValue
	}
	return nil
}

// merge merges over into base as compose-go's override.MergeYaml does:
// mappings merge key by key, lists append what they do not hold yet,
// scalars are replaced, and the special rules of mergerAt apply. It may
// reuse and change base.
func merge(base, over *Value, path []string) *Value {
	if m := mergerAt(path); m != nil {
		return m(base, over, path)
	}
	if over == nil {
		return base
	}
	switch base.Kind {
	case KindMap:
		if over.Kind != KindMap {
			return over
		}
		return mergeMappings(base, over, path)
	case KindList:
		if over.Kind != KindList {
			return over
		}
		return appendNew(base, over)
	}
	return over
}

func mergeMappings(base, over *Value, path []string) *Value {
	for _, f := range over.Fields {
		b := base.field(f.Key)
		if b == nil {
			base.Fields = append(base.Fields, f)
			continue
		}
		b.Value = merge(b.Value, f.Value, with(path, f.Key))
		b.KeyPos = f.KeyPos
	}
	return base
}

// appendNew appends the items of over that base does not hold.
func appendNew(base, over *Value) *Value {
	for _, it := range over.Items {
		if !slices.ContainsFunc(base.Items, func(e *Value) bool { return equal(e, it) }) {
			base.Items = append(base.Items, it)
		}
	}
	return base
}

func replace(_, over *Value, _ []string) *Value { return over }

func mergeBuild(base, over *Value, path []string) *Value {
	return mergeMappings(buildMapping(base), buildMapping(over), path)
}

// buildMapping turns build: DIR into build: {context: DIR}.
func buildMapping(v *Value) *Value {
	if v != nil && v.Kind == KindStr {
		m := mapValue(v.Pos)
		m.Fields = []*Field{{Key: "context", KeyPos: v.Pos, Value: v}}
		return m
	}
	if v == nil || v.Kind != KindMap {
		return mapValue(ir.Pos{})
	}
	return v
}

func mergeDependsOn(base, over *Value, path []string) *Value {
	return mergeMappings(toMapping(base, true), toMapping(over, true), path)
}

func mergeAsMapping(base, over *Value, path []string) *Value {
	return mergeMappings(toMapping(base, false), toMapping(over, false), path)
}

// toMapping turns a list of names into a mapping of them (to the
// depends_on defaults when deps), as compose-go's convertIntoMapping does.
func toMapping(v *Value, deps bool) *Value {
	if v == nil || v.Kind == KindNull {
		return mapValue(ir.Pos{})
	}
	entry := func(it *Value) *Field {
		f := &Field{Key: it.String(), KeyPos: it.Pos, Value: &Value{Kind: KindNull, Pos: it.Pos}}
		if deps {
			f.Value = dependsOnDefaults(it.Pos)
		}
		return f
	}
	switch v.Kind {
	case KindMap:
		return v
	case KindStr:
		m := mapValue(v.Pos)
		m.Fields = []*Field{entry(v)}
		return m
	case KindList:
		m := mapValue(v.Pos)
		for _, it := range v.Items {
			m.set(it.String(), it.Pos, entry(it).Value)
		}
		return m
	}
	return v
}

// dependsOnDefaults is {condition: service_started, required: true}.
func dependsOnDefaults(pos ir.Pos) *Value {
	m := mapValue(pos)
	m.Fields = []*Field{
		{Key: "condition", KeyPos: pos, Value: strValue(string(ServiceStarted), pos)},
		{Key: "required", KeyPos: pos, Value: boolValue(true, pos)},
	}
	return m
}

func mergeToSequence(base, over *Value, _ []string) *Value {
	return appendNew(toSequence(base), toSequence(over))
}

func mergeKeyValue(base, over *Value, path []string) *Value {
	b, o := toSequence(base), toSequence(over)
	all := &Value{Kind: KindList, Pos: b.Pos, Items: slices.Concat(b.Items, o.Items)}
	if !all.Pos.IsValid() {
		all.Pos = o.Pos
	}
	return uniqueBy(all, keyValueKey)
}

// toSequence turns a mapping into sorted KEY=VALUE strings (KEY alone for
// a null value), as compose-go's convertIntoSequence does.
func toSequence(v *Value) *Value {
	if v == nil {
		return &Value{Kind: KindList}
	}
	switch v.Kind {
	case KindList:
		return v
	case KindStr:
		return &Value{Kind: KindList, Pos: v.Pos, Items: []*Value{v}}
	case KindMap:
		out := &Value{Kind: KindList, Pos: v.Pos}
		for _, f := range v.Fields {
			switch {
			case f.Value.IsNull():
				out.Items = append(out.Items, keyValueItem(f, nil))
			case f.Value.Kind == KindList:
				for _, it := range f.Value.Items {
					out.Items = append(out.Items, keyValueItem(f, it))
				}
			default:
				out.Items = append(out.Items, keyValueItem(f, f.Value))
			}
		}
		slices.SortStableFunc(out.Items, func(a, b *Value) int { return cmp.Compare(a.Str, b.Str) })
		return out
	}
	return &Value{Kind: KindList, Pos: v.Pos}
}

// keyValueItem makes the KEY=VALUE string of a mapping entry, keeping the
// value's references in its Text.
func keyValueItem(f *Field, val *Value) *Value {
	if val == nil {
		return strValue(f.Key, f.KeyPos)
	}
	s := f.Key + "=" + val.String()
	out := &Value{Kind: KindStr, Str: s, Pos: f.KeyPos}
	out.Text = ir.Text{Pos: val.Pos}
	out.Text.Append(f.Key + "=")
	if val.Kind == KindStr {
		for _, p := range val.Text.Parts {
			if p.Ref != nil {
				out.Text.AppendRef(p.Ref)
			} else {
				out.Text.Append(p.Lit)
			}
		}
	} else {
		out.Text.Append(val.String())
	}
	return out
}

func mergeLogging(base, over *Value, path []string) *Value {
	if base.Kind != KindMap || over.Kind != KindMap {
		return over
	}
	d, b := over.Get("driver"), base.Get("driver")
	if d == nil || b == nil || equal(d, b) {
		return mergeMappings(base, over, path)
	}
	return over
}

func mergeUlimit(base, over *Value, path []string) *Value {
	if base.Kind == KindMap && over.Kind == KindMap {
		return mergeMappings(base, over, path)
	}
	return over
}

// indexer gives the key a list item is unique by.
type indexer func(*Value) string

// uniqueBy keeps one item per key: the last one, at the place of the
// first (compose-go's uniqueEntries).
func uniqueBy(list *Value, key indexer) *Value {
	out := list.Items[:0:0]
	at := map[string]int{}
	for _, it := range list.Items {
		k := key(it)
		if i, ok := at[k]; ok {
			out[i] = it
			continue
		}
		at[k] = len(out)
		out = append(out, it)
	}
	list.Items = out
	return list
}

func keyValueKey(v *Value) string {
	s := v.String()
	k, _, _ := strings.Cut(s, "=")
	return k
}

// uniqueAt returns the indexer compose-go enforces unicity with at path.
func uniqueAt(path []string) indexer {
	if len(path) == 3 && path[0] == "networks" && path[2] == "labels" {
		return keyValueKey
	}
	if len(path) < 3 || path[0] != "services" {
		return nil
	}
	switch strings.Join(path[2:], ".") {
	case "annotations", "build.args", "build.additional_contexts", "build.platform", "build.tags", "build.labels",
		"cap_add", "cap_drop", "deploy.labels", "dns", "dns_opt", "dns_search", "environment", "labels",
		"links", "profiles", "sysctls", "tmpfs":
		return keyValueKey
	case "configs":
		return mountKey("")
	case "secrets":
		return mountKey("/run/secrets")
	case "devices":
		return deviceKey
	case "env_file":
		return envFileKey
	case "expose":
		return func(v *Value) string { return v.String() }
	case "ports":
		return portKey
	case "volumes":
		return volumeKey
	}
	if len(path) == 5 && path[2] == "networks" && (path[4] == "aliases" || path[4] == "link_local_ips") {
		return keyValueKey
	}
	if len(path) == 4 && path[2] == "networks" && path[3] == "ipam.options" {
		return keyValueKey
	}
	return nil
}

// enforceUnicity removes repeated list items where compose-go does.
func enforceUnicity(v *Value, path []string) {
	switch v.Kind {
	case KindMap:
		for _, f := range v.Fields {
			enforceUnicity(f.Value, with(path, f.Key))
		}
	case KindList:
		if key := uniqueAt(path); key != nil {
			uniqueBy(v, key)
		}
	}
}

func mountKey(prefix string) indexer {
	return func(v *Value) string {
		switch v.Kind {
		case KindMap:
			if t := v.Get("target"); t != nil {
				return t.String()
			}
			return prefix + "/" + v.Get("source").String()
		}
		return prefix + "/" + v.String()
	}
}

func deviceKey(v *Value) string {
	if v.Kind == KindMap {
		return v.Get("target").String()
	}
	parts := strings.Split(v.String(), ":")
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[1]
}

func envFileKey(v *Value) string {
	if v.Kind == KindMap {
		return v.Get("path").String()
	}
	return v.String()
}

func portKey(v *Value) string {
	if v.Kind != KindMap {
		return v.String()
	}
	host := "0.0.0.0"
	if h := v.Get("host_ip"); h != nil {
		host = h.String()
	}
	proto := "tcp"
	if p := v.Get("protocol"); p != nil {
		proto = p.String()
	}
	pub := "%!s(<nil>)"
	if p := v.Get("published"); p != nil {
		pub = p.String()
	}
	return fmt.Sprintf("%s:%s:%s/%s", host, pub, v.Get("target").String(), proto)
}

func volumeKey(v *Value) string {
	if v.Kind == KindMap {
		return v.Get("target").String()
	}
	vol, err := parseVolume(v.String())
	if err != nil {
		return v.String()
	}
	return vol.target
}
