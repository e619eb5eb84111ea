package stubs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// The program behind the stubs: command stubexe, built once per test
// binary, or the test binary itself when stubexe cannot be built (no go
// command). A stub runs it for every call, so it must start fast.
var (
	exeOnce sync.Once
	exePath string
	exeDir  string // the directory built into, removed by Main
	exeErr  error
)

// stubExe returns the program the stubs run.
func stubExe() (string, error) {
	exeOnce.Do(func() {
		if dir, out, err := buildExe(); err == nil {
			exeDir, exePath = dir, out
			return
		}
		exePath, exeErr = os.Executable()
	})
	return exePath, exeErr
}

// buildExe builds command stubexe into a new temporary directory.
func buildExe() (dir, exe string, err error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", "", err
	}
	dir, err = os.MkdirTemp("", "pc2devenv-stubexe")
	if err != nil {
		return "", "", err
	}
	exe = filepath.Join(dir, "stubexe")
	cmd := exec.Command(goCmd, "build", "-o", exe, "github.com/pc2devenv/pc2devenv/internal/stubs/stubexe")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", "", fmt.Errorf("building stubexe: %v\n%s", err, out)
	}
	return dir, exe, nil
}

// removeExe removes stubexe, if it was built.
func removeExe() {
	if exeDir != "" {
		os.RemoveAll(exeDir)
	}
}
