// Package behave is the behaviour harness: it runs a project the way its
// source's runner does (package sourcerun, from models written apart from
// the converter) and runs its conversion the way devenv does (package
// devenvrun), both in a scratch copy of the project with every program
// the commands call replaced by a recording stub (package stubs), and
// compares, process by process, what the programs saw: the events
// (program, arguments, working directory, and every variable that is not
// the runner's inherited environment; in any order, since a pipeline's
// calls come in any), the order of starts against the source's
// dependencies, what runs at stop, and the exit status.
//
// Stubs exit 0 at once; sleep takes no time ("sleep infinity", and any
// sleep past the twentieth of a process group, waits until the process
// is stopped); past 200 calls in a process group a stub waits too, so
// that loops settle. A run starts the processes (dependents first among
// those that may start at the same moment, so that a missing dependency
// shows), waits until every process has exited or waits, then stops
// them and records what runs at stop.
package behave

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// Scratch is a project's directory for one comparison: a copy of its
// files, the directories its commands use, and what the runs share.
type Scratch struct {
	// Root is the copy of the project's directory.
	Root string
	// Programs are the programs the commands of every side run.
	Programs []string
	// Dirs are the directories, relative to Root, the commands run in
	// or cd into; the path stubs are installed in each.
	Dirs []string
	// Env is the environment both runners are started with (PATH
	// excepted, which each run puts its stubs in front of).
	Env []string
	// Dynamic are command words no stub can stand for ("$CMD").
	Dynamic []string
}

// NewScratch copies the files of dir (not its subdirectories' .nix and
// .diag outputs, which do not matter) into a new temporary directory.
// env are variables to set for both runners besides PATH and HOME.
func NewScratch(t testing.TB, dir string, env []string) *Scratch {
	t.Helper()
	root := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		dst := filepath.Join(root, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc := &Scratch{Root: root, Dirs: []string{"."}}
	sc.Env = baseEnv(root, env)
	return sc
}

// NewScratchFile is NewScratch for one file, copied under the name name.
func NewScratchFile(t testing.TB, file, name string, env []string) *Scratch {
	t.Helper()
	root := t.TempDir()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
	sc := &Scratch{Root: root, Dirs: []string{"."}}
	sc.Env = baseEnv(root, env)
	return sc
}

// baseEnv is the environment the runners are started with: as from a
// shell in the project's directory.
func baseEnv(root string, env []string) []string {
	return append([]string{"HOME=" + root, "PWD=" + root, "USER=pc2devenv", "LANG=C.UTF-8"}, env...)
}

// AddCommand takes in a bash command some side runs in dir (relative to
// Root, "" for Root): the programs it calls, and the directories it cds
// into. A command bash cannot parse adds nothing.
func (sc *Scratch) AddCommand(cmd, dir string) {
	if dir != "" {
		sc.AddDir(dir)
	}
	names, dynamic, err := stubs.Programs(cmd)
	if err != nil {
		// bash runs the lines before the one it cannot read.
		bad := shell.BashSyntax(cmd)
		if bad == nil || bad.Line < 2 {
			return
		}
		lines := strings.SplitAfter(cmd, "\n")
		sc.AddCommand(strings.Join(lines[:min(bad.Line-1, len(lines))], ""), dir)
		return
	}
	for _, n := range names {
		if !slices.Contains(sc.Programs, n) {
			sc.Programs = append(sc.Programs, n)
		}
	}
	for _, d := range dynamic {
		if !slices.Contains(sc.Dynamic, d) {
			sc.Dynamic = append(sc.Dynamic, d)
		}
	}
	f, err := shell.Parse(cmd)
	if err != nil {
		return
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		ce, ok := n.(*syntax.CallExpr)
		if !ok || len(ce.Args) < 2 {
			return true
		}
		name, ok := ce.Args[0].Lit(), ce.Args[0].Lit() != ""
		if !ok || name != "cd" && name != "pushd" {
			return true
		}
		arg := ce.Args[1].Lit()
		if arg == "" || filepath.IsAbs(arg) {
			return true
		}
		base := dir
		if base == "" {
			base = "."
		}
		sc.AddDir(filepath.Join(base, arg))
		sc.AddDir(arg)
		return true
	})
}

// AddProgram adds a program to stub.
func (sc *Scratch) AddProgram(name string) {
	if name != "" && !slices.Contains(sc.Programs, name) {
		sc.Programs = append(sc.Programs, name)
	}
}

// AddDir adds a directory, relative to Root, that a command runs in; one
// outside Root is left out.
func (sc *Scratch) AddDir(dir string) {
	if filepath.IsAbs(dir) {
		rel, err := filepath.Rel(sc.Root, dir)
		if err != nil {
			return
		}
		dir = rel
	}
	dir = filepath.Clean(dir)
	if !filepath.IsLocal(dir) && dir != "." {
		return
	}
	if !slices.Contains(sc.Dirs, dir) {
		sc.Dirs = append(sc.Dirs, dir)
	}
}

// realPrograms are run for real after their call is recorded: a shell a
// command starts runs its own commands, which are stubs in turn.
var realPrograms = []string{"bash", "sh"}

// Stubs makes the stub set of one run, with every program and the
// directories, and installs the path stubs in the directories.
func (sc *Scratch) Stubs(t testing.TB) *stubs.Set {
	t.Helper()
	var progs []stubs.Program
	for _, name := range sc.Programs {
		if strings.ContainsAny(name, "\x00\n") || strings.HasPrefix(name, ".") && !strings.Contains(name, "/") {
			continue
		}
		p := stubs.Program{Name: name}
		switch {
		case name == "sleep":
			p.Sleep = true
		case slices.Contains(realPrograms, name):
			p.Real = true
		}
		progs = append(progs, p)
	}
	if !slices.Contains(sc.Programs, "sleep") {
		progs = append(progs, stubs.Program{Name: "sleep", Sleep: true})
	}
	s := stubs.New(t, progs...)
	if err := s.SetLimits(stubs.Limits{Calls: 200, Sleeps: 20}); err != nil {
		t.Fatal(err)
	}
	for _, d := range sc.Dirs {
		p := filepath.Join(sc.Root, d)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			continue
		}
		os.MkdirAll(p, 0o755)
	}
	// A path stub that cannot be made (a quote in it, a file in the way)
	// is left out: both sides then find no program there.
	s.InstallIn(sc.Root, sc.Dirs...)
	return s
}

// Environ returns the environment a run's runner is started with.
func (sc *Scratch) Environ(s *stubs.Set) []string {
	return append([]string{"PATH=" + s.PATH(os.Getenv("PATH"))}, sc.Env...)
}

// lookReal finds the real program of a name, on the test's PATH.
func lookReal(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	return "/nonexistent/" + name
}
