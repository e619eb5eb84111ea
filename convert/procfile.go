package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/procfile"
)

// readProcfile reads a project's Procfile, with the PORT and names of its
// .env files, which foreman reads first.
func readProcfile(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics) {
	if len(srcs) > 1 {
		var d ir.Diagnostics
		d.Add(ir.Pos{File: srcs[1].path}, ir.IDUsage,
			"a project runs one Procfile, and two are named", "name one Procfile, and convert the other on its own")
		return nil, d
	}
	return procfile.Read(srcs[0].path, srcs[0].content, procfile.Options{PortBase: c.opts.PortBase, Env: c.env.vars(), Shell: c.shell})
}

// findProcfile returns the Procfile of the project in f's directory:
// Procfile.dev, or else Procfile (procfile.Names). When the sources found
// before it are of another format (a process-compose file), the project
// is converted from those instead: a Procfile found is not used, and a
// note says so. Variants such as Procfile.windows are never chosen; a
// note names them. Notes and problems go to f's diagnostics; an error
// means the directory could not be listed.
func findProcfile(f *finder, before []source) ([]source, error) {
	other := ""
	if len(before) > 0 {
		other = before[0].name
	}
	dir := f.dir
	names := f.listed
	if names == nil {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			names = append(names, e.Name())
		}
	}
	found := map[string]bool{}
	var variants []string
	for _, name := range names {
		if !slices.Contains(procfile.Names, name) && !procfile.Variant(name) {
			continue
		}
		if f.listed == nil {
			if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.IsDir() {
				continue
			}
		}
		found[name] = true
		if procfile.Variant(name) {
			variants = append(variants, name)
		}
	}
	sort.Strings(variants)
	var chosen string
	for _, n := range procfile.Names {
		if found[n] {
			chosen = n
			break
		}
	}
	if other != "" {
		if chosen != "" {
			f.diags.Add(ir.Pos{File: filepath.Join(dir, chosen)}, ir.IDProcfileNotUsed,
				fmt.Sprintf("the directory has both %s and %s: %s is converted, and %s is not", other, chosen, other, chosen),
				"pass --from procfile to convert the Procfile instead")
		}
		return nil, nil
	}
	if chosen == "" {
		if len(variants) > 0 {
			f.diags.Add(ir.Pos{File: dir}, ir.IDProcfileNotUsed,
				fmt.Sprintf("the directory has %s but no Procfile or Procfile.dev: a variant is converted only when it is named", strings.Join(variants, ", ")),
				fmt.Sprintf("name it, as in pc2devenv convert %s", filepath.ToSlash(filepath.Join(dir, variants[0]))))
		}
		return nil, nil
	}
	s, ok := f.read(chosen, ir.FormatProcfile)
	if !ok {
		return nil, nil
	}
	p := s.path
	if chosen == "Procfile.dev" && found["Procfile"] {
		f.diags.Add(ir.Pos{File: p}, ir.IDProcfileChosen,
			"Procfile.dev, the development manifest (what Rails' bin/dev runs), is converted rather than Procfile",
			"name Procfile to convert it instead")
	}
	if len(variants) > 0 {
		f.diags.Add(ir.Pos{File: p}, ir.IDProcfileNotUsed,
			fmt.Sprintf("%s %s not converted: a Procfile variant is converted only when it is named", strings.Join(variants, ", "), isAre(len(variants))), "")
	}
	return []source{s}, nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
