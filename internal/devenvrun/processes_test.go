package devenvrun_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/internal/devenvrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

func TestMain(m *testing.M) { os.Exit(stubs.Main(m)) }

// start runs module's processes with the stubs of programs, until they
// settle, then stops them.
func start(t *testing.T, module map[string]any, manager string, programs ...string) (*procrun.Record, error) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	cfg, err := devenvrun.Decode(module)
	if err != nil {
		t.Fatal(err)
	}
	var progs []stubs.Program
	for _, p := range programs {
		progs = append(progs, stubs.Program{Name: p})
	}
	progs = append(progs, stubs.Program{Name: "sleep", Sleep: true})
	s := stubs.New(t, progs...)
	root := t.TempDir()
	run := procrun.New(s)
	// Dependents first, so that a missing wait shows.
	prio := func(l string) int { return -len(l) }
	m, err := cfg.StartProcesses(run, devenvrun.Options{Root: root, Environ: []string{"PATH=" + s.PATH(os.Getenv("PATH"))}, Bash: bash, Scripts: t.TempDir(), Manager: manager, Priority: prio})
	if err != nil {
		return nil, err
	}
	if err := run.Settle(20*time.Second, m.Idle); err != nil {
		t.Fatal(err)
	}
	m.Stop()
	return run.Result()
}

// steps returns a record's timeline as "kind label" strings.
func steps(rec *procrun.Record) []string {
	var out []string
	for _, s := range rec.Steps {
		out = append(out, string(s.Kind)+" "+s.Label)
	}
	return out
}

func TestNativeOrder(t *testing.T) {
	module := map[string]any{
		"processes": map[string]any{
			"db":  map[string]any{"exec": "pg", "ready": map[string]any{"exec": "check"}},
			"api": map[string]any{"exec": "api", "after": []any{"devenv:processes:db", "init:schema"}},
		},
		"tasks": map[string]any{"init:schema": map[string]any{"exec": "migrate", "after": []any{"devenv:processes:db@started"}}},
	}
	rec, err := start(t, module, "", "pg", "check", "api", "migrate")
	if err != nil {
		t.Fatal(err)
	}
	got := steps(rec)
	idx := func(s string) int { return slices.Index(got, s) }
	if !(idx("started db") < idx("started init:schema") && idx("ready db") < idx("started api") && idx("exited init:schema") < idx("started api")) {
		t.Errorf("timeline %q: api must wait for db's readiness and the task, the task for db's start", got)
	}
	var calls []string
	for _, c := range rec.Calls {
		calls = append(calls, c.Name)
	}
	slices.Sort(calls)
	if diff := cmp.Diff([]string{"api", "check", "migrate", "pg"}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestNativeRefusesReadyWithoutCheck(t *testing.T) {
	module := map[string]any{"processes": map[string]any{
		"db":  map[string]any{"exec": "pg"},
		"api": map[string]any{"exec": "api", "after": []any{"devenv:processes:db"}},
	}}
	_, err := start(t, module, "", "pg", "api")
	var refused *devenvrun.Refused
	if !errors.As(err, &refused) {
		t.Fatalf("err = %v, want a refusal: db has no readiness check", err)
	}
	module["processes"].(map[string]any)["api"].(map[string]any)["after"] = []any{"devenv:processes:db@started"}
	if _, err := start(t, module, "", "pg", "api"); err != nil {
		t.Errorf("@started: %v", err)
	}
}

// TestProcessComposeDaemon runs a daemon passed through to
// process-compose: it counts as running once its command exits 0, and
// its shutdown command runs at stop, in its working directory.
func TestProcessComposeDaemon(t *testing.T) {
	module := map[string]any{"processes": map[string]any{
		"db": map[string]any{"exec": "pgctl start", "process-compose": map[string]any{
			"is_daemon": true, "working_dir": ".", "shutdown": map[string]any{"command": "pgctl stop"},
		}},
		"web": map[string]any{"exec": "web", "process-compose": map[string]any{"depends_on": map[string]any{"db": map[string]any{"condition": "process_started"}}}},
	}}
	rec, err := start(t, module, "process-compose", "pgctl", "web")
	if err != nil {
		t.Fatal(err)
	}
	got := steps(rec)
	if !slices.Contains(got, "detached db") {
		t.Errorf("timeline %q: db is not running as a daemon", got)
	}
	var args [][]string
	for _, c := range rec.Calls {
		if c.Name == "pgctl" {
			args = append(args, c.Args)
		}
	}
	if diff := cmp.Diff([][]string{{"start"}, {"stop"}}, args); diff != "" {
		t.Errorf("pgctl calls (-want +got):\n%s", diff)
	}
}

// TestNativeTasksConcurrent checks that devenv up runs the tasks a
// process waits for as devenv-tasks does: those that can run at the same
// time run at once (each of these two succeeds only when it meets the
// other).
func TestNativeTasksConcurrent(t *testing.T) {
	meet := func(me, other string) map[string]any {
		return map[string]any{"exec": "touch " + me + ".here\nuntil [ -e " + other + ".here ]; do (( SECONDS < 5 )) || exit 1; done"}
	}
	module := map[string]any{
		"processes": map[string]any{"web": map[string]any{"exec": "web", "after": []any{"setup:a", "setup:b"}}},
		"tasks":     map[string]any{"setup:a": meet("a", "b"), "setup:b": meet("b", "a")},
	}
	rec, err := start(t, module, "", "web")
	if err != nil {
		t.Fatal(err)
	}
	var exits []string
	for _, s := range rec.Steps {
		if s.Kind == procrun.Exited && strings.HasPrefix(s.Label, "setup:") {
			exits = append(exits, fmt.Sprintf("%s %d", s.Label, s.Status))
		}
	}
	slices.Sort(exits)
	if diff := cmp.Diff([]string{"setup:a 0", "setup:b 0"}, exits); diff != "" {
		t.Errorf("task exits (-want +got):\n%s", diff)
	}
	if !slices.Contains(steps(rec), "started web") {
		t.Errorf("timeline %q: web did not start", steps(rec))
	}
}
