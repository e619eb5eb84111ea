package emit

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// watch lowers watch to devenv's typed watch option: paths relative to
// devenv.nix, *.EXT include patterns as extensions, exclude patterns as
// ignore; what devenv's watch cannot say is reported.
func (l *lowerer) watch(a *nix.Attrs, p *ir.Process, f ir.Field) {
	subject := func(key string) string { return fmt.Sprintf("watch.%s of process %q", key, sourceName(p)) }
	w := nix.Set()
	var paths []nix.Expr
	var exts, ignore []string
	var includeSets, excludeSets []string
	base := ""
	if p.Cwd.Set {
		dir, unresolved := p.Cwd.Val.Resolve()
		if len(unresolved) > 0 || strings.Contains(dir, "$") {
			l.report(a, f.KeyPos, ir.Warning, ir.IDWatch, subject("paths"), "they are relative to a working_dir the converter cannot know", "")
			return
		}
		base = dir
	}
	for _, kf := range f.Value.Map {
		switch kf.Key {
		case "paths":
			for _, item := range kf.Value.List {
				pv, _ := item.Get("path")
				s, ok := pv.Str.Literal()
				if pv.Kind != ir.KindString || !ok || strings.Contains(s, "$") || s == "" {
					l.report(a, item.Pos, ir.Warning, ir.IDWatch, subject("paths"), fmt.Sprintf("the path %q is not one the converter can turn into a path", pv.Str.Shell()), "")
					continue
				}
				if !path.IsAbs(s) {
					s = path.Join(base, s)
				}
				paths = append(paths, &nix.Path{P: s})
				inc, _ := item.Get("include")
				exc, _ := item.Get("exclude")
				includeSets = append(includeSets, listKey(inc))
				excludeSets = append(excludeSets, listKey(exc))
				for _, g := range inc.List {
					gs := g.Str.Shell()
					m := extGlob.FindStringSubmatch(gs)
					if m == nil {
						l.report(a, g.Pos, ir.Warning, ir.IDWatch, subject("paths.include"), fmt.Sprintf("devenv filters watched files by extension only, and %q is not a *.EXT pattern", gs), "")
						continue
					}
					if !slices.Contains(exts, m[1]) {
						exts = append(exts, m[1])
					}
				}
				for _, g := range exc.List {
					if gs := g.Str.Shell(); !slices.Contains(ignore, gs) {
						ignore = append(ignore, gs)
					}
				}
			}
		default:
			l.passOrReport(a, nil, kf.KeyPos, p, "watch."+kf.Key, valueExpr(kf.Value, false))
		}
	}
	if len(paths) == 0 {
		return
	}
	if len(slices.Compact(slices.Clone(includeSets))) > 1 || len(slices.Compact(slices.Clone(excludeSets))) > 1 {
		l.diags.Add(f.KeyPos, ir.IDWatch,
			fmt.Sprintf("the watched paths of process %q have different include or exclude patterns; devenv applies its extensions and ignore settings to all of them", p.Name), "")
	}
	w.Add(nix.ListOf(paths...), "paths")
	if len(exts) > 0 {
		w.Add(stringList(exts), "extensions")
	}
	if len(ignore) > 0 {
		w.Add(stringList(ignore), "ignore")
	}
	a.Add(w, "watch")
}

// extGlob matches include patterns devenv's watch.extensions expresses.
var extGlob = lazyre.New(`^(?:\*\*/)?\*\.([A-Za-z0-9_+-]+)$`)

// listKey returns a list's strings joined, to compare lists.
func listKey(v ir.Value) string {
	var s []string
	for _, it := range v.List {
		s = append(s, it.Str.Shell())
	}
	return strings.Join(s, "\x00")
}
