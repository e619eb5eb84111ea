package devenvopts

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	o, err := Load("../../../shared/reference/devenv-options.json")
	if err != nil {
		t.Skipf("devenv option list not available: %v", err)
	}
	module := map[string]any{
		"env": map[string]any{"ANYTHING": "goes"},
		"processes": map[string]any{
			"web.1": map[string]any{
				"exec":            "x",
				"restart":         map[string]any{"on": "never", "max": nil},
				"ports":           map[string]any{"http": map[string]any{"allocate": 5000.0}},
				"process-compose": map[string]any{"anything": map[string]any{"deep": true}},
				"bogus":           true,
				"shutdown":        map[string]any{"signal": 2.0},
			},
		},
		"services": map[string]any{
			"postgres": map[string]any{
				"enable":           true,
				"initialDatabases": []any{map[string]any{"name": "db", "nope": 1.0}},
			},
		},
		"tasks": map[string]any{"pc:init": map[string]any{"exec": "x", "after": []any{"a"}}},
	}
	got := o.Check(module, true)
	want := []string{
		"processes.web.1.bogus: no devenv option processes.<name>.bogus",
		"processes.web.1.shutdown: option processes.<name>.shutdown is not in devenv 2.2.2",
		"services.postgres.initialDatabases.0.nope: no devenv option services.postgres.initialDatabases.*.nope",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := o.Check(map[string]any{"processes": map[string]any{"x": map[string]any{"shutdown": map[string]any{"signal": 2.0}}}}, false); len(got) != 0 {
		t.Errorf("unreleased options reported when not asked: %v", got)
	}
}
