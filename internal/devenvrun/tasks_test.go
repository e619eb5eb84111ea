package devenvrun

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func str(s string) *string { return &s }

// logTask is a task that appends its name to log.txt.
func logTask(name string, after ...string) Task {
	return Task{Exec: str("echo " + name + " >> log.txt"), After: after}
}

func readLog(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "log.txt"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

func runIn(t *testing.T, cfg *Config, names []string, opts Options) (*RunResult, string) {
	t.Helper()
	dir := t.TempDir()
	opts.Root = dir
	if opts.Environ == nil {
		opts.Environ = []string{"PATH=" + os.Getenv("PATH")}
	}
	res, err := RunTasks(context.Background(), cfg, names, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res, dir
}

func TestRunTasksModes(t *testing.T) {
	cfg := &Config{Tasks: map[string]Task{
		"ns:a": logTask("a"),
		"ns:b": logTask("b", "ns:a"),
		"ns:c": logTask("c", "ns:b"),
		"ns:d": {Exec: str("echo d >> log.txt"), Before: []string{"ns:b"}},
		"x:e":  logTask("e"),
	}}
	tests := []struct {
		names []string
		mode  Mode
		want  []string
	}{
		{[]string{"ns:b"}, "", []string{"a", "b", "d"}},
		{[]string{"ns:b"}, ModeBefore, []string{"a", "b", "d"}},
		{[]string{"ns:b"}, ModeSingle, []string{"b"}},
		{[]string{"ns:b"}, ModeAfter, []string{"b", "c"}},
		{[]string{"ns:b"}, ModeAll, []string{"a", "b", "c", "d"}},
		{[]string{"ns"}, "", []string{"a", "b", "c", "d"}},
		{[]string{"ns:c", "x:e"}, "", []string{"a", "b", "c", "d", "e"}},
	}
	for _, tt := range tests {
		_, dir := runIn(t, cfg, tt.names, Options{Mode: tt.mode, Parallel: 1})
		got := readLog(t, dir)
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v --mode %q ran (-want +got):\n%s", tt.names, tt.mode, diff)
		}
	}
}

// TestRunTasksSchedules checks that seeds give the schedules devenv could
// choose: every order that respects the edges, and only those.
func TestRunTasksSchedules(t *testing.T) {
	cfg := &Config{Tasks: map[string]Task{
		"t:all": logTask("all", "t:a", "t:b", "t:c"),
		"t:a":   logTask("a"),
		"t:b":   logTask("b", "t:a"),
		"t:c":   logTask("c"),
	}}
	seen := map[string]bool{}
	for seed := uint64(0); seed < 20; seed++ {
		res, dir := runIn(t, cfg, []string{"t:all"}, Options{Parallel: 1, Seed: seed})
		got := readLog(t, dir)
		if len(got) != 4 || got[3] != "all" || slices.Index(got, "a") > slices.Index(got, "b") {
			t.Errorf("seed %d: order %v breaks an edge", seed, got)
		}
		if diff := cmp.Diff(res.Order(), prefixed("t:", got)); diff != "" {
			t.Errorf("seed %d: Order() differs from the log (-order +log):\n%s", seed, diff)
		}
		seen[strings.Join(got, " ")] = true
	}
	// a b c all, a c b all, c a b all.
	if len(seen) != 3 {
		t.Errorf("20 seeds gave %d orders, want all 3: %v", len(seen), seen)
	}
}

func prefixed(p string, names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, p+n)
	}
	return out
}

// rendezvous is a task that announces itself and waits (a bounded
// number of tries) for the other task to announce itself: both succeed
// only when they run at the same time.
func rendezvous(me, other string, tries int, after ...string) Task {
	return Task{Exec: str(`touch ` + me + `.here
for i in $(seq 1 ` + strconv.Itoa(tries) + `); do [ -e ` + other + `.here ] && exit 0; sleep 0.01; done
exit 1`), After: after}
}

func TestRunTasksConcurrent(t *testing.T) {
	cfg := &Config{Tasks: map[string]Task{
		"t:a": rendezvous("a", "b", 1000),
		"t:b": rendezvous("b", "a", 1000),
		// c waits only for a to start, so it meets a while a waits for b.
		"t:c": rendezvous("c", "a", 1000, "t:a@started"),
	}}
	res, _ := runIn(t, cfg, []string{"t:a", "t:b", "t:c"}, Options{})
	if res.Failed() {
		t.Errorf("independent tasks did not run at the same time: %+v", res.Tasks)
	}
	// One at a time, the first gives up waiting for the second.
	cfg.Tasks["t:a"] = rendezvous("a", "b", 20)
	cfg.Tasks["t:b"] = rendezvous("b", "a", 20)
	res, _ = runIn(t, cfg, []string{"t:a", "t:b"}, Options{Parallel: 1})
	if !res.Failed() {
		t.Errorf("with Parallel 1, two tasks ran at the same time: %+v", res.Tasks)
	}
}

func TestRunTasksFailure(t *testing.T) {
	cfg := &Config{Tasks: map[string]Task{
		"t:fails":   {Exec: str("echo one >> log.txt\nfalse\necho two >> log.txt")},
		"t:needs":   logTask("needs", "t:fails"),
		"t:soft":    logTask("soft", "t:fails@completed"),
		"t:started": logTask("started", "t:fails@started"),
		"t:deeper":  logTask("deeper", "t:needs"),
		"t:free":    logTask("free"),
		"t:sh":      {Exec: str("false\necho sh >> log.txt"), Binary: str("sh")},
	}}
	res, dir := runIn(t, cfg, []string{"t"}, Options{Parallel: 1})
	got := readLog(t, dir)
	slices.Sort(got)
	want := []string{"free", "one", "sh", "soft", "started"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	status := map[string]TaskStatus{}
	for _, r := range res.Tasks {
		status[r.Name] = r.Status
	}
	wantStatus := map[string]TaskStatus{
		"t:fails": Failed, "t:needs": DependencyFailed, "t:deeper": DependencyFailed,
		"t:soft": Succeeded, "t:started": Succeeded, "t:free": Succeeded, "t:sh": Succeeded,
	}
	if diff := cmp.Diff(wantStatus, status); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if res.ExitCode() != 1 {
		t.Errorf("exit code %d, want 1", res.ExitCode())
	}
}

func TestRunTasksStatusEnvCwd(t *testing.T) {
	cfg := &Config{
		Env: map[string]any{"TOP": "top", "BOTH": "top", "N": float64(3)},
		Tasks: map[string]Task{
			"t:skip": {Exec: str("echo ran >> log.txt"), Status: str("true")},
			"t:run":  {Exec: str("echo ran-too >> log.txt"), Status: str("false")},
			// A status command runs without set -e (devenv's tasks.nix
			// writes it for a bash exec only): its last command decides.
			"t:skip-last": {Exec: str("echo ran-last >> log.txt"), Status: str("false; true")},
			// An exec runs with it: the failing command ends the task.
			"t:exec-set-e": {Exec: str("false; echo past-false >> log.txt")},
			"t:env": {
				Exec: str(`echo "$SHELLVAR $TOP $BOTH $N $OWN $(basename "$PWD")"`),
				Env:  map[string]string{"BOTH": "task", "OWN": "own"},
				Cwd:  str("sub"),
			},
		},
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	res, err := RunTasks(context.Background(), cfg, []string{"t"}, Options{
		Root: dir, Environ: []string{"PATH=" + os.Getenv("PATH"), "SHELLVAR=shell", "TOP=shell"}, Stdout: &stdout,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != "shell top task 3 own sub\n" {
		t.Errorf("env task printed %q", got)
	}
	if got := readLog(t, dir); !slices.Equal(got, []string{"ran-too"}) {
		t.Errorf("log %v: the status check did not decide", got)
	}
	for _, r := range res.Tasks {
		if (r.Name == "t:skip" || r.Name == "t:skip-last") && r.Status != Skipped {
			t.Errorf("%s: %s, want skipped", r.Name, r.Status)
		}
		if r.Name == "t:exec-set-e" && r.Status != Failed {
			t.Errorf("%s: %s, want failed", r.Name, r.Status)
		}
	}
}

func TestRunTasksRefused(t *testing.T) {
	tests := []struct {
		cfg   *Config
		names []string
		want  string
	}{
		{&Config{Tasks: map[string]Task{"t:a": {}}}, []string{"t:b"}, "task t:b not found"},
		{&Config{Tasks: map[string]Task{"t:a": {After: []string{"t:x"}}}}, []string{"t:a"}, `"t:x" names no task`},
		{&Config{Tasks: map[string]Task{"t:a": {Before: []string{"t:x"}}}}, []string{"t:a"}, `"t:x" names no task`},
		{&Config{Tasks: map[string]Task{"t:a": {After: []string{"t:b"}}, "t:b": {After: []string{"t:a"}}}}, []string{"t:a"}, "cycle"},
		{&Config{Tasks: map[string]Task{"t:a": {After: []string{"t:b@ready"}}, "t:b": {}}}, []string{"t:a"}, "@ready does not apply to a oneshot task"},
		{&Config{Tasks: map[string]Task{"t:a": {Status: str("true")}}}, []string{"t:a"}, "status requires exec"},
		{&Config{
			Processes: map[string]Process{"db": {Exec: "serve"}},
			Tasks:     map[string]Task{"t:a": {Exec: str("true"), After: []string{"devenv:processes:db"}}},
		}, []string{"t:a"}, "has no ready config"},
		{&Config{
			Processes: map[string]Process{"db": {Exec: "serve"}},
			Tasks:     map[string]Task{"t:a": {Exec: str("true"), After: []string{"devenv:processes:db@succeeded"}}},
		}, []string{"t:a"}, "@succeeded does not apply to a process"},
	}
	for _, tt := range tests {
		_, err := RunTasks(context.Background(), tt.cfg, tt.names, Options{Root: t.TempDir()})
		var refused *Refused
		if !errors.As(err, &refused) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want a refusal saying %q", tt.names, err, tt.want)
		}
	}
}

// TestRunTasksProcess checks that a task waits for a process to be ready,
// that the process runs as devenv-tasks runs it (in its cwd, with the
// task's env under its own), and that it is stopped when the run is over.
func TestRunTasksProcess(t *testing.T) {
	cfg := &Config{
		Processes: map[string]Process{"db": {
			Exec: `echo "$$ $(basename "$PWD") $A $B" > ../db.txt; exec sleep 1000`,
			Cwd:  str("data"),
			Env:  map[string]string{"A": "process"},
			Ports: map[string]struct {
				Allocate int `json:"allocate"`
				Value    int `json:"value"`
			}{"main": {Allocate: 5432}},
		}},
		Tasks: map[string]Task{
			"devenv:processes:db": {Env: map[string]string{"A": "task", "B": "task"}},
			"t:migrate":           {Exec: str("until [ -s db.txt ]; do sleep 0.01; done; echo migrate >> log.txt"), After: []string{"devenv:processes:db"}},
		},
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := RunTasks(context.Background(), cfg, []string{"t:migrate"}, Options{Root: dir, Environ: []string{"PATH=" + os.Getenv("PATH")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("run: %+v", res.Tasks)
	}
	if diff := cmp.Diff([]string{"devenv:processes:db", "t:migrate"}, res.Order()); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if got := readLog(t, dir); !slices.Equal(got, []string{"migrate"}) {
		t.Errorf("log %v", got)
	}
	b, err := os.ReadFile(filepath.Join(dir, "db.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	if diff := cmp.Diff([]string{"data", "process", "task"}, f[1:]); diff != "" {
		t.Errorf("db saw (-want +got):\n%s", diff)
	}
	pid, _ := strconv.Atoi(f[0])
	if syscall.Kill(pid, 0) == nil {
		t.Errorf("db (pid %d) still runs after the task run", pid)
	}
}

// TestRunTasksBinary checks the interpreters: bash with "set -e" by
// default and for binary "bash"; another binary runs the text alone.
func TestRunTasksBinary(t *testing.T) {
	body := str("false\necho $0 >> log.txt")
	cfg := &Config{Tasks: map[string]Task{
		"t:default": {Exec: body},
		"t:bash":    {Exec: body, Binary: str("bash")},
		"t:sh":      {Exec: body, Binary: str("sh")},
	}}
	res, dir := runIn(t, cfg, []string{"t"}, Options{})
	status := map[string]TaskStatus{}
	for _, r := range res.Tasks {
		status[r.Name] = r.Status
	}
	want := map[string]TaskStatus{"t:default": Failed, "t:bash": Failed, "t:sh": Succeeded}
	if diff := cmp.Diff(want, status); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if got := readLog(t, dir); len(got) != 1 || !strings.HasSuffix(got[0], ".sh") {
		t.Errorf("log %v: want one line, the sh script's name", got)
	}
}

// TestScriptCommand checks a script as a person runs it: its arguments as
// "$@", no "set -e", the shell's environment.
func TestScriptCommand(t *testing.T) {
	cfg := &Config{
		Env:     map[string]any{"WHERE": "/ROOT/sub"},
		Scripts: map[string]Script{"greet": {Exec: "false\necho \"$WHERE\" \"$@\" >> log.txt"}},
	}
	dir := t.TempDir()
	opts := Options{Root: dir, Environ: []string{"PATH=" + os.Getenv("PATH")}, Scripts: t.TempDir()}
	argv, err := cfg.ScriptCommand("greet", []string{"a b", "c"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	env, err := cfg.ShellEnv(dir, opts.Environ)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", argv, err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "log.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), dir+"/sub a b c\n"; got != want {
		t.Errorf("the script wrote %q, want %q", got, want)
	}
	if _, err := cfg.ScriptCommand("nope", nil, opts); err == nil {
		t.Error("ScriptCommand of a script the module does not have: no error")
	}
}
