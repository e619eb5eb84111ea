package devenvrun

import (
	"context"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file runs the processes of a configuration as devenv up does:
// the processes devenv starts (start.enable), and, by Mode (before when
// empty), everything upstream of them: the tasks and processes they wait
// for, and the processes of the services the configuration enables,
// which run nothing here (stand-ins that start, and are ready, at once).
//
// Under the native manager, a process is a script "#!bash", "set -e",
// its exec, run in a session of its own, in cwd (devenv.root when null),
// with the shell's environment and its env; it waits for its "after"
// entries (a process's readiness by default, @started, @completed; a
// task's success by default, @completed), which devenv-tasks refuses
// when a process waited for @ready has no readiness check (ready, ports
// or a TCP listen); it is stopped with SIGTERM to its process group, then
// SIGKILL.
//
// Under the process-compose manager (pcmanager.go), devenv renders
// process-compose settings: an enabled process's command is "exec
// devenv-tasks run … devenv:processes:NAME", which runs the same script,
// in cwd, in a new process group (modelled here as the script itself); a
// disabled or interactive process's command is its exec, run directly by
// process-compose's bash -c, in its process-compose.working_dir (cwd is
// not applied). depends_on comes from after (and other processes'
// before: @started is process_started, @ready process_healthy, @completed
// process_completed) merged with the process's own process-compose
// settings; readiness_probe from ready.exec or ready.http; environment
// from env, then process-compose.environment. process-compose loads what
// devenv rendered: "$$" becomes "$", ${VAR} is substituted from its
// environment and templates are rendered, in every string of the file
// (the exec of a wrapped process is not there). is_strict refuses a
// process_healthy dependency on a process without a readiness probe,
// and a dependency on an undefined or disabled process. A process with
// shutdown.command runs it, in its process-compose working directory,
// instead of getting its signal; a daemon (is_daemon) counts as running
// once its command exits 0.

// Scheduler runs the processes of a configuration, as devenv up does.
type Scheduler struct {
	e          *engine
	quit, done chan struct{}
}

// StartProcesses starts what devenv up starts, with run, and goes on
// starting what waits until it can start, until Stop. A configuration
// devenv refuses to run is a *Refused error.
func (c *Config) StartProcesses(run *procrun.Run, opts Options) (*Scheduler, error) {
	manager := opts.Manager
	if manager == "" {
		manager = c.Manager()
	}
	e, err := newEngine(context.Background(), c, run, opts, manager)
	if err != nil {
		return nil, err
	}
	var roots []*node
	for _, n := range e.sortedNodes() {
		if n.kind != isTask && n.enabled {
			roots = append(roots, n)
		}
	}
	if err := e.choose(roots, opts.Mode); err != nil {
		return nil, err
	}
	s := &Scheduler{e: e, quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		e.loop(s.quit, nil)
	}()
	return s, nil
}

// Idle reports whether the scheduler has nothing to do until something
// happens.
func (s *Scheduler) Idle() bool { return s.e.idleNow() }

// Stop stops the scheduler and then the processes: under the native
// manager, SIGTERM to each process group, then SIGKILL; under
// process-compose, each process's shutdown command, or its signal. A task
// still running is killed.
func (s *Scheduler) Stop() {
	close(s.quit)
	<-s.done
	s.e.shutdown()
}

// nativeReadiness decides how the native manager tells that a process is
// ready: its ready.exec, run until it passes; an HTTP check or a port
// (no stub answers them), once it has started; with neither, at once.
func (e *engine) nativeReadiness(n *node) {
	p := n.proc
	if p.Ready != nil && p.Ready.Exec != nil {
		spec := e.nativeSpec(n)
		spec.Argv = []string{e.bash, "-c", rooted(*p.Ready.Exec, e.opts.Root)}
		n.probe = &spec
		return
	}
	n.readyAtStart = true
}

// nativeSpec returns how the native manager runs a process, its command
// aside: in a session of its own, in its cwd, with the shell's
// environment, its task's env and its own.
func (e *engine) nativeSpec(n *node) procrun.Spec {
	return procrun.Spec{Label: n.label, Dir: e.dir(n.proc.Cwd), Env: e.environ(nil, n.task.Env, n.proc.Env), Session: true}
}

// processSpec returns the command of a process: its exec as a script
// "#!bash", "set -e", exec, or, for a process process-compose runs
// directly, bash -c and the command process-compose loaded.
func (e *engine) processSpec(n *node) (procrun.Spec, error) {
	if n.pc != nil && n.pc.direct {
		return procrun.Spec{Label: n.label, Argv: []string{e.bash, "-c", n.pc.command}, Dir: n.pc.workingDir, Env: n.pc.env}, nil
	}
	spec := e.nativeSpec(n)
	if n.pc != nil {
		// devenv-tasks, started by process-compose: in process-compose's
		// working directory unless cwd says otherwise, with
		// process-compose's environment (which holds the task's and the
		// process's env: pcSettings), in a process group of its own.
		spec = procrun.Spec{Label: n.label, Dir: n.pc.workingDir, Env: n.pc.env}
		if n.proc.Cwd != nil {
			spec.Dir = e.dir(n.proc.Cwd)
		}
	}
	script, err := writeScript(e.opts.Scripts, n.label, e.bash, "set -e\n"+rooted(n.proc.Exec, e.opts.Root))
	if err != nil {
		return spec, err
	}
	spec.Argv = []string{e.bash, script}
	return spec, nil
}

// restarts says whether devenv would start a process again after it
// exited: devenv-tasks by restart.on (on_failure by default) and
// restart.max (5 by default; null for no limit; 0 for none), and under
// the process-compose manager also process-compose, by the process's
// availability.restart.
func (e *engine) restarts(n *node) bool {
	if n.kind != isProcess {
		return false
	}
	on, limit := "on_failure", 5
	if r := n.proc.Restart; r != nil {
		if r.On != nil {
			on = *r.On
		}
		if r.Max != nil {
			limit = *r.Max
		} else if e.restartMaxNull(n.label) {
			limit = -1
		}
	}
	devenv := limit != 0 && (on == "always" || on == "on_failure" && n.status != 0)
	if e.opts.Version1 {
		devenv = false
	}
	if n.pc == nil {
		return devenv
	}
	pc := n.pc.restart == "always" || (n.pc.restart == "on_failure" || n.pc.restart == "exit_on_failure") && n.status != 0
	return devenv || pc
}

// restartMaxNull reports whether the process's restart.max is null (no
// limit), which the typed Config does not tell from its absence.
func (e *engine) restartMaxNull(name string) bool {
	procs, _ := e.cfg.Raw["processes"].(map[string]any)
	p, _ := procs[name].(map[string]any)
	r, _ := p["restart"].(map[string]any)
	v, ok := r["max"]
	return ok && v == nil
}
