package convert

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/devenvrun"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// The semantic test runs each Makefile of testdata/makesem/<case>/ with
// GNU make and runs what it converts to — the scripts, as devenv runs
// them, and the tasks, as devenv tasks run them — each in a directory of
// its own holding the same files. A script must do exactly what make does:
// leave the same files, print the same output (make's own messages aside)
// and exit with the same status. The tasks run in several schedules
// (package devenvrun: one task at a time in orders chosen by seeds, and
// every ready task at once), as devenv could run them; they must agree
// with make in each, except where make -j would race too.
//
// A case's "steps" file holds one scenario per line: steps separated by
// " ; ". A step is "[NAME=value…] target [-- arg…]" (run the target, with
// those environment variables, and the arguments as ARGS on make's command
// line and as the script's arguments), or "$ command" (run a shell
// command in every directory, to set up files or change times). A target
// written "~target" is one whose tasks race as make -j does: some seeded
// schedule must differ from make (so that the test is seen to catch a
// race), and the scenario's later steps do not compare the tasks.
const makesemDir = "../testdata/makesem"

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "devenv" {
		os.Exit(fakeDevenv(os.Args[1:]))
	}
	os.Exit(stubs.Main(m))
}

// fakeDevenv stands in for the devenv command: it runs "devenv tasks run
// TASK…" with package devenvrun, in the schedule that $PC2DEVENV_SEED and
// $PC2DEVENV_PARALLEL choose, on the module in the JSON file named by
// $PC2DEVENV_MODULE.
func fakeDevenv(args []string) int {
	if len(args) < 3 || args[0] != "tasks" || args[1] != "run" {
		fmt.Fprintf(os.Stderr, "fake devenv: unsupported command: %q\n", args)
		return 97
	}
	b, err := os.ReadFile(os.Getenv("PC2DEVENV_MODULE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	var module map[string]any
	if err := json.Unmarshal(b, &module); err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	cfg, err := devenvrun.Decode(module)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	seed, _ := strconv.ParseUint(os.Getenv("PC2DEVENV_SEED"), 10, 64)
	parallel, _ := strconv.Atoi(os.Getenv("PC2DEVENV_PARALLEL"))
	dir, _ := os.Getwd()
	res, err := devenvrun.RunTasks(context.Background(), cfg, args[2:], devenvrun.Options{
		Root: dir, Environ: os.Environ(), Stdout: os.Stdout, Stderr: os.Stderr, Seed: seed, Parallel: parallel,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake devenv:", err)
		return 97
	}
	return res.ExitCode()
}

// devenvScript returns the command devenv's script name runs with args
// in the devenv shell of the project in root (package devenvrun), and the
// shell's environment, made from environ.
func devenvScript(t *testing.T, cfg *devenvrun.Config, name string, args []string, root string, environ []string) (argv, env []string) {
	t.Helper()
	opts := devenvrun.Options{Root: root, Environ: environ, Scripts: t.TempDir()}
	argv, err := cfg.ScriptCommand(name, args, opts)
	if err != nil {
		t.Fatal(err)
	}
	if env, err = cfg.ShellEnv(root, environ); err != nil {
		t.Fatal(err)
	}
	return argv, env
}

// schedule is one way devenv could run the tasks.
type schedule struct {
	seed     uint64
	parallel int
}

// schedules are the ones the semantic test runs the tasks in: one at a
// time in three orders, and all that are ready at once.
var schedules = []schedule{{1, 1}, {2, 1}, {3, 1}, {4, 0}}

func (s schedule) String() string {
	if s.parallel == 0 {
		return fmt.Sprintf("concurrent, seed %d", s.seed)
	}
	return fmt.Sprintf("one at a time, seed %d", s.seed)
}

func TestMakeSemantics(t *testing.T) {
	nixeval.Require(t)
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make is not installed (apt-get install make)")
	}
	bin := fakeDevenvBin(t)
	for _, c := range makesemCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runMakeSemantics(t, c.dir, c.opts, bin)
		})
	}
}

// A semCase is a case of the semantic test: its directory, and the
// options it is converted with.
type semCase struct {
	name, dir string
	opts      Options
}

// makesemCases lists the cases: those of testdata/makesem, and the golden
// cases that have a steps file, whose outputs are compared as text too
// (extracted into a directory that lasts as long as t).
func makesemCases(t *testing.T) []semCase {
	var out []semCase
	entries, err := os.ReadDir(makesemDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dir := filepath.Join(makesemDir, e.Name())
		if _, err := os.Stat(filepath.Join(dir, "steps")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "args")); err == nil {
				t.Fatalf("%s: an args file, which only golden cases have (as settings)", dir)
			}
			out = append(out, semCase{name: e.Name(), dir: dir})
		}
	}
	for _, c := range goldenCases(t) {
		if _, ok := c.File("steps"); ok {
			dir := extractCase(t, c)
			out = append(out, semCase{name: c.Name, dir: dir, opts: caseArgs(t, c, dir).opts})
		}
	}
	return out
}

// semStubs reads a case's "stubs" file: the programs its recipes run,
// which the test replaces by recording stubs (a word "git=v1.2.3" makes
// git print v1.2.3), so that the calls of make's run and the
// conversion's can be compared. Without the file it returns nil.
func semStubs(t *testing.T, dir string) *stubs.Set {
	b, err := os.ReadFile(filepath.Join(dir, "stubs"))
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	var programs []stubs.Program
	for _, w := range strings.Fields(string(b)) {
		name, out, ok := strings.Cut(w, "=")
		p := stubs.Program{Name: name}
		if ok {
			p.Stdout = out + "\n"
		}
		programs = append(programs, p)
	}
	return stubs.New(t, programs...)
}

// callsIn returns the calls the stubs recorded, one line each, with
// directories relative to dir, and forgets them.
func callsIn(t *testing.T, s *stubs.Set, dir string) []string {
	if s == nil {
		return nil
	}
	calls, err := s.Calls()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range calls {
		rel, err := filepath.Rel(dir, c.Dir)
		if err != nil {
			rel = c.Dir
		}
		c.Dir = rel
		line := c.String()
		var env []string
		for _, kv := range c.Env {
			k, v, _ := strings.Cut(kv, "=")
			if !callEnvNoise[k] && !strings.HasPrefix(k, "PC2DEVENV_") && !(k == "HOME" || k == "DEVENV_ROOT") || (k == "HOME" || k == "DEVENV_ROOT") && v != dir {
				env = append(env, kv)
			}
		}
		if len(env) > 0 {
			slices.Sort(env)
			line += fmt.Sprintf(" env %q", env)
		}
		out = append(out, line)
	}
	return out
}

// callEnvNoise are the variables the comparison of calls leaves out: those
// of the test's own environment, those make sets for its sub-makes, and
// those a shell sets for itself.
var callEnvNoise = map[string]bool{
	"PATH": true, "LANG": true, "GORACE": true,
	"MAKEFLAGS": true, "MFLAGS": true, "MAKELEVEL": true, "MAKE_TERMOUT": true, "MAKE_TERMERR": true, "MAKEOVERRIDES": true,
	"SHLVL": true, "_": true, "PWD": true, "OLDPWD": true,
}

// fakeDevenvBin returns a directory whose devenv is fakeDevenv.
func fakeDevenvBin(t *testing.T) string {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(self, filepath.Join(bin, "devenv")); err != nil {
		t.Fatal(err)
	}
	return bin
}

// semStep is one step of a scenario.
type semStep struct {
	shell  string
	env    []string
	target string
	args   []string
	// race says the tasks race here as make -j does.
	race bool
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
					st.target, st.race = strings.CutPrefix(w, "~")
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

func runMakeSemantics(t *testing.T, dir string, opts Options, bin string) {
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
	cfg, err := devenvrun.Decode(v)
	if err != nil {
		t.Fatal(err)
	}
	moduleJSON, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	moduleFile := filepath.Join(t.TempDir(), "module.json")
	if err := os.WriteFile(moduleFile, moduleJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	set := semStubs(t, dir)
	path := bin + ":/usr/local/bin:/usr/bin:/bin"
	if set != nil {
		path = set.PATH(path)
	}
	run := func(d string, env []string, name string, args ...string) runResult {
		callsIn(t, set, d)
		r := runIn(t, d, env, name, args...)
		r.calls = callsIn(t, set, d)
		return r
	}
	for i, scenario := range parseSteps(t, filepath.Join(dir, "steps")) {
		mk, script := t.TempDir(), t.TempDir()
		taskDirs := make([]string, len(schedules))
		for j := range taskDirs {
			taskDirs[j] = t.TempDir()
		}
		all := append([]string{mk, script}, taskDirs...)
		for _, d := range all {
			copyFixture(t, dir, d)
		}
		var desc []string
		raced := false
		for _, st := range scenario {
			if st.shell != "" {
				desc = append(desc, "$ "+st.shell)
				for _, d := range all {
					if out, err := exec.Command("bash", "-c", "cd \"$1\" && "+st.shell, "bash", d).CombinedOutput(); err != nil {
						t.Fatalf("scenario %d: %s: %v\n%s", i+1, st.shell, err, out)
					}
				}
				continue
			}
			desc = append(desc, st.target)
			where := fmt.Sprintf("scenario %d (%s)", i+1, strings.Join(desc, " ; "))
			// A test binary built with -race sleeps a second when it exits
			// unless told not to; the fake devenv is one.
			outer := []string{"PATH=" + path, "LANG=C", "PC2DEVENV_MODULE=" + moduleFile, "GORACE=atexit_sleep_ms=0"}
			env := append(slices.Clone(outer), st.env...)
			makeArgs := []string{st.target}
			if len(st.args) > 0 {
				makeArgs = append(makeArgs, "ARGS="+strings.Join(st.args, " "))
			}
			want := run(mk, env, "make", makeArgs...)
			want.stdout, want.stderr = filterMake(want.stdout), filterMake(want.stderr)
			if _, ok := cfg.Scripts[st.target]; ok {
				// The script as a person runs it in the devenv shell,
				// with the step's variables on its command line.
				argv, shell := devenvScript(t, cfg, st.target, st.args, script, outer)
				got := run(script, append(shell, st.env...), argv[0], argv[1:]...)
				got.stdout, got.stderr = filterMake(got.stdout), filterMake(got.stderr)
				compareRun(t, where+", script "+st.target, want, got, true)
			} else if _, ok := cfg.Processes[st.target]; !ok {
				t.Errorf("%s: the output has no script %s", where, st.target)
			}
			taskName := "make:" + st.target
			if _, ok := cfg.Tasks[taskName]; !ok || raced {
				continue
			}
			tenv := env
			if len(st.args) > 0 {
				tenv = append(tenv, "ARGS="+strings.Join(st.args, " "))
			}
			differs := false
			for j, sch := range schedules {
				senv := append(tenv, fmt.Sprintf("PC2DEVENV_SEED=%d", sch.seed), fmt.Sprintf("PC2DEVENV_PARALLEL=%d", sch.parallel))
				got := run(taskDirs[j], senv, filepath.Join(bin, "devenv"), "tasks", "run", taskName)
				got.stdout, got.stderr = unmakeEcho(filterMake(got.stdout)), filterMake(got.stderr)
				if sch.parallel == 0 {
					// Lines of tasks that run at once interleave as
					// they come.
					sorted := want
					sorted.stdout, got.stdout = sortLines(want.stdout), sortLines(got.stdout)
					sorted.calls, got.calls = slices.Sorted(slices.Values(want.calls)), slices.Sorted(slices.Values(got.calls))
					if !st.race {
						compareRun(t, fmt.Sprintf("%s, tasks %s (%s)", where, taskName, sch), sorted, got, false)
					}
					continue
				}
				if st.race {
					differs = differs || !sameRun(want, got) || !cmp.Equal(snapshot(t, mk), snapshot(t, taskDirs[j]))
					continue
				}
				compareRun(t, fmt.Sprintf("%s, tasks %s (%s)", where, taskName, sch), want, got, false)
			}
			if st.race {
				raced = true
				if !differs {
					t.Errorf("%s: the step is marked ~ (the tasks race as make -j does), but the tasks agree with make in every schedule", where)
				}
			}
		}
		wantFiles := snapshot(t, mk)
		if diff := cmp.Diff(wantFiles, snapshot(t, script)); diff != "" {
			t.Errorf("scenario %d (%s): the scripts leave other files than make (-make +scripts):\n%s", i+1, strings.Join(desc, " ; "), diff)
		}
		if raced {
			continue
		}
		for j, sch := range schedules {
			if diff := cmp.Diff(wantFiles, snapshot(t, taskDirs[j])); diff != "" {
				t.Errorf("scenario %d (%s): the tasks (%s) leave other files than make (-make +tasks):\n%s", i+1, strings.Join(desc, " ; "), sch, diff)
			}
		}
	}
}

func sortLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// copyFixture copies a case's files into dir.
func copyFixture(t *testing.T, src, dir string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		switch filepath.Ext(rel) {
		case ".nix", ".diag", ".explain":
			return nil // a golden case's expected outputs
		}
		if rel == "." || rel == "steps" || rel == "args" || rel == "stubs" {
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
	// calls are the calls of stubbed programs, when the case has stubs;
	// makes counts the calls of make among them.
	calls []string
	makes int
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

// recursiveMake matches the echo of a "make TARGET…" that a task runs as
// the other tasks (a documented difference).
var recursiveMake = regexp.MustCompile(`(?m)^devenv tasks run ((?:make:\S+ ?)+)$`)

// unmakeEcho writes the echo of "devenv tasks run make:a make:b" as make
// echoes "make a b".
func unmakeEcho(s string) string {
	return recursiveMake.ReplaceAllStringFunc(s, func(line string) string {
		return "make " + strings.ReplaceAll(strings.TrimPrefix(line, "devenv tasks run "), "make:", "")
	})
}

// compareRun reports how got differs from make's run. exact asks for
// make's exit status; otherwise success and failure must agree (devenv
// tasks run exits 1 where make exits 2).
func compareRun(t *testing.T, where string, want, got runResult, exact bool) {
	t.Helper()
	if want.ok != got.ok || exact && want.code != got.code {
		t.Errorf("%s: make %s (exit %d), the conversion %s (exit %d)\nmake stderr:\n%s\nconverted stderr:\n%s",
			where, okWord(want.ok), want.code, okWord(got.ok), got.code, want.stderr, got.stderr)
	}
	if diff := cmp.Diff(want.stdout, got.stdout); diff != "" {
		t.Errorf("%s: standard output differs (-make +converted):\n%s", where, diff)
	}
	if diff := cmp.Diff(want.stderr, got.stderr); diff != "" {
		t.Errorf("%s: standard error differs (-make +converted):\n%s", where, diff)
	}
	if diff := cmp.Diff(want.calls, got.calls); diff != "" {
		t.Errorf("%s: the programs run differ (-make +converted):\n%s", where, diff)
	}
}

// sameRun reports whether two runs printed the same and agreed on success.
func sameRun(want, got runResult) bool {
	return want.ok == got.ok && want.stdout == got.stdout && want.stderr == got.stderr && slices.Equal(want.calls, got.calls)
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
