package convert

import (
	"slices"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
)

// checkTODOs checks a result's TODOs against its output: each names a
// line that is its comment, and every comment line of the output that
// starts with the TODO prefix is one of them.
func checkTODOs(t *testing.T, tg emit.Target, res *Result) {
	t.Helper()
	lines := strings.Split(string(res.Output), "\n")
	for _, td := range res.TODOs {
		first, _, _ := strings.Cut(td.Text, "\n")
		if td.Line < 1 || td.Line > len(lines) || strings.TrimSpace(lines[td.Line-1]) != strings.TrimSpace("# "+TODOPrefix+first) {
			t.Errorf("%s: TODO %q is not at line %d of the output", tg, td.Text, td.Line)
		}
	}
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "# "+TODOPrefix) {
			n++
		}
	}
	if n != len(res.TODOs) {
		t.Errorf("%s: the output has %d TODO lines, the result %d", tg, n, len(res.TODOs))
	}
}

// checkDefined checks a result's list of definitions against the output as
// Nix evaluates it (v): each is defined there, and every service, task,
// script and process with a command of the output is in the list once.
func checkDefined(t *testing.T, tg emit.Target, res *Result, v map[string]any) {
	t.Helper()
	sections := map[emit.DefKind]string{emit.DefService: "services", emit.DefProcess: "processes", emit.DefTask: "tasks", emit.DefScript: "scripts"}
	listed := map[string]int{}
	for _, d := range res.Defined {
		path := append([]string{sections[d.Kind]}, d.Name)
		if d.Kind == emit.DefService {
			path = append([]string{"services"}, strings.Split(d.Name, ".")...)
		}
		if lookupPath(v, path) == nil {
			t.Errorf("%s: %s %q (from %q) is not in the output", tg, d.Kind, d.Name, d.Source)
		}
		if d.Source == "" || d.Pos.Line == 0 && d.Pos.File == "" {
			t.Errorf("%s: %s %q: no source name or position: %+v", tg, d.Kind, d.Name, d)
		}
		listed[strings.Join(path, ".")]++
	}
	for key, n := range listed {
		if n > 1 {
			t.Errorf("%s: %s listed %d times", tg, key, n)
		}
	}
	for _, section := range []string{"processes", "tasks", "scripts", "services"} {
		set, _ := v[section].(map[string]any)
		for _, name := range slices.Sorted(mapKeys(set)) {
			attrs, _ := set[name].(map[string]any)
			switch {
			case section == "processes" && attrs["exec"] == nil:
				continue // a service's process: the service is listed
			case section == "services" && attrs["enable"] == nil:
				// services.a.b: the service is one level down.
				for sub := range attrs {
					if listed["services."+name+"."+sub] == 0 {
						t.Errorf("%s: services.%s.%s is not listed", tg, name, sub)
					}
				}
				continue
			}
			if listed[section+"."+name] == 0 {
				t.Errorf("%s: %s.%s is not listed", tg, section, name)
			}
		}
	}
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// lookupPath returns the value at path in v, or nil.
func lookupPath(v map[string]any, path []string) any {
	var cur any = v
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

// TestTODOsInStrings checks that a command holding a line that looks like
// a TODO comment is not taken for one: only the printer's comments are.
func TestTODOsInStrings(t *testing.T) {
	src := "processes:\n  web:\n    command: |\n      # " + TODOPrefix + "not one\n      run\n    is_tty: true\n"
	res := Source("process-compose.yml", []byte(src), "process-compose", Options{})
	if res.Output == nil {
		t.Fatalf("not converted: %v", res.Diagnostics)
	}
	if len(res.TODOs) != 1 || !strings.HasPrefix(res.TODOs[0].Text, "is_tty") {
		t.Errorf("TODOs %+v, want the one of is_tty; output:\n%s", res.TODOs, res.Output)
	}
}
