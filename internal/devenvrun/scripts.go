package devenvrun

import (
	"fmt"
	"os/exec"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// RunScript runs scripts.<name> as devenv's script of that name does when
// a person types it in the shell with args: its exec, written as a script
// "#!bash" and the text (no "set -e"), or run by binary when the script
// names one (as a task's binary: see interpreter), given args as "$@";
// in dir, with the shell's environment (ShellEnv). It returns the exit
// status.
func (c *Config) RunScript(run *procrun.Run, name string, args []string, dir string, opts Options) (int, error) {
	sc, ok := c.Scripts[name]
	if !ok {
		return 0, fmt.Errorf("devenvrun: no script %s", name)
	}
	shell, err := c.ShellEnv(opts.Root, opts.Environ)
	if err != nil {
		return 0, err
	}
	bash := opts.Bash
	if bash == "" {
		if bash, err = exec.LookPath("bash"); err != nil {
			return 0, err
		}
	}
	prog, _, err := interpreter(bash, sc.Binary)
	if err != nil {
		return 0, err
	}
	file, err := writeScript(opts.Scripts, name, prog, rooted(sc.Exec, opts.Root))
	if err != nil {
		return 0, err
	}
	status, inTime, err := run.RunToEnd(procrun.Spec{Label: name, Argv: append([]string{prog, file}, args...), Dir: dir, Env: shell}, 5*time.Minute)
	if err == nil && !inTime {
		err = fmt.Errorf("devenvrun: script %s did not end", name)
	}
	return status, err
}
