package convert

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/devenvrun"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The corpus differential test runs, for every explicit target of every
// Makefile of the corpus, "make -s TARGET" and the script the conversion
// (--quiet --scripts all) names after the target, each in a scratch copy
// of the project's files, with recording stubs first on PATH: make, the
// shells and the file utilities record their call and run the real
// program, so that $(MAKE) and up-to-date checks work; every other
// program a recipe runs is a stub that records its call and exits 0. The
// two runs must call the same programs with the same arguments in the
// same directories, print the same (make's own messages aside), leave the
// same files and exit with the same status.
//
// Two differences are taken out before comparing, as docs/sources.md says:
// make's calls of make (the scripts run a recursive make's recipes in
// place), and the $(shell …) commands make runs when it reads the
// Makefile, whatever the target (the conversion runs each where its value
// is used): the calls of a run of make on a target that does not exist
// are taken once out of both logs.
//
// Targets that cannot be compared are listed, each with the reason, in
// testdata/corpus-make-differences.txt: a line "FILE TARGET: reason". A
// listed target that compares equal fails the test, so that the list
// stays true.
const corpusMakeDifferences = "testdata/corpus-make-differences.txt"

// realPrograms are the programs the stubs run for real.
var realPrograms = []string{"make", "sh", "bash", "dash", "touch", "cp", "mkdir", "rm", "test"}

// corpusRunTimeout bounds one run of make or of a script: a recipe that
// waits for something that never comes (a server, a watcher) is reported.
const corpusRunTimeout = 20 * time.Second

func TestCorpusMakeDifferential(t *testing.T) {
	nixeval.Require(t)
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make is not installed (apt-get install make)")
	}
	projects := corpusMakeProjects(t)
	listed := readMakeDifferences(t)
	var mu sync.Mutex
	var compared, identical int
	var outcomes []string
	seen := map[string]bool{}
	t.Run("projects", func(t *testing.T) {
		for _, p := range projects {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				for _, r := range runCorpusProject(t, p) {
					key := p.file + " " + r.target
					mu.Lock()
					seen[key] = true
					reason, isListed := listed[key]
					switch {
					case r.diff == "":
						compared++
						identical++
						if isListed {
							t.Errorf("%s is listed in %s (%s), but it compares equal: remove the line", key, corpusMakeDifferences, reason)
						}
					case isListed:
						if r.compared {
							compared++
						}
						outcomes = append(outcomes, fmt.Sprintf("%s: %s", key, reason))
					default:
						if r.compared {
							compared++
						}
						t.Errorf("%s: %s", key, r.diff)
					}
					mu.Unlock()
				}
			})
		}
	})
	for _, key := range slices.Sorted(maps.Keys(listed)) {
		if !seen[key] && !t.Failed() {
			t.Errorf("%s lists %s, which is not an explicit target of a corpus Makefile: remove the line", corpusMakeDifferences, key)
		}
	}
	t.Logf("%d Makefiles, %d explicit targets: %d compared with make, %d identical; %d listed as different:", len(projects), len(seen), compared, identical, len(outcomes))
	sort.Strings(outcomes)
	for _, o := range outcomes {
		t.Logf("  %s", o)
	}
}

// corpusMakeProject is a project of the corpus with a Makefile.
type corpusMakeProject struct {
	name string
	// file is the Makefile's name in the corpus, and makefile its path in
	// the project.
	file, makefile string
	// files are the project's files the corpus holds: path in the
	// project, path in the corpus.
	files map[string]string
}

// corpusMakeProjects groups the corpus's makefile files by project
// (owner__repo__path, with "__" for "/" in the path).
func corpusMakeProjects(t *testing.T) []corpusMakeProject {
	byRepo := map[string]*corpusMakeProject{}
	for _, f := range corpusFiles(t, "makefile") {
		parts := strings.SplitN(filepath.Base(f), "__", 3)
		if len(parts) != 3 {
			continue
		}
		repo := parts[0] + "__" + parts[1]
		p := byRepo[repo]
		if p == nil {
			p = &corpusMakeProject{name: repo, files: map[string]string{}}
			byRepo[repo] = p
		}
		rel := strings.ReplaceAll(parts[2], "__", "/")
		p.files[rel] = f
		switch rel {
		case "Makefile", "makefile", "GNUmakefile":
			p.file, p.makefile = filepath.Base(f), rel
		}
	}
	var out []corpusMakeProject
	for _, repo := range slices.Sorted(maps.Keys(byRepo)) {
		if p := byRepo[repo]; p.makefile != "" {
			out = append(out, *p)
		}
	}
	return out
}

func readMakeDifferences(t *testing.T) map[string]string {
	f, err := os.Open(corpusMakeDifferences)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, ": ")
		if !ok || strings.Count(key, " ") != 1 || reason == "" {
			t.Fatalf("%s: %q is not \"FILE TARGET: reason\"", corpusMakeDifferences, line)
		}
		out[key] = reason
	}
	return out
}

// targetResult is the comparison of one target.
type targetResult struct {
	target string
	// compared says both sides ran; diff says how they differ ("" for
	// not at all) or why they could not be compared.
	compared bool
	diff     string
}

// copyProject writes the project's files into a new scratch directory.
func copyProject(t *testing.T, p corpusMakeProject) string {
	dir := t.TempDir()
	for rel, src := range p.files {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// envReference matches a reference to a variable in a target's name.
var envReference = regexp.MustCompile(`\$\([A-Za-z_][A-Za-z0-9_]*\)`)

// renamedTarget matches the note of a target whose task and script are
// renamed.
var renamedTarget = regexp.MustCompile(`^target "(.*)" becomes the task make:(\S+)`)

func runCorpusProject(t *testing.T, p corpusMakeProject) []targetResult {
	src := copyProject(t, p)
	res, err := Paths([]string{filepath.Join(src, p.makefile)}, Options{Target: emit.Devenv2, From: ir.FormatMakefile, Quiet: true, Scripts: "all"})
	if err != nil {
		t.Fatal(err)
	}
	scriptOf := map[string]string{}
	for _, d := range res.Diagnostics {
		if m := renamedTarget.FindStringSubmatch(d.Message); m != nil {
			scriptOf[m[1]] = m[2]
			// A target named from the environment, as make names it
			// when the variables are not set (the test's environment).
			scriptOf[envReference.ReplaceAllString(m[1], "")] = m[2]
		}
	}
	var cfg *devenvrun.Config
	if res.Output != nil {
		v, err := nixeval.EvalModule(res.Output)
		if err != nil {
			t.Fatal(err)
		}
		if cfg, err = devenvrun.Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	set := stubs.New(t, corpusStubs(t, cfg)...)
	dirs := cdDirs(cfg)
	scratch := func() string {
		d := copyProject(t, p)
		for _, sub := range dirs {
			if err := os.MkdirAll(filepath.Join(d, sub), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	baseEnv := []string{"PATH=" + set.PATH("/usr/local/bin:/usr/bin:/bin"), "LANG=C"}
	run := func(dir string, env []string, name string, args ...string) runResult {
		callsIn(t, set, dir)
		ctx, cancel := context.WithTimeout(context.Background(), corpusRunTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		cmd.Env = append(slices.Clone(env), "HOME="+dir, "DEVENV_ROOT="+dir)
		cmd.WaitDelay = time.Second
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		r := runResult{stdout: filterMake(stdout.String()), stderr: filterMake(stderr.String()), ok: err == nil}
		if ee, ok := err.(*exec.ExitError); ok {
			r.code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ctx.Err() != nil {
			r.code, r.stderr = -1, r.stderr+"(timed out)\n"
		}
		for _, c := range callsIn(t, set, dir) {
			if strings.HasPrefix(c, "make ") {
				r.makes++
			} else {
				r.calls = append(r.calls, c)
			}
		}
		return normalizeRun(r, dir)
	}
	// What make runs when it reads the Makefile.
	base := run(scratch(), baseEnv, filepath.Join(set.Bin, "make"), "-s", ".pc2devenv-no-such-target")
	var out []targetResult
	for _, target := range makeTargets(t, p, scratch()) {
		r := targetResult{target: target}
		name := strings.TrimPrefix(target, "${DIR}/")
		if n, ok := scriptOf[name]; ok {
			name = n
		}
		hasScript := false
		if cfg != nil {
			_, hasScript = cfg.Scripts[name]
		}
		if !hasScript {
			r.diff = "the conversion has no script " + name
			out = append(out, r)
			continue
		}
		mk, sc := scratch(), scratch()
		goal := strings.ReplaceAll(target, "${DIR}", mk)
		want := run(mk, baseEnv, filepath.Join(set.Bin, "make"), "-s", goal)
		// --quiet stands for make -s, which its sub-makes learn from
		// MAKEFLAGS: so do the makes a script runs as written.
		argv, shell := devenvScript(t, cfg, name, nil, sc, append(slices.Clone(baseEnv), "MAKEFLAGS=s"))
		got := run(sc, shell, argv[0], argv[1:]...)
		r.compared = true
		// Each make reads the Makefile; the script runs what make runs
		// then where it is used.
		want.calls = withoutCalls(want.calls, base.calls, want.makes)
		got.calls = withoutCalls(got.calls, base.calls, got.makes+1)
		var diffs []string
		if want.code != got.code {
			diffs = append(diffs, fmt.Sprintf("make exits %d, the script %d", want.code, got.code))
		}
		if sameOrder(want.calls, got.calls) {
			got.calls = want.calls
		}
		for _, d := range []struct{ what, want, got any }{
			{"standard output", want.stdout, got.stdout},
			{"standard error", want.stderr, got.stderr},
			{"the programs run", want.calls, got.calls},
			{"the files left", snapshot(t, mk), snapshot(t, sc)},
		} {
			if diff := cmp.Diff(d.want, d.got); diff != "" {
				diffs = append(diffs, fmt.Sprintf("%s differ (-make +script):\n%s", d.what, diff))
			}
		}
		r.diff = strings.Join(diffs, "\n")
		out = append(out, r)
	}
	return out
}

// withoutCalls returns calls without n occurrences of each of drop.
func withoutCalls(calls, drop []string, n int) []string {
	left := map[string]int{}
	for _, c := range drop {
		left[c] += n
	}
	var out []string
	for _, c := range calls {
		if left[c] > 0 {
			left[c]--
			continue
		}
		out = append(out, c)
	}
	return out
}

// corpusStubs returns the programs to stub: every program a task or
// script of the conversion runs, the real ones running for real.
func corpusStubs(t *testing.T, cfg *devenvrun.Config) []stubs.Program {
	names := map[string]bool{}
	if cfg != nil {
		var texts []string
		for _, task := range cfg.Tasks {
			for _, s := range []*string{task.Exec, task.Status} {
				if s != nil {
					texts = append(texts, *s)
				}
			}
		}
		for _, s := range cfg.Scripts {
			texts = append(texts, s.Exec)
		}
		for _, text := range texts {
			found, _, err := stubs.Programs(text, realPrograms...)
			if err != nil {
				continue // reported by TestCorpusMakefile
			}
			for _, n := range found {
				if !strings.Contains(n, "/") {
					names[n] = true
				}
			}
		}
	}
	var out []stubs.Program
	for _, n := range realPrograms {
		out = append(out, stubs.Program{Name: n, Real: true})
		delete(names, n)
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		out = append(out, stubs.Program{Name: n})
	}
	return out
}

// makeTargets lists the explicit targets of a project's Makefile, from
// make's own database: not special targets, not files that are only
// prerequisites, not the Makefiles themselves, not a name that is only
// declared .PHONY or has neither prerequisites nor recipe (make has
// nothing to do for it). A target named by an absolute path in the
// project's directory (from $(CURDIR) or $(shell pwd)) starts with
// "${DIR}/" for it.
func makeTargets(t *testing.T, p corpusMakeProject, dir string) []string {
	cmd := exec.Command("make", "-pRrq", "-f", p.makefile, ".pc2devenv-no-such-target")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C", "HOME=" + dir}
	out, _ := cmd.Output()
	db := string(out)
	start, end := strings.Index(db, "\n# Files\n"), strings.Index(db, "\n# files hash-table stats")
	if start < 0 || end < start {
		t.Fatalf("make -p printed no database:\n%s", db)
	}
	var targets []string
	for _, entry := range strings.Split(db[start+len("\n# Files\n"):end], "\n\n") {
		lines := strings.Split(strings.TrimSpace(entry), "\n")
		if len(lines) == 0 || lines[0] == "# Not a target:" {
			continue
		}
		name, deps, ok := strings.Cut(lines[0], ":")
		if !ok || strings.HasPrefix(lines[0], "#") {
			continue
		}
		recipe := false
		for _, l := range lines[1:] {
			recipe = recipe || strings.HasPrefix(l, "\t")
		}
		if strings.TrimSpace(strings.TrimPrefix(deps, ":")) == "" && !recipe {
			continue
		}
		if rel, ok := strings.CutPrefix(name, dir+"/"); ok {
			name = "${DIR}/" + rel
		}
		if strings.HasPrefix(name, ".") && !strings.Contains(name, "/") || p.files[name] != "" {
			continue
		}
		targets = append(targets, name)
	}
	sort.Strings(targets)
	return targets
}

// cdDirs returns the directories the commands change into (cd DIR with a
// literal, relative DIR): the scratch copies have them, as the project
// has, so that what a recipe runs there is compared too.
func cdDirs(cfg *devenvrun.Config) []string {
	if cfg == nil {
		return nil
	}
	dirs := map[string]bool{}
	add := func(text string) {
		f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), "")
		if err != nil {
			return
		}
		syntax.Walk(f, func(n syntax.Node) bool {
			c, ok := n.(*syntax.CallExpr)
			if !ok || len(c.Args) != 2 || (c.Args[0].Lit() != "cd" && c.Args[0].Lit() != "pushd") {
				return true
			}
			if d := c.Args[1].Lit(); d != "" && filepath.IsLocal(d) {
				dirs[filepath.Clean(d)] = true
			}
			return true
		})
	}
	for _, task := range cfg.Tasks {
		if task.Exec != nil {
			add(*task.Exec)
		}
	}
	return slices.Sorted(maps.Keys(dirs))
}

// shellMessage matches the start of an error message of the shell that
// ran a recipe: make's /bin/sh -c (dash: "/bin/sh: 1: "), a SHELL of
// bash ("/bin/bash: line 1: "), or the script devenvrun wrote
// ("/…/NAME-123.sh: line 7: ").
var shellMessage = regexp.MustCompile(`(?m)^(?:/bin/sh|/bin/dash|/bin/bash|/usr/bin/bash|/\S*/[^/\s]+-\d+\.sh): (?:line )?\d+: `)

// normalizeRun writes the scratch directory as ${DIR}, and the start of
// the shell's messages as "sh: ".
func normalizeRun(r runResult, dir string) runResult {
	fix := func(s string) string {
		return strings.ReplaceAll(shellMessage.ReplaceAllString(s, "sh: "), dir, "${DIR}")
	}
	r.stdout, r.stderr = fix(r.stdout), fix(r.stderr)
	for i, c := range r.calls {
		r.calls[i] = strings.ReplaceAll(c, dir, "${DIR}")
	}
	return r
}

// sameOrder reports whether got is want but for the order of
// neighbours: the programs of a pipeline start at the same time, in any
// order.
func sameOrder(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := 0; i < len(want); {
		if want[i] == got[i] {
			i++
			continue
		}
		j := i + 2
		for ; j <= len(want) && j <= i+4; j++ {
			if slices.Equal(slices.Sorted(slices.Values(want[i:j])), slices.Sorted(slices.Values(got[i:j]))) {
				break
			}
		}
		if j > len(want) || j > i+4 {
			return false
		}
		i = j
	}
	return true
}
