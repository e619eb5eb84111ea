package compose

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// extendsRef is one service of one file in an extends chain.
type extendsRef struct{ file, service string }

// extends resolves the extends of a file's services as compose-go does: a
// service extends another of the same file or of another file (its
// relative paths then relative to that file), recursively; the base is
// merged under the service by the merge rules, after the service's file's
// !reset tags are applied to it. dir is the project directory of the
// file, relative to the main one.
func (l *loader) extends(tree *Value, file string, resets []resetPath, dir string) {
	svcs := tree.Get("services")
	if svcs == nil || svcs.Kind != KindMap {
		return
	}
	for _, f := range svcs.Fields {
		l.extendService(f.Key, svcs, file, resets, dir, nil)
	}
}

func (l *loader) extendService(name string, svcs *Value, file string, resets []resetPath, dir string, chain []extendsRef) *Value {
	sf := svcs.field(name)
	if sf == nil || sf.Value.IsNull() {
		return nil
	}
	s := sf.Value
	if s.Kind != KindMap {
		return s
	}
	ext := s.Get("extends")
	if ext == nil {
		return s
	}
	var ref, refFile string
	var refPos ir.Pos
	switch ext.Kind {
	case KindStr:
		ref, refPos = ext.Str, ext.Pos
	case KindMap:
		sv := ext.Get("service")
		if sv == nil || sv.Kind != KindStr {
			l.diags.Add(ext.Pos, ir.IDComposeExtends, fmt.Sprintf("extends of service %s names no service; docker compose refuses the file", name), "")
			return s
		}
		ref, refPos = sv.Str, sv.Pos
		if fv := ext.Get("file"); fv != nil && fv.Kind == KindStr {
			refFile = fv.Str
		}
	default:
		return s
	}
	baseSvcs, baseResets, baseFile := svcs, resets, file
	if refFile != "" {
		bs, br, bf, ok := l.extendsBase(name, ref, refFile, refPos, dir)
		if !ok {
			return s
		}
		baseSvcs, baseResets, baseFile = bs, br, bf
	} else if baseSvcs.field(ref) == nil {
		l.diags.Add(refPos, ir.IDComposeExtends,
			fmt.Sprintf("service %s extends %s, which %s does not define; docker compose refuses the file", name, ref, filepath.Base(file)), "")
		return s
	}
	here := extendsRef{baseFile, name}
	for i, c := range chain {
		if c == here {
			var names []string
			for _, c := range chain[i:] {
				names = append(names, c.service)
			}
			l.diags.Add(refPos, ir.IDComposeCycle,
				fmt.Sprintf("services extend each other in a cycle: %s → %s; docker compose refuses the file", strings.Join(names, " → "), name), "")
			return s
		}
	}
	base := l.extendService(ref, baseSvcs, baseFile, baseResets, dir, append(chain, here))
	if base == nil {
		return s
	}
	source := base.clone()
	holder := mapValue(ir.Pos{})
	inner := mapValue(ir.Pos{})
	inner.set(name, ir.Pos{}, source)
	holder.set("services", ir.Pos{}, inner)
	applyResets(holder, resets)
	source = holder.Get("services").Get(name)
	merged := merge(source, s, []string{"services", "x"})
	merged.del("extends")
	merged.Pos = s.Pos
	sf.Value = merged
	return merged
}

// extendsBase loads the services of a file that extends names: read
// with interpolation, canonicalized, its relative paths made relative to
// the project directory.
func (l *loader) extendsBase(name, ref, refFile string, pos ir.Pos, dir string) (*Value, []resetPath, string, bool) {
	path := refFile
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.proj.Dir, dir, refFile)
	}
	src, err := l.read(path)
	if err != nil {
		l.diags.Add(pos, ir.IDComposeExtends,
			fmt.Sprintf("service %s extends %s in %s, which cannot be read: %v", name, ref, refFile, unwrapPathError(err)), "")
		return nil, nil, "", false
	}
	l.source(path)
	lookup := l.lookupFor(pos.File)
	l.lookups[path] = lookup
	var tree *Value
	var resets []resetPath
	for _, doc := range l.parseYAML(path, src) {
		r := &docReader{file: path, lookup: lookup, interpolate: true, diags: l.diags, unset: l.unset}
		t := r.convert(doc, nil)
		l.recordKeys(t, nil)
		for _, req := range r.required {
			l.diags.Add(req.pos, ir.IDComposeRequiredVar,
				fmt.Sprintf("%s must be set: the file requires it (%q), and .env does not set it, so docker compose refuses the file here", req.name, req.message), "")
		}
		if t == nil {
			continue
		}
		resets = append(resets, r.resets...)
		if tree == nil {
			tree = t
		} else {
			applyResets(tree, r.resets)
			tree = merge(tree, t, nil)
		}
	}
	if tree == nil {
		l.diags.Add(pos, ir.IDComposeExtends, fmt.Sprintf("service %s extends %s in %s, which is empty", name, ref, refFile), "")
		return nil, nil, "", false
	}
	enforceUnicity(tree, nil)
	l.canonical(tree)
	omitEmpty(tree)
	enforceUnicity(tree, nil)
	rel := filepath.Join(dir, filepath.Dir(refFile))
	if filepath.IsAbs(refFile) {
		rel = filepath.Dir(refFile)
	}
	resolvePaths(tree, rel)
	svcs := tree.Get("services")
	if svcs == nil || svcs.Kind != KindMap {
		l.diags.Add(pos, ir.IDComposeExtends, fmt.Sprintf("service %s extends %s in %s, which has no services", name, ref, refFile), "")
		return nil, nil, "", false
	}
	if svcs.field(ref) == nil {
		l.diags.Add(pos, ir.IDComposeExtends,
			fmt.Sprintf("service %s extends %s, which %s does not define; docker compose refuses the file", name, ref, refFile), "")
		return nil, nil, "", false
	}
	return svcs, resets, filepath.Join(dir, refFile), true
}

// resolvePaths makes the relative paths of a loaded tree relative to the
// main project directory, given the directory base (relative to it) they
// are relative to, as compose-go's paths.ResolveRelativePaths does.
func resolvePaths(tree *Value, base string) {
	if base == "" || base == "." {
		return
	}
	abs := func(v *Value) {
		if v == nil || v.Kind != KindStr || v.Str == "" || filepath.IsAbs(v.Str) || strings.HasPrefix(v.Str, "~") {
			return
		}
		v.Str = filepath.Join(base, v.Str)
	}
	if svcs := tree.Get("services"); svcs != nil && svcs.Kind == KindMap {
		for _, s := range svcs.Fields {
			sv := s.Value
			if sv.Kind != KindMap {
				continue
			}
			if b := sv.Get("build"); b != nil {
				c := b
				if b.Kind == KindMap {
					c = b.Get("context")
				}
				if c != nil && c.Kind == KindStr && !remoteContext(c.Str) {
					abs(c)
				}
			}
			if ef := sv.Get("env_file"); ef != nil && ef.Kind == KindList {
				for _, it := range ef.Items {
					if it.Kind == KindMap {
						abs(it.Get("path"))
					} else {
						abs(it)
					}
				}
			}
			if ext := sv.Get("extends"); ext != nil && ext.Kind == KindMap {
				abs(ext.Get("file"))
			}
			if vols := sv.Get("volumes"); vols != nil && vols.Kind == KindList {
				for _, it := range vols.Items {
					if it.Kind == KindMap && it.Get("type").String() == "bind" {
						abs(it.Get("source"))
					}
				}
			}
		}
	}
	for _, key := range []string{"configs", "secrets"} {
		if top := tree.Get(key); top != nil && top.Kind == KindMap {
			for _, f := range top.Fields {
				if f.Value.Kind == KindMap {
					abs(f.Value.Get("file"))
				}
			}
		}
	}
}

// remoteContext reports whether a build context is not a local path.
func remoteContext(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "service:") {
		return true
	}
	for _, p := range []string{"https://", "http://", "git://", "ssh://", "github.com/", "git@"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
