package convert

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/devenvopts"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The golden cases live in testdata/golden/<case>/: the sources, an
// optional "args" file, and per target T the expected T.nix (absent when
// the case cannot be converted) and T.diag (every diagnostic, notes
// included; absent when there is none). PC2DEVENV_UPDATE=1 go test ./... rewrites the expectations.
const goldenDir = "../testdata/golden"

var update = os.Getenv("PC2DEVENV_UPDATE") != ""

// goldenArgs are a case's settings, from its "args" file: lines of
// "key: value". "paths:" names the files to convert instead of the case
// directory, "targets:" restricts the targets, and "flags:" gives
// conversion flags as the command line spells them.
type goldenArgs struct {
	paths   []string
	opts    Options
	targets []emit.Target
}

func readArgs(t *testing.T, dir string) goldenArgs {
	a := goldenArgs{targets: emit.Targets}
	f, err := os.Open(filepath.Join(dir, "args"))
	if os.IsNotExist(err) {
		return a
	} else if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, _ := strings.Cut(line, ":")
		value = strings.TrimSpace(value)
		switch key {
		case "paths":
			for _, p := range strings.Fields(value) {
				a.paths = append(a.paths, filepath.Join(dir, p))
			}
		case "flags":
			fs := pflag.NewFlagSet("args", pflag.ContinueOnError)
			a.opts.AddFlags(fs)
			if err := fs.Parse(strings.Fields(value)); err != nil || fs.NArg() > 0 {
				t.Fatalf("args: flags %q: %v", value, err)
			}
		case "targets":
			a.targets = nil
			for _, name := range strings.Fields(value) {
				tg, err := emit.ParseTarget(name)
				if err != nil {
					t.Fatalf("args: %v", err)
				}
				a.targets = append(a.targets, tg)
			}
		default:
			t.Fatalf("args: unknown key %q", key)
		}
	}
	return a
}

func loadOptions(t *testing.T) *devenvopts.Options {
	o, err := devenvopts.Load("../../shared/reference/devenv-options.json")
	if err != nil {
		t.Logf("devenv option list not available, option paths not checked: %v", err)
		return nil
	}
	return o
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	opts := loadOptions(t)
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			t.Errorf("%s: stray file in %s; every case is a directory", e.Name(), goldenDir)
			continue
		}
		n++
		dir := filepath.Join(goldenDir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			runGolden(t, dir, opts)
		})
	}
	if n == 0 {
		t.Fatal("no golden cases")
	}
}

func runGolden(t *testing.T, dir string, opts *devenvopts.Options) {
	args := readArgs(t, dir)
	expected := map[string]bool{"args": true}
	for _, tg := range args.targets {
		paths := args.paths
		if paths == nil {
			paths = []string{dir}
		}
		copts := args.opts
		copts.Target = tg
		res, err := Paths(paths, copts)
		if err != nil {
			t.Fatalf("%s: %v", tg, err)
		}
		nixFile := filepath.Join(dir, tg.String()+".nix")
		diagFile := filepath.Join(dir, tg.String()+".diag")
		expected[filepath.Base(nixFile)] = true
		expected[filepath.Base(diagFile)] = true
		var diag bytes.Buffer
		for _, d := range res.Diagnostics {
			fmt.Fprintln(&diag, strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
		}
		compareGolden(t, diagFile, diag.Bytes(), diag.Len() > 0)
		compareGolden(t, nixFile, res.Output, res.Output != nil)
		if res.Output != nil {
			checkOutput(t, tg, dir, args, res, opts)
		}
	}
	files, _ := os.ReadDir(dir)
	inputs := 0
	for _, f := range files {
		name := f.Name()
		switch {
		case expected[name]:
		case strings.HasSuffix(name, ".nix") || strings.HasSuffix(name, ".diag"):
			if update {
				os.Remove(filepath.Join(dir, name))
				continue
			}
			t.Errorf("%s: expected output for no test (remove it, or run with PC2DEVENV_UPDATE=1)", name)
		default:
			inputs++
		}
	}
	if inputs == 0 {
		t.Errorf("%s holds no source file", dir)
	}
}

// compareGolden compares got with the golden file, or rewrites it in
// update mode. want says whether the golden file should exist at all.
func compareGolden(t *testing.T, file string, got []byte, want bool) {
	t.Helper()
	old, err := os.ReadFile(file)
	exists := err == nil
	if update {
		switch {
		case want && !bytes.Equal(old, got):
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
		case !want && exists:
			os.Remove(file)
		}
		return
	}
	switch {
	case want && !exists:
		t.Errorf("%s is missing (run with PC2DEVENV_UPDATE=1 to create it); got:\n%s", file, got)
	case !want && exists:
		t.Errorf("%s exists, but the case produced no output", file)
	case want && !bytes.Equal(old, got):
		t.Errorf("%s differs (-want +got):\n%s", file, cmp.Diff(string(old), string(got)))
	}
}

// checkOutput proves the output with the real Nix evaluator: it parses,
// its option paths exist in devenv, and each process's command and
// environment come back as process-compose would have run them.
func checkOutput(t *testing.T, tg emit.Target, dir string, args goldenArgs, res *Result, opts *devenvopts.Options) {
	t.Helper()
	if !nixeval.Available() {
		return
	}
	if err := nixeval.Parse(res.Output); err != nil {
		t.Errorf("%s: %v", tg, err)
		return
	}
	v, err := nixeval.EvalModule(res.Output)
	if err != nil {
		t.Errorf("%s: %v", tg, err)
		return
	}
	if opts != nil {
		for _, p := range opts.Check(v, tg != emit.Devenv1) {
			t.Errorf("%s: %s", tg, p)
		}
	}
	for _, s := range res.Sources {
		if FormatOf(s, nil) == ir.FormatMakefile || args.opts.From == ir.FormatMakefile {
			checkBash(t, v)
			break
		}
	}
	for _, s := range res.Sources {
		path := filepath.Join(res.Dir, s)
		if args.opts.From != "" && args.opts.From != ir.FormatProcessCompose || FormatOf(path, nil) != ir.FormatProcessCompose {
			continue
		}
		checkProcessCompose(t, tg, path, v)
	}
}

// checkProcessCompose compares the evaluated output with the source as an
// independent YAML decoder reads it: commands with "$$" turned into "$",
// and environment values.
func checkProcessCompose(t *testing.T, tg emit.Target, file string, out map[string]any) {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		DisableEnvExpansion bool `yaml:"disable_env_expansion"`
		Processes           map[string]struct {
			Command     string `yaml:"command"`
			Environment any    `yaml:"environment"`
		} `yaml:"processes"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return
	}
	load := func(s string) string {
		if doc.DisableEnvExpansion {
			return s
		}
		return strings.ReplaceAll(s, "$$", "$")
	}
	for name, p := range doc.Processes {
		proc, ok := nixeval.Get(out, "processes", name)
		if !ok {
			proc, ok = nixeval.Get(out, "tasks", "pc:"+name)
		}
		if !ok {
			continue // renamed or replaced: the case's diagnostics say so
		}
		want := load(p.Command)
		got, _ := nixeval.Get(proc, "exec")
		if !commandMatches(tg, got, want) {
			t.Errorf("%s: process %q: evaluated exec is %q, want %q", tg, name, got, want)
		}
		// The runners pass environment entries on in order, so the last
		// of repeated names wins; entries without a name or "=" are
		// not variables.
		entries, _ := p.Environment.([]any)
		last := map[string]string{}
		for _, e := range entries {
			entry := fmt.Sprint(e)
			if k, _, ok := strings.Cut(entry, "="); ok && k != "" {
				last[k] = entry
			}
		}
		for k, entry := range last {
			_, val, _ := strings.Cut(entry, "=")
			if tg == emit.Devenv1 {
				list, _ := nixeval.Get(proc, "process-compose", "environment")
				found := false
				for _, x := range list.([]any) {
					if xs, _ := x.(string); load(xs) == load(entry) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: process %q: environment lacks %q", tg, name, entry)
				}
				continue
			}
			if strings.Contains(load(val), "${") {
				continue // exported in the command
			}
			if got, ok := nixeval.Get(proc, "env", k); !ok || got != load(val) {
				t.Errorf("%s: process %q: env.%s is %v, want %q", tg, name, k, got, load(val))
			}
		}
	}
}

// commandMatches reports whether an evaluated exec runs the source command:
// exactly, or after lines the target needs ("set +e", exports).
func commandMatches(tg emit.Target, got any, want string) bool {
	s, ok := got.(string)
	if !ok {
		return false
	}
	for _, cand := range undoQuoteMoves(s) {
		if cand == want || tg != emit.Devenv1 && afterPreamble(cand, want) {
			return true
		}
	}
	return false
}

// Patterns of the emitter's moving ${...} out of single quotes, which
// bashCommand's tests check against real bash.
var (
	movedMid   = regexp.MustCompile(`'"(\$\{[^}"]*\})"'`)
	movedEnd   = regexp.MustCompile(`'"(\$\{[^}"]*\})"`)
	movedStart = regexp.MustCompile(`"(\$\{[^}"]*\})"'`)
	movedWhole = regexp.MustCompile(`"(\$\{[^}"]*\})"`)
)

// undoQuoteMoves returns s, and s with references put back into the
// single quotes they were moved out of.
func undoQuoteMoves(s string) []string {
	u := movedMid.ReplaceAllString(s, "$1")
	u = movedEnd.ReplaceAllString(u, "$1'")
	u = movedStart.ReplaceAllString(u, "'$1")
	return []string{s, u, movedWhole.ReplaceAllString(u, "'$1'")}
}

// afterPreamble reports whether s is want after lines a typed target
// adds: "set +e" and exports.
func afterPreamble(s, want string) bool {
	for _, w := range []string{"\n" + want, "\n" + want + "\n"} {
		if pre, ok := strings.CutSuffix(s, w); ok {
			for _, line := range strings.Split(pre, "\n") {
				if line != "set +e" && !strings.HasPrefix(line, "export ") {
					return false
				}
			}
			return true
		}
	}
	return false
}
