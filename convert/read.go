package convert

import (
	"fmt"
	"path/filepath"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/makefile"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// conversion is the state of one conversion of a project: its options,
// and what the readers of its sources share.
type conversion struct {
	opts Options
	// env holds the project's .env files, read before its other sources:
	// foreman takes PORT from them, and they decide which variables the
	// other sources can rely on.
	env *envFiles
	// shell holds the project's parsed commands, which every reader
	// shares with the rest of the pipeline (ir.Project.Shell).
	shell *shell.Cache
	// otherProcesses says the project has a Procfile or process-compose
	// file beside its docker-compose file.
	otherProcesses bool
}

// readProcessCompose reads a project's process-compose files as one,
// merged in order as process-compose merges the files -f names, with the
// files their top-level extends name.
func readProcessCompose(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics) {
	files := make([]processcompose.File, len(srcs))
	popts := processcompose.Options{ReadFile: c.opts.readIncluded, NoKeys: c.opts.NoFates}
	for i, s := range srcs {
		files[i] = processcompose.File{Path: s.path, Content: s.content}
		if s.memory {
			popts.ReadFile = nil
		}
	}
	return processcompose.ReadFiles(files, popts)
}

// readMakefile reads a Makefile; the files it includes are read from
// disk, relative to it.
func readMakefile(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics) {
	if len(srcs) > 1 {
		var d ir.Diagnostics
		d.Add(ir.Pos{File: srcs[1].path}, ir.IDUsage, "converting several Makefiles as one project is not supported", "name one Makefile; it can include the others")
		return nil, d
	}
	mo := makefile.Options{
		Scripts:              c.opts.Scripts,
		ProcessesFromTargets: c.opts.ProcessesFromTargets,
		Quiet:                c.opts.Quiet,
		Shell:                c.shell,
	}
	if !srcs[0].memory {
		mo.ReadFile = c.opts.readIncluded
	}
	return makefile.Read(srcs[0].path, srcs[0].content, mo)
}

// readIncluded reads a file a source names (an extends, an include), as
// an input file: up to the size limit, and only a regular file.
func (o *Options) readIncluded(path string) ([]byte, error) {
	return readFile(path, o.maxSize(), true)
}

// read reads every source with the reader of its format and combines the
// results into one project.
func read(srcs []source, opts Options, diags *ir.Diagnostics) *ir.Project {
	byFormat := map[ir.Format][]source{}
	for _, s := range srcs {
		switch {
		case s.format == "":
			diags.Add(ir.Pos{File: s.path}, ir.IDNoSource, "cannot tell what kind of file this is", "name it process-compose.yml, Procfile or Makefile, or pass --from")
		case formatByID(s.format) == nil || formatByID(s.format).read == nil:
			diags.Add(ir.Pos{File: s.path}, ir.IDNoSource, fmt.Sprintf("reading %s files is not supported yet", s.format), "")
		default:
			byFormat[s.format] = append(byFormat[s.format], s)
		}
	}
	// .env files are read first: foreman takes PORT from them, and they
	// decide which variables the other sources can rely on.
	c := &conversion{opts: opts, env: loadEnv(byFormat[ir.FormatDotenv], byFormat), shell: shell.NewCache(),
		otherProcesses: len(byFormat[ir.FormatProcessCompose])+len(byFormat[ir.FormatProcfile]) > 0}
	var projects []*ir.Project
	for _, f := range formats {
		if len(byFormat[f.id]) == 0 {
			continue
		}
		p, d := f.read(byFormat[f.id], c)
		*diags = append(*diags, d...)
		if p != nil {
			projects = append(projects, p)
		}
	}
	if len(projects) == 0 {
		return nil
	}
	proj := combine(projects)
	proj.Shell = c.shell
	// The header names sources relative to the project directory.
	names := map[string]string{}
	for _, s := range srcs {
		names[s.path] = s.name
	}
	for i, s := range proj.Sources {
		if n, ok := names[s.Path]; ok {
			proj.Sources[i].Path = n
		} else if rel, err := filepath.Rel(filepath.Dir(srcs[0].path), s.Path); err == nil {
			// A file another names, such as a process-compose extends.
			proj.Sources[i].Path = filepath.ToSlash(rel)
		} else if len(srcs) > 0 {
			// A file a source includes: relative to the project.
			if rel, err := filepath.Rel(filepath.Dir(srcs[0].path), s.Path); err == nil {
				proj.Sources[i].Path = filepath.ToSlash(rel)
			}
		}
	}
	return proj
}

// combine merges the projects read from sources of different formats, in
// order: everything of the first, then of the next.
func combine(projects []*ir.Project) *ir.Project {
	if len(projects) == 1 {
		return projects[0]
	}
	out := &ir.Project{}
	for _, p := range projects {
		out.Sources = append(out.Sources, p.Sources...)
		out.Env = append(out.Env, p.Env...)
		if p.Dotenv != nil {
			if out.Dotenv == nil {
				out.Dotenv = p.Dotenv
			} else {
				out.Dotenv.Files = appendNew(out.Dotenv.Files, p.Dotenv.Files...)
				out.Dotenv.Names = appendNew(out.Dotenv.Names, p.Dotenv.Names...)
			}
		}
		out.Processes = append(out.Processes, p.Processes...)
		out.Services = append(out.Services, p.Services...)
		out.Scripts = append(out.Scripts, p.Scripts...)
		out.Tasks = append(out.Tasks, p.Tasks...)
		out.EnterShell = append(out.EnterShell, p.EnterShell...)
		out.Comments = append(out.Comments, p.Comments...)
		out.Extra = append(out.Extra, p.Extra...)
		out.Keys = append(out.Keys, p.Keys...)
	}
	return out
}

// appendNew appends the items of add that list does not hold yet: two
// readers may name the same .env file.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		found := false
		for _, x := range list {
			if x == a {
				found = true
				break
			}
		}
		if !found {
			list = append(list, a)
		}
	}
	return list
}
