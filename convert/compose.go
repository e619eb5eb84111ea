package convert

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/compose"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// isCompose reports whether a file whose name is name, with content
// content, is a docker-compose file: its top level has services and no
// processes. A file named as docker compose names its files with neither
// is read as docker-compose's too, so that what is wrong with it is
// said in compose's terms.
func isCompose(name string, content []byte) bool {
	if processcompose.Sniff(content) {
		return false
	}
	base := filepath.Base(name)
	return compose.Sniff(content) || slices.Contains(compose.Names, base) && !slices.Contains(processcompose.Names, base) && !slices.Contains(processcompose.OverrideNames, base)
}

// findCompose returns the docker-compose files of the project in f's
// directory, as docker compose chooses them (compose.Find): a file with
// a Docker Compose name counts only when it is not a process-compose
// file. The others present are noted: docker compose ignores them.
func findCompose(f *finder, _ []source) ([]source, error) {
	read := map[string]source{}
	exists := func(name string) bool {
		s, ok := f.read(name, ir.FormatCompose)
		if !ok || processcompose.Sniff(s.content) {
			return false
		}
		read[name] = s
		return true
	}
	main, override, skipped := compose.Find(exists)
	if main == "" {
		return nil, nil
	}
	out := []source{read[main]}
	if override != "" {
		out = append(out, read[override])
	}
	for _, s := range skipped {
		f.diags.Add(ir.Pos{File: filepath.Join(f.dir, s)}, ir.IDComposeFiles,
			fmt.Sprintf("docker compose reads %s, not %s, when both are present, and so does the converter", main, s), "")
	}
	return out, nil
}

// readCompose reads a project's docker-compose files, merged in order as
// docker compose merges the files -f names, and lowers the project
// (compose.Lower).
func readCompose(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics) {
	files := make([]compose.File, len(srcs))
	for i, s := range srcs {
		files[i] = compose.File{Path: s.path, Content: s.content}
	}
	dir := filepath.Dir(srcs[0].path)
	lopts := compose.Options{Profiles: c.opts.Profiles}
	if !srcs[0].memory {
		lopts.ReadFile = c.opts.readIncluded
	}
	p, diags := compose.Load(dir, files, lopts)
	if diags.HasErrors() {
		return nil, diags
	}
	engine := "docker"
	if c.opts.Podman {
		engine = "podman"
	}
	proj, d := compose.Lower(p, compose.LowerOptions{Engine: engine, OtherProcesses: c.otherProcesses, ReadFile: lopts.ReadFile})
	return proj, append(diags, d...)
}

// containers says, after the service rules, which docker-compose
// services stay processes that run their container: each a warning that
// it still needs a container engine, or, with noContainers, a warning
// that it is left out, the process and the dependencies on it removed.
func containers(proj *ir.Project, noContainers bool) ir.Diagnostics {
	var diags ir.Diagnostics
	removed := map[string]bool{}
	var kept []*ir.Process
	for _, p := range proj.Processes {
		switch {
		case p.Container == "":
		case noContainers:
			removed[p.Name] = true
			diags.AddAs(p.Pos, ir.Warning, ir.IDComposeNoContainers,
				fmt.Sprintf("service %q would stay a process that runs the image %s in a container; --no-containers leaves it out", p.Name, p.Container),
				"run it some other way, or convert without --no-containers")
			proj.Comments = append(proj.Comments, fmt.Sprintf("TODO(pc2devenv): service %q of the compose file runs the image %s, left out by --no-containers", p.Name, p.Container))
			continue
		default:
			diags.AddAs(p.Pos, ir.Warning, ir.IDComposeContainer,
				fmt.Sprintf("service %q stays a process that runs the image %s in a container: it still needs a container engine (docker or podman)", p.Name, p.Container), "")
		}
		kept = append(kept, p)
	}
	if len(removed) == 0 {
		return diags
	}
	proj.Processes = kept
	for _, p := range proj.Processes {
		p.DependsOn = slices.DeleteFunc(p.DependsOn, func(d ir.Dependency) bool { return removed[d.Name] })
	}
	for i, k := range proj.Keys {
		if name, _, ok := k.Path.Process(); ok && removed[name] && k.Consumed == "" {
			proj.Keys[i].Dropped = "left out by --no-containers"
		}
	}
	return diags
}
