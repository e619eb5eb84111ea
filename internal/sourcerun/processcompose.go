// Package sourcerun runs a project as its source's runner does, from
// models written apart from the converter: process-compose (a project
// loaded by package pcmodel, run by package pcrun) and foreman (a
// Procfile and its .env, read here). The behaviour tests compare what it
// records with what the converted devenv.nix does under package
// devenvrun.
package sourcerun

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// Env is where and how a runner runs.
type Env struct {
	// Root is the directory the runner is started in: the project's.
	Root string
	// Environ is the runner's own environment, which every process
	// inherits.
	Environ []string
	// LookPath finds the real program of a name (a shell), not a stub.
	LookPath func(name string) string
	// Container is the command that calls the container engine's stub,
	// ContainerProgram, without a shell in between (see
	// stubs.Set.Direct); nil to look ContainerProgram up in PATH.
	Container []string
}

// ProcessCompose returns what process-compose runs for a loaded project,
// whose .env file (godotenv's reading, loaded from Root) is dotenv. It
// runs the project's env_cmds first, as process-compose does before it
// starts any process, with run.
func ProcessCompose(run *procrun.Run, proj *pcmodel.Project, dotenv []pcmodel.Var, env Env) pcrun.Config {
	shell := []string{env.LookPath(proj.Shell[0]), proj.Shell[1]}
	global := append([]string(nil), proj.Env...)
	for _, c := range proj.EnvCmds {
		// env_cmds run with the default runner, bash -c, for at most 2
		// seconds; a failure leaves the variable out.
		out, ok := output(run, procrun.Spec{Label: "(env_cmds)", Argv: []string{env.LookPath("bash"), "-c", c.Command}, Dir: env.Root, Env: env.Environ})
		if ok {
			global = append(global, c.Name+"="+strings.TrimSpace(out))
		}
	}
	var cfg pcrun.Config
	cfg.OrderedShutdown = proj.OrderedShutdown
	for _, mp := range proj.Procs {
		dir := env.Root
		if mp.WorkingDir != "" {
			dir = filepath.Join(env.Root, mp.WorkingDir)
			if filepath.IsAbs(mp.WorkingDir) {
				dir = mp.WorkingDir
			}
		}
		vars := procrun.NewEnviron()
		vars.Set("PC_PROC_NAME", mp.Name)
		vars.Set("PC_REPLICA_NUM", strconv.Itoa(mp.Replica))
		if !mp.DotenvDisabled {
			for _, v := range dotenv {
				vars.Set(v.Name, v.Value)
			}
		}
		vars.Add(env.Environ)
		vars.Add(global)
		if mp.EnvFile != "" {
			f := mp.EnvFile
			if !filepath.IsAbs(f) {
				f = filepath.Join(dir, f)
			}
			// A missing or unreadable env_file is logged and left out.
			if b, err := os.ReadFile(f); err == nil {
				if vs, err := pcmodel.ReadDotenv(string(b)); err == nil {
					for _, v := range vs {
						vars.Set(v.Name, v.Value)
					}
				}
			}
		}
		for _, k := range mp.EnvOrder {
			vars.Set(k, mp.Env[k])
		}
		environ := vars.List()
		argv := append(append([]string(nil), shell...), mp.Command)
		if mp.Command == "" && len(mp.Entrypoint) > 0 {
			argv = mp.Entrypoint
		}
		p := &pcrun.Proc{
			Name:     mp.Name,
			Spec:     procrun.Spec{Argv: argv, Dir: dir, Env: environ},
			Daemon:   mp.Daemon,
			Restart:  mp.Restart,
			Disabled: mp.Disabled || mp.Foreground,
			Shutdown: procrun.Shutdown{Signal: mp.Shutdown.Signal, ParentOnly: mp.Shutdown.ParentOnly},
		}
		for _, d := range mp.DependsOn {
			p.DependsOn = append(p.DependsOn, pcrun.Dep{Name: d.Name, Condition: d.Condition})
		}
		if r := mp.Readiness; r != nil {
			probe := &pcrun.Probe{HTTP: r.HTTP}
			if n, err := strconv.Atoi(r.HTTPPort); r.HTTP && (err != nil || n < 1 || n > 65535) {
				probe.Broken = true
			}
			if !r.HTTP {
				pdir := dir
				if r.WorkingDir != "" {
					pdir = filepath.Join(env.Root, r.WorkingDir)
				}
				probe.Spec = procrun.Spec{Argv: append(append([]string(nil), shell...), r.Exec), Dir: pdir, Env: environ}
			}
			p.Readiness = probe
		}
		// shutdown.command runs in the process's working directory, with
		// its environment.
		if c := mp.Shutdown.Command; c != "" {
			p.Shutdown.Command = &procrun.Spec{Argv: append(append([]string(nil), shell...), c), Dir: dir, Env: environ}
		}
		cfg.Procs = append(cfg.Procs, p)
	}
	return cfg
}

// output runs a command to its end (2 seconds at most) and returns what it
// printed, and whether it succeeded.
func output(run *procrun.Run, spec procrun.Spec) (string, bool) {
	var b strings.Builder
	spec.Stdout = &b
	status, inTime, err := run.RunToEnd(spec, 2*time.Second)
	if err != nil || !inTime || status != 0 {
		return "", false
	}
	return b.String(), true
}
