package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pc2devenv/pc2devenv/internal/golden"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pc2devenv": func() {
			testHooks()
			os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the command line as a user does, with the scripts in
// testdata/script. PC2DEVENV_UPDATE=1 rewrites their expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("PC2DEVENV_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			// $REPO is the repository's root, for scripts that run the
			// README's commands where it runs them.
			root, err := filepath.Abs(repoRoot)
			env.Setenv("REPO", root)
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"settime": setTime,
			"oldtime": oldTime,
			"golden":  goldenCase,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "nix":
				_, err := exec.LookPath("nix-instantiate")
				return err == nil, nil
			}
			return false, nil
		},
	})
}

// goldenCase writes golden cases of testdata/golden as directories
// $WORK/CASE, with their sources and their expected outputs
// (golden.Case.WriteDir):
// golden CASE...
func goldenCase(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: golden CASE...")
	}
	for _, name := range args {
		c, err := golden.Load(filepath.Join(ts.Getenv("REPO"), "testdata", "golden", name+".txtar"))
		ts.Check(err)
		ts.Check(c.WriteDir(filepath.Join(ts.Getenv("WORK"), name)))
	}
}

// past is the modification time settime gives files, and oldtime expects.
var past = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)

// setTime sets the modification time of files to long ago:
// settime FILE...
func setTime(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: settime FILE...")
	}
	for _, f := range args {
		ts.Check(os.Chtimes(ts.MkAbs(f), past, past))
	}
}

// oldTime checks that files were not written since settime:
// [!] oldtime FILE...
func oldTime(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: [!] oldtime FILE...")
	}
	for _, f := range args {
		st, err := os.Stat(ts.MkAbs(f))
		ts.Check(err)
		if old := st.ModTime().Equal(past); old == neg {
			ts.Fatalf("%s: modified %v", f, st.ModTime())
		}
	}
}
