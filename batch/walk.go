package batch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/internal/testhook"
	"github.com/pc2devenv/pc2devenv/ir"
)

// skipDirs are never walked: version control, devenv's state, and
// dependency trees, which hold other people's projects.
var skipDirs = map[string]bool{".git": true, ".devenv": true, "node_modules": true, "vendor": true}

// A job is one unit of work of a run, in the order of the walk: a project
// to convert, or a problem met while walking.
type job struct {
	idx int
	// paths name the project: one directory, or the source files named
	// on the command line.
	paths []string
	// files, for a directory a walk found, are the names of its files.
	files   []string
	problem *ir.Diagnostic
	// internal is a bug met while walking, recovered.
	internal *convert.Result
}

// isProject reports whether j is a project to convert rather than a
// problem met on the way.
func (j *job) isProject() bool { return j.problem == nil && j.internal == nil }

// A walker finds the projects under some directories.
type walker struct {
	makefiles bool
	send      func(job)
	n         int
	// seen holds the absolute paths of the projects found, when several
	// roots may overlap; nil otherwise.
	seen map[string]bool
}

func (w *walker) project(paths ...string) { w.found(job{paths: paths}) }

func (w *walker) found(j job) {
	if w.seen != nil {
		abs, err := filepath.Abs(j.paths[0])
		if err == nil && w.seen[abs] {
			return
		}
		w.seen[abs] = true
	}
	j.idx = w.n
	w.send(j)
	w.n++
}

func (w *walker) problem(d ir.Diagnostic) {
	w.send(job{idx: w.n, problem: &d})
	w.n++
}

// internal reports a bug met while walking root: v, recovered.
func (w *walker) internal(root string, v any) {
	w.send(job{idx: w.n, internal: convert.Recovered(root, v)})
	w.n++
}

// walk sends every project under root, in a stable order: depth first,
// names sorted. A root that is a file is a project of its own. Symbolic
// links to directories are not followed (git stores them as links, and
// they lead into store paths and out of the repository); a directory that
// is its own ancestor (a bind mount, say) is not entered again.
func (w *walker) walk(root string) {
	st, err := os.Stat(root)
	if err != nil {
		w.problem(ir.Diagnostic{Severity: ir.Error, ID: ir.IDIO, Message: pathMessage(err)})
		return
	}
	if !st.IsDir() {
		w.project(root)
		return
	}
	ign, key := repoIgnores(root)
	w.dir(root, key, ign, []os.FileInfo{st})
}

// dir walks the directory path, whose path from the top of its
// repository is key. ign holds the .gitignore rules of the directories
// above, ancestors the directories on the way down.
func (w *walker) dir(path, key string, ign *ignoreSet, ancestors []os.FileInfo) {
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) && len(ancestors) > 1 {
		w.problem(ir.Diagnostic{Pos: ir.Pos{File: path}, Severity: ir.Note, ID: ir.IDVanished,
			Message: "the directory was removed after the walk listed it, so it was not walked"})
		return
	}
	if err != nil && len(entries) == 0 {
		w.problem(ir.Diagnostic{Pos: ir.Pos{File: path}, Severity: ir.Warning, ID: ir.IDWalk,
			Message:    "cannot read this directory, so projects under it were not checked: " + pathMessage(err),
			Suggestion: "make it readable, or add it to .gitignore"})
		return
	}
	var files []string
	for _, e := range entries {
		if e.Name() == ".gitignore" && e.Type().IsRegular() {
			if b, err := os.ReadFile(filepath.Join(path, ".gitignore")); err == nil {
				if rules := parseGitignore(b); len(rules) > 0 {
					ign = &ignoreSet{base: key, rules: rules, parent: ign}
				}
			}
		}
		if !e.IsDir() {
			files = append(files, e.Name())
		}
	}
	if testhook.Listed != nil {
		testhook.Listed(path)
	}
	skip := func(name string) bool { return ign.ignored(join(key, name), false) }
	if convert.IsProject(path, files, w.makefiles, skip) {
		w.found(job{paths: []string{path}, files: files})
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || skipDirs[name] || ign.ignored(join(key, name), true) {
			continue
		}
		sub := filepath.Join(path, name)
		st, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			w.problem(ir.Diagnostic{Pos: ir.Pos{File: sub}, Severity: ir.Note, ID: ir.IDVanished,
				Message: "the directory was removed after the walk listed it, so it was not walked"})
			continue
		}
		if err != nil {
			continue
		}
		if loops(st, ancestors) {
			w.problem(ir.Diagnostic{Pos: ir.Pos{File: sub}, Severity: ir.Note, ID: ir.IDDirLoop,
				Message: "this directory is one of its own parents (a bind mount?), so it was not walked again"})
			continue
		}
		w.dir(sub, join(key, name), ign, append(ancestors, st))
	}
}

// loops reports whether the directory st is one of its ancestors.
func loops(st os.FileInfo, ancestors []os.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(st, a) {
			return true
		}
	}
	return false
}

func join(key, name string) string {
	if key == "" {
		return name
	}
	return key + "/" + name
}

// repoIgnores loads the .gitignore files of the directories above root,
// up to the top of its git repository (and the repository's
// .git/info/exclude), since they apply to root's contents too. key is
// root's path from the top ("" outside a repository: then only the
// .gitignore files under root apply).
func repoIgnores(root string) (ign *ignoreSet, key string) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, ""
	}
	top := ""
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			top = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, ""
		}
		d = parent
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == "." {
		return infoExclude(top, nil), ""
	}
	key = filepath.ToSlash(rel)
	ign = infoExclude(top, nil)
	dir, k := top, ""
	for _, part := range strings.Split(key, "/") {
		if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
			if rules := parseGitignore(b); len(rules) > 0 {
				ign = &ignoreSet{base: k, rules: rules, parent: ign}
			}
		}
		dir, k = filepath.Join(dir, part), join(k, part)
	}
	return ign, key
}

// infoExclude adds the repository's own exclude file, which ranks below
// every .gitignore.
func infoExclude(top string, parent *ignoreSet) *ignoreSet {
	b, err := os.ReadFile(filepath.Join(top, ".git", "info", "exclude"))
	if err != nil {
		return parent
	}
	if rules := parseGitignore(b); len(rules) > 0 {
		return &ignoreSet{rules: rules, parent: parent}
	}
	return parent
}

// pathMessage formats a file system error as "PATH: reason".
func pathMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + pe.Err.Error()
	}
	return err.Error()
}
