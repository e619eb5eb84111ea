package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/procfile"
)

// The Procfiles a directory is searched for, in order of preference:
// Procfile.dev is the development manifest (what Rails' bin/dev runs with
// foreman start -f Procfile.dev), Procfile the production one.
var procfileNames = []string{"Procfile.dev", "Procfile"}

// readProcfile reads a project's Procfile, with the PORT and names of its
// .env files, which foreman reads first.
func readProcfile(srcs []source, opts Options) (*ir.Project, ir.Diagnostics) {
	if len(srcs) > 1 {
		var d ir.Diagnostics
		d.Add(ir.Pos{File: srcs[1].path}, ir.Error, ir.IDUsage,
			"a project runs one Procfile, and two are named", "name one Procfile, and convert the other on its own")
		return nil, d
	}
	return procfile.Read(srcs[0].path, srcs[0].content, procfile.Options{PortBase: opts.PortBase, Env: opts.env.vars()})
}

// findProcfile returns the Procfile of the project in f's directory:
// Procfile.dev, or else Procfile. other names the source of another
// format the project is converted from instead (its process-compose
// file), or is "": then a Procfile found is not used, and a note says so.
// Variants such as Procfile.windows are never chosen; a note names them.
// Notes and problems go to f's diagnostics; an error means the directory
// could not be listed.
func findProcfile(f *finder, other string) (*source, error) {
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
		if name != "Procfile" && !strings.HasPrefix(name, "Procfile.") {
			continue
		}
		if f.listed == nil {
			if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.IsDir() {
				continue
			}
		}
		found[name] = true
		if name != "Procfile" && name != "Procfile.dev" {
			variants = append(variants, name)
		}
	}
	sort.Strings(variants)
	var chosen string
	for _, n := range procfileNames {
		if found[n] {
			chosen = n
			break
		}
	}
	if other != "" {
		if chosen != "" {
			f.diags.Add(ir.Pos{File: filepath.Join(dir, chosen)}, ir.Note, ir.IDProcfileNotUsed,
				fmt.Sprintf("the directory has both %s and %s: %s is converted, and %s is not", other, chosen, other, chosen),
				"pass --from procfile to convert the Procfile instead")
		}
		return nil, nil
	}
	if chosen == "" {
		if len(variants) > 0 {
			f.diags.Add(ir.Pos{File: dir}, ir.Note, ir.IDProcfileNotUsed,
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
		f.diags.Add(ir.Pos{File: p}, ir.Note, ir.IDProcfileChosen,
			"Procfile.dev, the development manifest (what Rails' bin/dev runs), is converted rather than Procfile",
			"name Procfile to convert it instead")
	}
	if len(variants) > 0 {
		f.diags.Add(ir.Pos{File: p}, ir.Note, ir.IDProcfileNotUsed,
			fmt.Sprintf("%s %s not converted: a Procfile variant is converted only when it is named", strings.Join(variants, ", "), isAre(len(variants))), "")
	}
	return &s, nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
