package devenvrun

import "io"

// Mode says which tasks a run starts besides the ones it is asked for:
// devenv's --mode, of "devenv tasks run" and of "devenv up".
type Mode string

const (
	// ModeBefore runs the named tasks and every task upstream of them:
	// devenv's default.
	ModeBefore Mode = "before"
	// ModeSingle runs the named tasks alone.
	ModeSingle Mode = "single"
	// ModeAfter runs the named tasks and every task downstream of them.
	ModeAfter Mode = "after"
	// ModeAll runs both.
	ModeAll Mode = "all"
)

// Options say where and how devenv runs, for StartProcesses ("devenv
// up"), RunTasks ("devenv tasks run") and RunScript.
type Options struct {
	// Root is devenv.root, the project's directory, which devenv is run
	// in: a process or task without cwd runs there, and a relative cwd
	// is read from there. The evaluated module's stand-in for it
	// (nixeval.Root) is replaced by it.
	Root string
	// Environ is the environment devenv is run in, as "NAME=value"
	// entries: the shell's environment (ShellEnv) is built on it.
	Environ []string
	// Bash is the bash devenv runs scripts with, as devenv's store path
	// does: it is not looked up in the commands' PATH, which may hold
	// stubs. Empty means the bash found in this program's PATH.
	Bash string
	// Scripts is a directory for the scripts written for processes and
	// tasks; empty means the system's temporary directory.
	Scripts string
	// Manager overrides the configuration's process manager ("native"
	// or "process-compose") for StartProcesses. RunTasks runs the
	// processes a task needs as devenv-tasks does, natively.
	Manager string
	// Version1 says the configuration is for devenv 1, which had no
	// restart option and no devenv-tasks between process-compose and a
	// process: process-compose's availability alone decides restarts.
	Version1 bool
	// Mode is devenv's --mode; empty means ModeBefore. StartProcesses
	// starts from the processes devenv up starts.
	Mode Mode

	// Priority orders the processes and tasks that can start at the
	// same moment, by label: lower first. Nil leaves them in name order.
	Priority func(label string) int
	// Seed, when not 0, permutes the order in which processes and tasks
	// that can start at the same moment are started (before Priority
	// orders them): each seed is another schedule devenv could have
	// chosen.
	Seed uint64
	// Parallel is the number of tasks that run at once; 0 means no
	// limit, as devenv does. 1 runs one task at a time.
	Parallel int

	// Stdout and Stderr receive the tasks' output as they write it; nil
	// discards it. RunTasks keeps each task's output in its TaskResult
	// too.
	Stdout, Stderr io.Writer
}

// Refused is the error of a configuration devenv refuses to run: an
// unknown task, a cycle, a suffix that does not apply, a wait for the
// readiness of a process that has none.
type Refused struct{ Why string }

func (r *Refused) Error() string { return "devenv refuses to start: " + r.Why }
