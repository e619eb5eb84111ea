package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// include loads the projects a file's top-level include names, as
// compose-go does: each its own project, in its own directory, with its
// own .env (the including project's variables win), loaded in full, and
// its services and resources added to the file (a resource the file
// declares too is merged over the included one).
func (l *loader) include(tree *Value, file string, lookup lookupFunc, dir string, included []string) {
	f := tree.field("include")
	if f == nil {
		return
	}
	tree.del("include")
	if f.Value.Kind != KindList {
		if !f.Value.IsNull() {
			l.typeError(f.Value, "include", kList)
		}
		return
	}
	for _, it := range f.Value.Items {
		var paths []*Value
		var projDir, envFiles *Value
		switch it.Kind {
		case KindStr:
			paths = []*Value{it}
		case KindMap:
			p := it.Get("path")
			switch {
			case p == nil:
			case p.Kind == KindStr:
				paths = []*Value{p}
			case p.Kind == KindList:
				paths = p.Items
			}
			projDir, envFiles = it.Get("project_directory"), it.Get("env_file")
		}
		if len(paths) == 0 {
			l.diags.Add(it.Pos, ir.IDComposeInclude, "an include entry names no file; docker compose refuses the file", "")
			continue
		}
		var files []File
		for _, p := range paths {
			path := p.String()
			if !filepath.IsAbs(path) {
				path = filepath.Join(l.proj.Dir, dir, path)
			}
			files = append(files, File{Path: path})
		}
		main := filepath.Clean(files[0].Path)
		if slices.Contains(included, main) {
			l.diags.Add(paths[0].Pos, ir.IDComposeCycle,
				fmt.Sprintf("files include each other in a cycle: %s → %s; docker compose refuses the file", strings.Join(included, " → "), main), "")
			continue
		}
		sub := filepath.Dir(main)
		if projDir != nil && projDir.String() != "" {
			sub = projDir.String()
			if !filepath.IsAbs(sub) {
				sub = filepath.Join(l.proj.Dir, dir, sub)
			}
		}
		rel, err := filepath.Rel(l.proj.Dir, sub)
		if err != nil {
			rel = sub
		}
		var env []Var
		if envFiles == nil {
			env = l.readDotenvIfExists(filepath.Join(sub, ".env"), lookup)
		} else {
			list := []*Value{envFiles}
			if envFiles.Kind == KindList {
				list = envFiles.Items
			}
			for _, e := range list {
				p := e.String()
				if p == "/dev/null" {
					continue
				}
				if !filepath.IsAbs(p) {
					p = filepath.Join(l.proj.Dir, dir, p)
				}
				if _, err := l.read(p); err != nil {
					l.diags.Add(e.Pos, ir.IDComposeInclude, fmt.Sprintf("the include's env_file %s cannot be read: %v", e.String(), unwrapPathError(err)), "")
					continue
				}
				env = append(env, l.readDotenv(p, lookup)...)
			}
		}
		vars := map[string]string{}
		for _, v := range env {
			if !v.Inherited {
				vars[v.Name] = v.Value
			}
		}
		subLookup := func(name string) (string, bool) {
			if v, ok := lookup(name); ok {
				return v, true
			}
			v, ok := vars[name]
			return v, ok
		}
		var root *Value
		for _, pf := range l.parseFiles(files) {
			l.lookups[pf.path] = subLookup
			for _, doc := range pf.docs {
				root = l.layer(root, pf.path, doc, subLookup, rel, included)
			}
		}
		if root == nil {
			continue
		}
		resolvePaths(root, rel)
		l.importResources(root, tree)
	}
}

// readDotenvIfExists reads a .env file when it exists.
func (l *loader) readDotenvIfExists(path string, lookup lookupFunc) []Var {
	if _, err := l.read(path); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			l.diags.Add(ir.Pos{File: path}, ir.IDComposeInclude, fmt.Sprintf("cannot read %s: %v", path, unwrapPathError(err)), "")
		}
		return nil
	}
	return l.readDotenv(path, lookup)
}

// importResources adds an included project's services and resources to
// the including file's tree.
func (l *loader) importResources(from, to *Value) {
	for _, key := range []string{"services", "jobs", "volumes", "networks", "secrets", "configs", "models"} {
		src := from.Get(key)
		if src == nil || src.Kind != KindMap {
			continue
		}
		dst := to.Get(key)
		if dst == nil || dst.Kind != KindMap {
			dst = mapValue(src.Pos)
			to.set(key, from.field(key).KeyPos, dst)
		}
		for _, f := range src.Fields {
			have := dst.field(f.Key)
			switch {
			case have == nil:
				dst.Fields = append(dst.Fields, f)
			case equal(have.Value, f.Value):
			default:
				have.Value = merge(f.Value, have.Value, []string{key, f.Key})
			}
		}
	}
}
