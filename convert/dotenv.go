package convert

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

// envFiles are a project's .env files, read before its other sources:
// foreman takes PORT from them as the base port and replaces $NAME in
// commands for the names they set.
type envFiles struct {
	files  []*dotenv.File
	names  []string // as the output names them, relative to the project
	diags  ir.Diagnostics
	runner string
}

// vars returns every variable the files set, in order.
func (e *envFiles) vars() []dotenv.Var {
	if e == nil {
		return nil
	}
	var out []dotenv.Var
	for _, f := range e.files {
		out = append(out, f.Vars...)
	}
	return out
}

// loadEnv reads the .env sources by the rules of the runner of the other
// sources: foreman's for a Procfile project, godotenv's (process-compose)
// otherwise.
func loadEnv(srcs []source, byFormat map[ir.Format][]source) *envFiles {
	if len(srcs) == 0 {
		return nil
	}
	e := &envFiles{runner: "process-compose"}
	dialect := dotenv.Godotenv
	switch {
	case len(byFormat[ir.FormatProcfile]) > 0:
		dialect, e.runner = dotenv.Foreman, "foreman"
	case len(byFormat[ir.FormatProcessCompose]) == 0:
		e.runner = "the runner"
	}
	for _, s := range srcs {
		f, d := dotenv.Read(s.path, s.content, dialect)
		e.files = append(e.files, f)
		e.names = append(e.names, filepath.ToSlash(s.name))
		e.diags = append(e.diags, d...)
	}
	return e
}

// readDotenv returns the project the .env sources describe (see
// dotenv.Project); they were read by loadEnv.
func readDotenv(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics) {
	e := c.env
	if e == nil {
		e = loadEnv(srcs, nil)
	}
	p, d := dotenv.Project(e.files, e.names, c.opts.InlineEnv, e.runner)
	return p, append(e.diags, d...)
}

// findDotenv returns the .env file in f's directory, if there is one (the
// first of dotenv.Names). A .env that is not a regular file (a named pipe
// a secrets manager feeds, say) is not read, with a note: the runners
// read it when they start. When a walk has listed the directory, a name
// the listing does not hold is not looked for on disk.
func findDotenv(f *finder) (source, bool) {
	for _, name := range dotenv.Names {
		if f.listed != nil && !slices.Contains(f.listed, name) {
			// f.read would not read it, and a file that is not in the
			// listing is no more than one made after the walk.
			continue
		}
		if s, ok, stop := dotenvNamed(f, name); stop {
			return s, ok
		}
	}
	return source{}, false
}

// dotenvNamed looks for the .env file name in f's directory for
// findDotenv; stop says whether it decided, with the file (ok) or with a
// note that it is not read.
func dotenvNamed(f *finder, name string) (s source, ok, stop bool) {
	p := filepath.Join(f.dir, name)
	if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		f.diags.Add(ir.Pos{File: p}, ir.IDNotRegular,
			"this .env is not a regular file, so the converter does not read it; the runners read it when they start", "")
		return source{}, false, true
	}
	if s, ok := f.read(name, ir.FormatDotenv); ok {
		return s, true, true
	}
	return source{}, false, false
}

// besideNamed returns the .env file in dir, where the output belongs, for
// a project whose sources were named one by one: the runners load it
// whichever file they run, unless a .env file is named (foreman's -e
// replaces the default).
func besideNamed(dir string, named []source, max int64) ([]source, ir.Diagnostics) {
	for _, s := range named {
		if s.format == ir.FormatDotenv {
			return nil, nil
		}
	}
	f := &finder{dir: dir, max: max}
	s, ok := findDotenv(f)
	if !ok {
		return nil, f.diags
	}
	return []source{s}, f.diags
}

// nameIn returns p relative to dir, as the output and its header name it.
func nameIn(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return filepath.Base(p)
	}
	return rel
}
