// Command pc2devenv converts a project's process-compose.yml, Procfile or
// Makefile into an idiomatic devenv.nix, and checks that the two stay in
// step.
//
// Usage:
//
//	pc2devenv convert [flags] [PATH ...]
//	pc2devenv diff [flags] [PATH ...]
//	pc2devenv report [flags] [PATH ...]
//	pc2devenv explain ID
//	pc2devenv completion SHELL
//	pc2devenv version (or --version, -V)
//	pc2devenv help [COMMAND]
//
// Run "pc2devenv help COMMAND" for a command's flags and examples. The
// README (https://github.com/pc2devenv/pc2devenv) says what the
// conversion does and how to use it in CI.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// Exit codes, the same for every command.
const (
	exitOK    = 0 // success (for diff: nothing differs)
	exitFail  = 1 // the inputs are not as they should be: drift, could not convert, or a warning under --strict
	exitUsage = 2 // a usage error, or an internal error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes besides files.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run runs the command line args and returns the exit code. A bug that
// gets this far (a panic) is reported in one line, without a stack, and
// exits with exitUsage.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "pc2devenv: internal error: %v (please report this, with the command line and its input)\n", v)
			code = exitUsage
		}
	}()
	if testhook.Command != nil {
		testhook.Command(args)
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		writeUsage(stderr)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "convert":
		return e.convert(rest)
	case "diff":
		return e.diff(rest)
	case "report":
		return e.reportCmd(rest)
	case "version", "--version", "-V":
		return e.version(rest)
	case "explain":
		return e.explain(rest)
	case "completion":
		return e.completion(rest)
	case "help":
		return e.help(rest)
	case "-h", "--help":
		writeUsage(stdout)
		return exitOK
	default:
		return e.usageError("", unknownCommand(cmd))
	}
}

// usageError reports a wrong command line and returns exitUsage.
func (e *env) usageError(cmd, msg string) int {
	prefix := "pc2devenv"
	if cmd != "" {
		prefix += " " + cmd
	}
	help := "pc2devenv help"
	if cmd != "" {
		help += " " + cmd
	}
	fmt.Fprintf(e.stderr, "%s: %s\nRun '%s' for usage.\n", prefix, msg, help)
	return exitUsage
}
