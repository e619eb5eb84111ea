package rules

import "testing"

// tableActions returns every Actions of Table: the rules' and the images'
// variables, and the aliases of the settings of their programs.
func tableActions() []Actions {
	var out []Actions
	var action func(a Action)
	seen := map[*Program]bool{}
	program := func(p *Program) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		for _, f := range p.Flags {
			action(f.Do)
		}
		action(p.Positional)
		action(p.Other)
	}
	action = func(a Action) {
		if a.Aliases != nil {
			out = append(out, a.Aliases)
		}
		program(a.Program)
	}
	for _, r := range Table {
		out = append(out, r.Env)
		for _, p := range r.Programs {
			program(p)
		}
		for _, im := range r.Images {
			out = append(out, im.Env)
			program(im.Program)
			for _, p := range im.Ports {
				action(p.Port)
				action(p.Listen)
			}
		}
	}
	return out
}

// TestActionsNamesUnique checks that no Actions of Table names a value
// twice, as the map literals they replace could not.
func TestActionsNamesUnique(t *testing.T) {
	for _, as := range tableActions() {
		seen := map[string]bool{}
		for _, a := range as {
			if seen[a.Name] {
				t.Errorf("%q is in an Actions twice", a.Name)
			}
			seen[a.Name] = true
		}
	}
}

// TestActionsGet compares Get with a map of the same actions, for every
// name of every Actions of Table and for names none of them has.
func TestActionsGet(t *testing.T) {
	all := tableActions()
	if len(all) < 20 {
		t.Fatalf("found %d Actions in Table, want at least 20", len(all))
	}
	for _, as := range all {
		m := map[string]Action{}
		for _, a := range as {
			m[a.Name] = a.Action
		}
		names := []string{"", "no-such-name", "PORT"}
		for _, other := range all {
			for _, a := range other {
				names = append(names, a.Name)
			}
		}
		for _, name := range names {
			got, ok := as.Get(name)
			want, wantOK := m[name]
			if ok != wantOK || got.Kind != want.Kind || got.Option != want.Option || got.Why != want.Why || got.Value != want.Value {
				t.Errorf("Get(%q) = %+v, %v; the map has %+v, %v", name, got, ok, want, wantOK)
			}
		}
	}
}
