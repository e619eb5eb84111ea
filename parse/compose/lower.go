package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// LowerOptions configure Lower.
type LowerOptions struct {
	// Engine is the program that runs containers: "docker" (the
	// default) or "podman".
	Engine string
	// OtherProcesses says the project has a Procfile or process-compose
	// file beside the compose file, which gives its processes: a service
	// built from the project is then left to it.
	OtherProcesses bool
	// ReadFile reads a build context's Dockerfile; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
}

// Lower turns a compose project into the converter's model: each enabled
// service a process named after it, that runs its container with the
// container engine on the host's network (so that it reaches the
// project's native services on localhost, and is reached where it was
// published), or, for a service built from the project whose command is
// known, that runs the command natively from the build context. The
// service rules (package rules) then turn the containers of images a
// devenv service runs into that service. What has no equivalent is
// reported, with its position and a TODO comment; Project.Keys gives
// every key of every file read, with the fate the lowering decided for
// the keys it reported.
func Lower(p *Project, opts LowerOptions) (*ir.Project, ir.Diagnostics) {
	if opts.Engine == "" {
		opts.Engine = "docker"
	}
	lw := &lowering{p: p, opts: opts, out: &ir.Project{Dir: p.Dir}, reported: map[string]string{}, reportedAt: map[string]ir.Pos{}, consumed: map[string]string{}}
	for _, f := range p.Files {
		lw.out.Sources = append(lw.out.Sources, ir.Source{Path: f, Format: ir.FormatCompose})
	}
	for _, f := range p.Sources {
		if !slices.Contains(p.Files, f) && !strings.HasSuffix(f, "/.env") && f != ".env" {
			lw.out.Sources = append(lw.out.Sources, ir.Source{Path: f, Format: ir.FormatCompose})
		}
	}
	for _, s := range p.Services {
		lw.service(s)
	}
	lw.dependencies()
	lw.resources()
	lw.consume([]string{"name"}, "the project's name, in the containers' names")
	lw.consume([]string{"include"}, "resolved: the included projects' services join this one")
	for _, k := range []string{"volumes", "networks", "secrets", "configs"} {
		lw.consume([]string{k}, "each of its entries is reported")
	}
	lw.keys()
	return lw.out, lw.diags
}

// lowering is the state of one Lower.
type lowering struct {
	p     *Project
	opts  LowerOptions
	out   *ir.Project
	diags ir.Diagnostics
	// procs maps each service's name to its process, when it has one.
	procs map[string]*ir.Process
	// reported and consumed hold the fates the lowering decided, by the
	// key's path joined with "."; reportedAt is where each reported key's
	// diagnostic is.
	reported   map[string]string
	reportedAt map[string]ir.Pos
	consumed   map[string]string
	// comments are TODO comments of the project as a whole.
	comments []string
}

// report reports the key at path (its position pos) with a TODO comment
// on proc, or on the project when proc is nil.
func (lw *lowering) report(proc *ir.Process, path []string, pos ir.Pos, sev ir.Severity, id ir.ID, msg, todo string) {
	lw.diags.AddAs(pos, sev, id, msg, "")
	if path != nil {
		lw.reported[strings.Join(path, ".")] = msg
		lw.reportedAt[strings.Join(path, ".")] = pos
	}
	if todo == "" {
		return
	}
	line := "TODO(pc2devenv): " + todo
	if proc != nil {
		proc.Comments = append(proc.Comments, line)
	} else {
		lw.out.Comments = append(lw.out.Comments, line)
	}
}

// consume says the key at path needs nothing in the output, and why.
func (lw *lowering) consume(path []string, why string) {
	lw.consumed[strings.Join(path, ".")] = why
}

// service lowers one service.
func (lw *lowering) service(s *Service) {
	sp := []string{"services", s.Name}
	if s.Build != nil && lw.opts.OtherProcesses {
		lw.report(nil, sp, s.Pos, ir.Note, ir.IDComposeLeftToOther,
			fmt.Sprintf("service %q is built from the project, and the project's process file runs its processes, so it is left to that file", s.Name), "")
		lw.consume(sp, "the service is built from the project; the project's process file runs it")
		return
	}
	var proc *ir.Process
	if s.Build != nil {
		proc = lw.build(s)
	} else {
		proc = lw.container(s)
	}
	if proc == nil {
		return
	}
	proc.Pos = s.Pos
	proc.KeyPath = ir.ComposeServicePath(s.Name)
	proc.ReachedAs = reachedAs(s)
	lw.restart(proc, s)
	lw.healthcheck(proc, s)
	if !s.Enabled {
		var names []string
		for _, p := range s.Profiles {
			names = append(names, p.Text.Shell())
		}
		proc.Disabled = ir.Some(true, s.Profiles[0].Pos)
		lw.diags.AddAs(s.Profiles[0].Pos, ir.Note, ir.IDComposeProfile,
			fmt.Sprintf("service %q belongs to the profile %s, which is not enabled, so its process does not start with the others", s.Name, strings.Join(names, ", ")),
			"pass --profile to start it")
	}
	lw.serviceKeys(proc, s)
	if lw.procs == nil {
		lw.procs = map[string]*ir.Process{}
	}
	lw.procs[s.Name] = proc
	lw.out.Processes = append(lw.out.Processes, proc)
}

// reachedAs lists the host names by which the other services reached s.
func reachedAs(s *Service) []string {
	names := []string{s.Name}
	add := func(n string) {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	add(s.ContainerName.Value)
	add(s.Hostname.Value)
	for _, n := range s.Networks {
		for _, a := range n.Aliases {
			add(a.Value)
		}
	}
	return names
}
