package convert

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// The semantic test runs each Makefile of testdata/makesem/<case>/ with
// GNU make and runs what it converts to — the tasks, as devenv tasks run
// them, and the scripts, as devenv runs them — each in a directory of its
// own holding the same files. Both must leave the same files, print the
// same output (make's own messages aside) and succeed or fail alike.
//
// A case's "steps" file holds one scenario per line: steps separated by
// " ; ". A step is "[NAME=value…] target [-- arg…]" (run the target, with
// those environment variables, and the arguments as ARGS on make's command
// line and as the script's arguments), or "$ command" (run a shell
// command in every directory, to set up files or change times).
const makesemDir = "../testdata/makesem"

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "devenv" {
		os.Exit(fakeDevenv(os.Args[1:]))
	}
	os.Exit(stubs.Main(m))
}

// fakeDevenv stands in for the devenv command in the semantic test: it
// runs "devenv tasks run TASK…" as devenv-tasks does, serially: each
// task's "after" tasks first, in order, once; a task whose status exits 0
// is skipped; exec runs under "set -e". The tasks are read from the JSON
// file named by $PC2DEVENV_TASKS.
func fakeDevenv(args []string) int {
	if len(args) < 3 || args[0] != "tasks" || args[1] != "run" {
		fmt.Fprintf(os.Stderr, "fake devenv: unsupported command: %q\n", args)
		return 97
	}
	b, err := os.ReadFile(os.Getenv("PC2DEVENV_TASKS"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	var tasks map[string]struct {
		Exec   *string  `json:"exec"`
		Status *string  `json:"status"`
		After  []string `json:"after"`
	}
	if err := json.Unmarshal(b, &tasks); err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	done := map[string]bool{}
	var run func(name string) int
	run = func(name string) int {
		if done[name] {
			return 0
		}
		done[name] = true
		t, ok := tasks[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "fake devenv: no task %s\n", name)
			return 97
		}
		for _, a := range t.After {
			if rc := run(a); rc != 0 {
				return rc
			}
		}
		if t.Status != nil && runBash("set -e\n"+*t.Status, nil) == 0 {
			return 0
		}
		if t.Exec == nil {
			return 0
		}
		return runBash("set -e\n"+*t.Exec, nil)
	}
	for _, name := range args[2:] {
		if rc := run(name); rc != 0 {
			return rc
		}
	}
	return 0
}

// runBash runs a script with bash, with the caller's standard streams.
func runBash(script string, args []string) int {
	cmd := exec.Command("bash", append([]string{"-c", script, "bash"}, args...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	return 0
}

func TestMakeSemantics(t *testing.T) {
	nixeval.Require(t)
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make is not installed (apt-get install make)")
	}
	entries, err := os.ReadDir(makesemDir)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(self, filepath.Join(bin, "devenv")); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dir := filepath.Join(makesemDir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			runMakeSemantics(t, dir, bin)
		})
	}
}

// semStep is one step of a scenario.
type semStep struct {
	shell  string
	env    []string
	target string
	args   []string
}

func parseSteps(t *testing.T, file string) [][]semStep {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var scenarios [][]semStep
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var steps []semStep
		for _, s := range strings.Split(line, " ; ") {
			s = strings.TrimSpace(s)
			if cmd, ok := strings.CutPrefix(s, "$ "); ok {
				steps = append(steps, semStep{shell: cmd})
				continue
			}
			var st semStep
			words := strings.Fields(s)
			for i, w := range words {
				switch {
				case st.target == "" && strings.Contains(w, "="):
					st.env = append(st.env, w)
				case st.target == "":
					st.target = w
				case w == "--":
					st.args = words[i+1:]
				}
				if w == "--" {
					break
				}
			}
			if st.target == "" {
				t.Fatalf("%s: step %q names no target", file, s)
			}
			steps = append(steps, st)
		}
		scenarios = append(scenarios, steps)
	}
	return scenarios
}

func runMakeSemantics(t *testing.T, dir, bin string) {
	args := readArgs(t, dir)
	opts := args.opts
	opts.Target = emit.Devenv2
	res, err := Paths([]string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Output == nil {
		t.Fatalf("no output: %v", res.Diagnostics)
	}
	v, err := nixeval.EvalModule(res.Output)
	if err != nil {
		t.Fatal(err)
	}
	tasks, _ := nixeval.Get(v, "tasks")
	scripts, _ := nixeval.Get(v, "scripts")
	// devenv puts the module's env into the environment of tasks and
	// scripts.
	var devenvEnv []string
	if env, ok := nixeval.Get(v, "env"); ok {
		for k, x := range env.(map[string]any) {
			devenvEnv = append(devenvEnv, k+"="+fmt.Sprint(x))
		}
	}
	taskJSON, err := json.Marshal(tasks)
	if err != nil {
		t.Fatal(err)
	}
	tasksFile := filepath.Join(t.TempDir(), "tasks.json")
	if err := os.WriteFile(tasksFile, taskJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, scenario := range parseSteps(t, filepath.Join(dir, "steps")) {
		mk, task, script := t.TempDir(), t.TempDir(), t.TempDir()
		for _, d := range []string{mk, task, script} {
			copyFixture(t, dir, d)
		}
		var desc []string
		for _, st := range scenario {
			if st.shell != "" {
				desc = append(desc, "$ "+st.shell)
				for _, d := range []string{mk, task, script} {
					if out, err := exec.Command("bash", "-c", "cd \"$1\" && "+st.shell, "bash", d).CombinedOutput(); err != nil {
						t.Fatalf("scenario %d: %s: %v\n%s", i+1, st.shell, err, out)
					}
				}
				continue
			}
			desc = append(desc, st.target)
			where := fmt.Sprintf("scenario %d (%s)", i+1, strings.Join(desc, " ; "))
			env := append([]string{"PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin", "LANG=C", "PC2DEVENV_TASKS=" + tasksFile}, st.env...)
			makeArgs := []string{st.target}
			if len(st.args) > 0 {
				makeArgs = append(makeArgs, "ARGS="+strings.Join(st.args, " "))
			}
			want := runIn(t, mk, env, "make", makeArgs...)
			want.stdout, want.stderr = filterMake(want.stdout), filterMake(want.stderr)
			taskName := "make:" + st.target
			if _, ok := nixeval.Get(tasks, taskName); ok {
				tenv := env
				if len(st.args) > 0 {
					tenv = append(tenv, "ARGS="+strings.Join(st.args, " "))
				}
				got := runIn(t, task, append(devenvEnv, tenv...), filepath.Join(bin, "devenv"), "tasks", "run", taskName)
				compareRun(t, where+", task "+taskName, want, got)
			} else if _, ok := nixeval.Get(v, "processes", st.target); !ok {
				t.Errorf("%s: the output has no task %s", where, taskName)
			}
			if s, ok := nixeval.Get(scripts, st.target, "exec"); ok {
				file := filepath.Join(t.TempDir(), "script")
				if err := os.WriteFile(file, []byte(s.(string)), 0o755); err != nil {
					t.Fatal(err)
				}
				got := runIn(t, script, append(devenvEnv, env...), "bash", append([]string{file}, st.args...)...)
				compareRun(t, where+", script "+st.target, want, got)
			} else if _, ok := nixeval.Get(tasks, taskName); ok {
				// Without a script, run the task there too, so that the
				// directories stay comparable.
				runIn(t, script, append(devenvEnv, env...), filepath.Join(bin, "devenv"), "tasks", "run", taskName)
			}
		}
		wantFiles := snapshot(t, mk)
		for name, d := range map[string]string{"tasks": task, "scripts": script} {
			if diff := cmp.Diff(wantFiles, snapshot(t, d)); diff != "" {
				t.Errorf("scenario %d (%s): the %s leave other files than make (-make +%s):\n%s", i+1, strings.Join(desc, " ; "), name, name, diff)
			}
		}
	}
}

// copyFixture copies a case's files into dir.
func copyFixture(t *testing.T, src, dir string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." || rel == "steps" || rel == "args" {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

type runResult struct {
	stdout, stderr string
	ok             bool
	code           int
}

func runIn(t *testing.T, dir string, env []string, name string, args ...string) runResult {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(env, "HOME="+dir, "DEVENV_ROOT="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := runResult{stdout: stdout.String(), stderr: stderr.String(), ok: err == nil}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// makeMessage matches make's own messages: "make: …", "make[1]: …",
// including its error reports.
var makeMessage = regexp.MustCompile(`(?m)^make(\[\d+\])?: .*\n?`)

func filterMake(s string) string { return makeMessage.ReplaceAllString(s, "") }

// recursiveMake matches the echo of a "make TARGET" that the conversion
// runs as the other task (a documented difference).
var recursiveMake = regexp.MustCompile(`(?m)^devenv tasks run make:`)

func compareRun(t *testing.T, where string, want, got runResult) {
	t.Helper()
	got.stdout = recursiveMake.ReplaceAllString(got.stdout, "make ")
	if want.ok != got.ok {
		t.Errorf("%s: make %s (exit %d), the conversion %s (exit %d)\nmake stderr:\n%s\nconverted stderr:\n%s",
			where, okWord(want.ok), want.code, okWord(got.ok), got.code, want.stderr, got.stderr)
	}
	if diff := cmp.Diff(want.stdout, got.stdout); diff != "" {
		t.Errorf("%s: standard output differs (-make +converted):\n%s", where, diff)
	}
	if diff := cmp.Diff(want.stderr, got.stderr); diff != "" {
		t.Errorf("%s: standard error differs (-make +converted):\n%s", where, diff)
	}
}

func okWord(ok bool) string {
	if ok {
		return "succeeds"
	}
	return "fails"
}

// snapshot lists the files under dir with a digest of their content.
func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "symlink " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if len(b) < 200 {
				out[rel] = fmt.Sprintf("file %q", b)
			} else {
				out[rel] = fmt.Sprintf("file sha256:%x", sha256.Sum256(b))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
