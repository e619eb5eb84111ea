package sourcerun

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// ContainerProgram is the recording stub that stands for the container
// engine on the source side: a service that runs an image calls it with
// the image and the container's command, and the container's
// environment as its own (see behave's normaliser, which puts a
// recorded docker or podman run in the same shape).
const ContainerProgram = "container"

// ComposeService is one enabled service of a compose project as
// docker compose up runs it.
type ComposeService struct {
	Name string
	// Build is the build context, relative to the project's directory,
	// of a service built from the project; "" for one that runs an
	// image.
	Build string
	// Image is the image a service runs.
	Image string
	// Argv is the container's command: the entrypoint and command as
	// compose gives them (exec form, no shell), or for a built service
	// without them its Dockerfile's ENTRYPOINT and CMD. Known says
	// whether it is known: a built service whose Dockerfile names none
	// runs its base image's, which is not read here.
	Argv  []string
	Known bool
	// WorkingDir is the container's working_dir.
	WorkingDir string
	// Env is the container's environment, NAME=value, sorted: its
	// environment and env_file, as compose resolves them.
	Env []string
	// DependsOn are its depends_on, with compose's conditions.
	DependsOn []pcrun.Dep
	// Health is the healthcheck's command, run in the container (nil
	// for none).
	Health []string
	// HealthShell says Health is CMD-SHELL's sh -c COMMAND.
	HealthShell bool
	// Restart is the restart policy.
	Restart string
}

// LoadCompose loads a compose project (files, relative to dir) as
// docker compose does when started in dir with an empty environment:
// the project's .env for interpolation, the default profiles, env_file
// merged into environment, and profiles enabled. With no files, it finds
// them in dir as docker compose does.
func LoadCompose(dir string, files, profiles []string) ([]ComposeService, error) {
	// compose-go warns of unset variables on logrus: docker compose's
	// warnings are not compared.
	logrus.SetOutput(io.Discard)
	// The project's directory is the first file's, as docker compose
	// -f FILE decides it.
	var o []cli.ProjectOptionsFn
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(dir, f))
	}
	if len(files) == 0 {
		o = append(o, cli.WithWorkingDirectory(dir), cli.WithDefaultConfigPath)
	}
	o = append(o, cli.WithEnvFiles(), cli.WithDotEnv, cli.WithDefaultProfiles(profiles...))
	opts, err := cli.NewProjectOptions(paths, o...)
	if err != nil {
		return nil, err
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	p, err = p.WithServicesEnvironmentResolved(true)
	if err != nil {
		return nil, err
	}
	var out []ComposeService
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		s := p.Services[name]
		cs := ComposeService{Name: name, Image: s.Image, WorkingDir: s.WorkingDir, Restart: s.Restart}
		cs.Argv = append(append([]string(nil), s.Entrypoint...), s.Command...)
		cs.Known = true
		if s.Build != nil {
			ctx := s.Build.Context
			if filepath.IsAbs(ctx) {
				if rel, err := filepath.Rel(dir, ctx); err == nil {
					ctx = rel
				}
			}
			cs.Build = filepath.Clean(ctx)
			if s.Entrypoint == nil || s.Command == nil {
				df := s.Build.Dockerfile
				if df == "" {
					df = "Dockerfile"
				}
				if !filepath.IsAbs(df) {
					df = filepath.Join(dir, cs.Build, df)
				}
				src, _ := os.ReadFile(df)
				if s.Build.DockerfileInline != "" {
					src = []byte(s.Build.DockerfileInline)
				}
				ep, cmd, ok := DockerfileCommand(string(src), s.Build.Target)
				switch {
				case s.Entrypoint != nil:
					// An entrypoint given resets the image's CMD.
				case s.Command != nil:
					// The command runs alone unless the stages read give
					// an ENTRYPOINT (a base image's is not read).
					cs.Argv = append(ep, s.Command...)
				default:
					cs.Argv = append(ep, cmd...)
					cs.Known = ok
				}
			}
		}
		for k, v := range s.Environment {
			if v != nil {
				cs.Env = append(cs.Env, k+"="+*v)
			}
		}
		slices.Sort(cs.Env)
		for _, dep := range slices.Sorted(maps.Keys(s.DependsOn)) {
			cond := map[string]string{
				types.ServiceConditionStarted:               pcrun.Started,
				types.ServiceConditionHealthy:               pcrun.Healthy,
				types.ServiceConditionCompletedSuccessfully: pcrun.CompletedSuccessfully,
			}[s.DependsOn[dep].Condition]
			if cond == "" {
				cond = pcrun.Started
			}
			cs.DependsOn = append(cs.DependsOn, pcrun.Dep{Name: dep, Condition: cond})
		}
		if h := s.HealthCheck; h != nil && !h.Disable && len(h.Test) > 0 {
			switch h.Test[0] {
			case "CMD":
				cs.Health = append([]string(nil), h.Test[1:]...)
			case "CMD-SHELL":
				// docker runs the image's shell, /bin/sh -c by default;
				// the converter and a user name it sh, the same program
				// in any image with /bin on its PATH.
				cs.Health, cs.HealthShell = []string{"sh", "-c", h.Test[1]}, true
			}
		}
		out = append(out, cs)
	}
	return out, nil
}

// Compose returns what docker compose up runs for a project's services,
// with stubs standing for the container engine: a built service runs its
// command natively in its build context, with its environment on top of
// the runner's; one that runs an image calls ContainerProgram with
// [-w DIR] IMAGE ARGV..., and the container's environment on top of the
// runner's. A healthcheck is a readiness probe calling ContainerProgram
// with exec and its command.
func Compose(services []ComposeService, env Env) (pcrun.Config, error) {
	var cfg pcrun.Config
	for _, s := range services {
		vars := procrun.NewEnviron()
		vars.Add(env.Environ)
		vars.Add(s.Env)
		p := &pcrun.Proc{Name: s.Name, DependsOn: s.DependsOn}
		native := s.Build != "" && s.Known && len(s.Argv) > 0
		switch {
		case native:
			p.Spec = procrun.Spec{Argv: s.Argv, Dir: filepath.Join(env.Root, s.Build), Env: vars.List()}
		default:
			image := s.Image
			if s.Build != "" {
				// The image built from the context, whose command comes
				// from a base image not read here.
				image = "(built from " + s.Build + ")"
			}
			argv := engine(env)
			if s.WorkingDir != "" {
				argv = append(argv, "-w", s.WorkingDir)
			}
			argv = append(append(argv, image), s.Argv...)
			p.Spec = procrun.Spec{Argv: argv, Dir: env.Root, Env: vars.List()}
		}
		switch s.Restart {
		case "always", "unless-stopped":
			p.Restart = "always"
		case "on-failure":
			p.Restart = "on_failure"
		default:
			if strings.HasPrefix(s.Restart, "on-failure:") {
				p.Restart = "on_failure"
			}
		}
		switch {
		case s.Health != nil && native:
			// A built service runs natively, and so does its
			// healthcheck, with its environment, as docker exec ran it
			// with the container's.
			argv := s.Health
			if s.HealthShell {
				argv = []string{env.LookPath("sh"), "-c", s.Health[2]}
			}
			p.Readiness = &pcrun.Probe{Spec: procrun.Spec{Argv: argv, Dir: p.Spec.Dir, Env: p.Spec.Env}}
		case s.Health != nil:
			p.Readiness = &pcrun.Probe{Spec: procrun.Spec{
				Argv: append(append(engine(env), "exec"), s.Health...), Dir: env.Root, Env: env.Environ}}
		}
		cfg.Procs = append(cfg.Procs, p)
	}
	if len(cfg.Procs) == 0 {
		return cfg, fmt.Errorf("no service to run")
	}
	return cfg, nil
}

// engine returns the command that calls the container engine's stub.
func engine(env Env) []string {
	if env.Container != nil {
		return append([]string(nil), env.Container...)
	}
	return []string{ContainerProgram}
}
