package convert

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The tests in this file compare the output with what the real foreman
// (Debian's ruby-foreman, which .ci/run installs) decides for the same
// Procfile and .env: the command and PORT of every process, from foreman
// export, and what a command prints, from foreman start.

func requireForeman(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("foreman"); err != nil {
		t.Skip("foreman is not installed (apt-get install ruby-foreman)")
	}
	nixeval.Require(t)
}

// foremanEnv is the environment foreman runs in: the test's, without
// PORT, which foreman would take as its base port.
func foremanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORT=") && !strings.HasPrefix(kv, "PS=") {
			env = append(env, kv)
		}
	}
	return env
}

// foremanProc is one process as foreman export decides it.
type foremanProc struct {
	name, command, port string
}

var (
	supervisordProgram = regexp.MustCompile(`^\[program:app-(.+)-1\]$`)
	supervisordPort    = regexp.MustCompile(`(?:^|,)PORT="(\d+)"`)
)

// foremanExport runs foreman export supervisord for procfile, in dir
// (where foreman looks for .env), and returns the processes it decides, in
// order. envFiles, when given, replace .env, as foreman's -e does.
func foremanExport(t *testing.T, dir, procfile string, portBase int, envFiles []string) []foremanProc {
	t.Helper()
	out := t.TempDir()
	args := []string{"export", "supervisord", out, "-a", "app", "-f", procfile}
	if portBase != 0 {
		args = append(args, "-p", fmt.Sprint(portBase))
	}
	if len(envFiles) > 0 {
		args = append(args, "-e", strings.Join(envFiles, ","))
	}
	cmd := exec.Command("foreman", args...)
	cmd.Dir = dir
	cmd.Env = foremanEnv()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("foreman %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	conf, err := os.ReadFile(filepath.Join(out, "app.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var procs []foremanProc
	for _, line := range strings.Split(string(conf), "\n") {
		if m := supervisordProgram.FindStringSubmatch(line); m != nil {
			procs = append(procs, foremanProc{name: m[1]})
			continue
		}
		if len(procs) == 0 {
			continue
		}
		p := &procs[len(procs)-1]
		if c, ok := strings.CutPrefix(line, "command="); ok {
			p.command = c
		}
		if e, ok := strings.CutPrefix(line, "environment="); ok {
			if m := supervisordPort.FindStringSubmatch(e); m != nil {
				p.port = m[1]
			}
		}
	}
	return procs
}

// compareWithForeman checks an evaluated output against foreman's
// decisions: the same processes, each with foreman's command and PORT, and
// release as the task procfile:release.
func compareWithForeman(t *testing.T, tg emit.Target, out map[string]any, procs []foremanProc) {
	t.Helper()
	want := 0
	for _, fp := range procs {
		if strings.TrimSpace(fp.command) == "" {
			continue // an entry no runner can start; reported, not converted
		}
		want++
		if fp.name == "release" {
			task, ok := nixeval.Get(out, "tasks", "procfile:release")
			if !ok {
				t.Errorf("%s: foreman's release is not the task procfile:release", tg)
				continue
			}
			if got, _ := nixeval.Get(task, "exec"); !commandMatches(emit.Devenv2, got, fp.command) {
				t.Errorf("%s: release: exec is %q, foreman runs %q", tg, got, fp.command)
			}
			continue
		}
		proc, ok := nixeval.Get(out, "processes", fp.name)
		if !ok {
			t.Errorf("%s: foreman runs %q, the output has no such process", tg, fp.name)
			continue
		}
		if got, _ := nixeval.Get(proc, "exec"); !commandMatches(tg, got, fp.command) {
			t.Errorf("%s: process %q: exec is %q, foreman runs %q", tg, fp.name, got, fp.command)
		}
		if got := processPort(proc); got != fp.port {
			t.Errorf("%s: process %q: PORT is %q, foreman gives %q", tg, fp.name, got, fp.port)
		}
	}
	procsOut, _ := out["processes"].(map[string]any)
	got := len(procsOut)
	if _, ok := nixeval.Get(out, "tasks", "procfile:release"); ok {
		got++
	}
	if got != want {
		t.Errorf("%s: the output has %d processes and tasks, foreman runs %d", tg, got, want)
	}
}

// foremanCase converts paths and compares the targets' evaluated outputs
// with what foreman decides for the same files.
func foremanCase(t *testing.T, paths []string, opts Options, targets []emit.Target) {
	t.Helper()
	res, err := Paths(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	var procfile string
	var envFiles []string
	for _, s := range res.Sources {
		p, _ := filepath.Abs(filepath.Join(res.Dir, s))
		switch {
		case FormatOf(p, nil) == ir.FormatDotenv:
			envFiles = append(envFiles, p)
		case FormatOf(p, nil) == ir.FormatProcfile || opts.From == ir.FormatProcfile:
			procfile = p
		}
	}
	if procfile == "" {
		t.Skip("no Procfile is converted")
	}
	if res.Output == nil {
		t.Skipf("not converted: %v", res.Diagnostics.Err())
	}
	// foreman reads the line a byte-order mark starts as no entry;
	// pc2devenv reads past the mark (and warns), as foreman would read
	// the file saved without it.
	src, err := os.ReadFile(procfile)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := bytes.CutPrefix(src, []byte("\xef\xbb\xbf")); ok {
		procfile = filepath.Join(t.TempDir(), filepath.Base(procfile))
		if err := os.WriteFile(procfile, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	procs := foremanExport(t, res.Dir, procfile, opts.PortBase, envFiles)
	for _, tg := range targets {
		o := opts
		o.Target = tg
		r, err := Paths(paths, o)
		if err != nil || r.Output == nil {
			t.Fatalf("%s: %v %v", tg, err, r.Diagnostics)
		}
		out, err := nixeval.EvalModule(r.Output)
		if err != nil {
			t.Fatalf("%s: %v", tg, err)
		}
		compareWithForeman(t, tg, out, procs)
	}
}

// TestForemanGolden compares the Procfile golden cases with foreman.
func TestForemanGolden(t *testing.T) {
	requireForeman(t)
	n := 0
	for _, c := range goldenCases(t) {
		if !strings.HasPrefix(c.Name, "procfile-") {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			dir := extractCase(t, c)
			args := caseArgs(t, c, dir)
			foremanCase(t, args.inputs(dir), args.opts, args.targets)
		})
	}
	if n == 0 {
		t.Fatal("no Procfile golden cases")
	}
}

// corpusEnv is the .env file the corpus Procfiles are also converted
// with: a base port and a value that must not reach the output.
const corpusEnv = "PORT=3000\nSECRET_KEY_BASE=corpus-secret-7d1f\n"

// TestForemanCorpus converts every Procfile of the corpus, alone (for
// devenv2) and with a .env file (for every target), and compares each with
// foreman.
func TestForemanCorpus(t *testing.T) {
	requireForeman(t)
	files := corpusFiles(t, "procfile")
	for _, f := range files {
		base := filepath.Base(f)
		name := base[strings.LastIndex(base, "__")+2:]
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, withEnv := range []bool{false, true} {
			label := base
			if withEnv {
				label += "+env"
			}
			t.Run(label, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, src, 0o644); err != nil {
					t.Fatal(err)
				}
				if withEnv {
					if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(corpusEnv), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				targets := []emit.Target{emit.Devenv2}
				if withEnv {
					targets = emit.Targets
				}
				foremanCase(t, []string{p}, Options{}, targets)
			})
		}
	}
}

// foremanStart runs one process of procfile with foreman start, in dir,
// and returns what it printed.
func foremanStart(t *testing.T, dir, procfile, name string) string {
	t.Helper()
	cmd := exec.Command("foreman", "start", name, "-f", procfile)
	cmd.Dir = dir
	cmd.Env = foremanEnv()
	b, _ := cmd.CombinedOutput() // the exit status is the process's
	prefix := regexp.MustCompile(`^\d\d:\d\d:\d\d ` + regexp.QuoteMeta(name) + `\.1\s+\| (.*)$`)
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		m := prefix.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[1], "started with pid ") || strings.HasPrefix(m[1], "exited with code ") {
			continue
		}
		lines = append(lines, m[1])
	}
	return strings.Join(lines, "\n")
}

// runAsDevenv runs an evaluated process as devenv 2 runs it: its exec
// under bash after set -e, with its env and the .env file's variables
// (which dotenv.enable loads).
func runAsDevenv(t *testing.T, dir string, proc any, dotenv map[string]string) string {
	t.Helper()
	script, _ := nixeval.Get(proc, "exec")
	cmd := exec.Command("bash", "-c", "set -e\n"+fmt.Sprint(script))
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range dotenv {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	env, _ := nixeval.Get(proc, "env")
	vars, _ := env.(map[string]any)
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%v", k, vars[k]))
	}
	b, _ := cmd.CombinedOutput()
	return strings.TrimRight(string(b), "\n")
}

// TestForemanSubstitution decides, by running commands under foreman and
// under bash as devenv runs the output, where foreman's textual $NAME
// substitution changes what a command does: the output keeps commands as
// written and leaves expansion to the shell, and warns (PC314) exactly
// where the two differ.
func TestForemanSubstitution(t *testing.T) {
	requireForeman(t)
	dotenv := map[string]string{"GREETING": "hello  world", "TOKEN": "a;echo injected", "DB_NAME": "devdb"}
	envFile := "GREETING=hello  world\nTOKEN=a;echo injected\nDB_NAME=devdb\n"
	commands := []string{
		`printf '[%s]' $PORT "$PORT" ${PORT}; echo`,
		`printf '[%s]' '$PORT'; echo`,
		`printf '[%s]' $PORTAL; echo`,
		`printf '[%s]' $PORT_NUMBER x; echo`,
		`printf '[%s]' \$PORT "\$PORT"; echo`,
		`printf '[%s]' "$PS"; echo`,
		`printf '[%s]' $GREETING "$GREETING"; echo`,
		`printf '[%s]' $TOKEN; echo`,
		`printf '[%s]' "$DB_NAME" ${DB_NAME}; echo`,
		`export PORT=1; printf '[%s]' $PORT; echo`,
		`PORT=1 printf '[%s]' $PORT; echo`,
		`printf '[%s]' ${PORT:-x} ${PORTAL:-none}; echo`,
		`false; echo after`,
		`echo $PORT && echo "${PS}"`,
	}
	dir := t.TempDir()
	var procfile strings.Builder
	for i, c := range commands {
		fmt.Fprintf(&procfile, "p%d: %s\n", i, c)
	}
	pf := filepath.Join(dir, "Procfile")
	if err := os.WriteFile(pf, []byte(procfile.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(envFile), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Paths([]string{dir}, Options{Target: emit.Devenv2})
	if err != nil || res.Output == nil {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	out, err := nixeval.EvalModule(res.Output)
	if err != nil {
		t.Fatal(err)
	}
	warned := map[int]bool{}
	for _, d := range res.Diagnostics {
		if d.ID == ir.IDRunnerSubst {
			warned[d.Pos.Line] = true
		}
	}
	for i, c := range commands {
		t.Run(fmt.Sprintf("p%d", i), func(t *testing.T) {
			t.Parallel()
			name := fmt.Sprintf("p%d", i)
			proc, ok := nixeval.Get(out, "processes", name)
			if !ok {
				t.Fatalf("no process %s", name)
			}
			fm := foremanStart(t, dir, pf, name)
			ours := runAsDevenv(t, dir, proc, dotenv)
			same := fm == ours
			t.Logf("foreman: %q, output: %q, warned: %t", fm, ours, warned[i+1])
			switch w := warned[i+1]; {
			case same && w:
				t.Errorf("%s: warned, but foreman and the output both print %q", c, fm)
			case !same && !w:
				t.Errorf("%s: no warning, but foreman prints %q and the output %q", c, fm, ours)
			}
		})
	}
}
