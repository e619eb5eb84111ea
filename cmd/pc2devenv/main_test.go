package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pc2devenv": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
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
