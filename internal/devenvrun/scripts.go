package devenvrun

import (
	"fmt"
	"os/exec"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// ScriptCommand writes the script devenv makes of scripts.<name>, in
// opts.Scripts, and returns the command that runs when a person types
// the script's name with args in the shell: the interpreter, the
// script's file and args ("$@"). The file is "#!bash" and the exec (no
// "set -e"), or, when the script names a binary, that program's (as a
// task's binary: see interpreter).
func (c *Config) ScriptCommand(name string, args []string, opts Options) ([]string, error) {
	sc, ok := c.Scripts[name]
	if !ok {
		return nil, fmt.Errorf("devenvrun: no script %s", name)
	}
	bash := opts.Bash
	if bash == "" {
		var err error
		if bash, err = exec.LookPath("bash"); err != nil {
			return nil, err
		}
	}
	prog, _, err := interpreter(bash, sc.Binary)
	if err != nil {
		return nil, err
	}
	file, err := writeScript(opts.Scripts, name, prog, rooted(sc.Exec, opts.Root))
	if err != nil {
		return nil, err
	}
	return append([]string{prog, file}, args...), nil
}

// RunScript runs scripts.<name> with run as ScriptCommand says, in dir,
// with the shell's environment (ShellEnv), and returns its exit status.
func (c *Config) RunScript(run *procrun.Run, name string, args []string, dir string, opts Options) (int, error) {
	argv, err := c.ScriptCommand(name, args, opts)
	if err != nil {
		return 0, err
	}
	shell, err := c.ShellEnv(opts.Root, opts.Environ)
	if err != nil {
		return 0, err
	}
	status, inTime, err := run.RunToEnd(procrun.Spec{Label: name, Argv: argv, Dir: dir, Env: shell}, 5*time.Minute)
	if err == nil && !inTime {
		err = fmt.Errorf("devenvrun: script %s did not end", name)
	}
	return status, err
}
