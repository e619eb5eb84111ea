package processcompose

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// environment reads a list of KEY=VALUE entries, split at the first "=",
// or, leniently and with a warning, a mapping, which process-compose
// refuses.
func (r *reader) environment(n *yaml.Node, k ir.Path, where string) []ir.EnvVar {
	n = r.deref(n)
	var env []ir.EnvVar
	if n.Kind == yaml.MappingNode {
		r.diags.Add(r.pos(n), ir.IDEnvMap,
			where+" is a mapping, not a list of KEY=VALUE",
			"")
		m, _ := r.mapping(n, where)
		for _, e := range m {
			r.record(r.name(k, e.key), e.kNode, e.value, false)
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
	if len(items) > 0 {
		env = make([]ir.EnvVar, 0, len(items))
	}
	entryWhat := r.names.join("an entry of ", where)
	for _, it := range items {
		it = r.deref(it)
		s, ok := r.scalar(it, entryWhat)
		if !ok {
			continue
		}
		pos := r.pos(it)
		name, value, found := strings.Cut(s, "=")
		if !found || name == "" {
			r.diags.Add(pos, ir.IDEnvEntry,
				fmt.Sprintf("environment entry %q has no %s; it is skipped", s, map[bool]string{true: "name", false: `"=" between name and value`}[found]),
				"write NAME=VALUE")
			continue
		}
		r.record(r.name(k, name), it, it, false)
		// The value starts after "NAME=": keep its column for messages.
		vpos := pos
		if it.Style == 0 {
			vpos.Col += len(name) + 1
		}
		env = append(env, r.envVar(name, value, pos, vpos))
	}
	if len(env) == 0 {
		return nil // as without the room made for the entries
	}
	return env
}

// envVar reads one environment value, warning about $VAR forms that
// process-compose passes on as text.
func (r *reader) envVar(name, value string, pos, vpos ir.Pos) ir.EnvVar {
	t := r.substText(value, vpos)
	if r.expands(vpos.File) {
		for _, v := range bareVars(t) {
			r.diags.Add(vpos, ir.IDBareVar,
				fmt.Sprintf("the value of %s holds $%s, which stays text", name, v),
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
			for j < len(s) && sourcecheck.IsNameByte(s[j]) {
				j++
			}
			names = append(names, s[i+1:j])
			i = j - 1
		}
	}
	return names
}
