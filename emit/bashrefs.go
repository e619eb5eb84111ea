package emit

import (
	"sort"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// bashCommand renders a command for bash to run. process-compose
// substituted ${VAR} references in the whole file when it loaded it,
// whatever the shell quoting around them; the converter leaves them for
// bash, which expands them the same way — except inside single quotes,
// where bash does not expand. There the reference is moved out of the
// quotes ('a${X}b' becomes 'a'"${X}"'b'), so that bash expands it as
// process-compose did. References in a here-document with a quoted
// delimiter, which cannot be moved, are reported in problems. sh holds
// the project's parsed commands.
func bashCommand(sh *shell.Cache, t ir.Text) (cmd string, problems []string) {
	if !t.HasRefs() {
		return t.Shell(), nil
	}
	var b strings.Builder
	w := &refWalk{}
	for _, p := range t.Parts {
		if p.Ref != nil {
			w.refs = append(w.refs, refSpan{b.Len(), b.Len() + len(p.Ref.Raw)})
			b.WriteString(p.Ref.Raw)
		} else {
			b.WriteString(p.Lit)
		}
	}
	s := b.String()
	f, err := sh.Parse(s)
	if err != nil {
		return s, nil
	}
	w.s = s
	syntax.Walk(f, w.visit)
	rewrites, problems := w.rewrites, w.problems
	if len(rewrites) == 0 {
		return s, problems
	}
	sort.Slice(rewrites, func(i, j int) bool { return rewrites[i].start > rewrites[j].start })
	for _, rw := range rewrites {
		var q strings.Builder
		pos := rw.start + 1 // after the opening quote
		for _, r := range rw.refs {
			if r.start > pos {
				q.WriteString("'" + s[pos:r.start] + "'")
			}
			q.WriteString(`"` + s[r.start:r.end] + `"`)
			pos = r.end
		}
		if rest := s[pos : rw.end-1]; rest != "" {
			q.WriteString("'" + rest + "'")
		}
		s = s[:rw.start] + q.String() + s[rw.end:]
	}
	return s, problems
}

// refSpan is where a reference is in a command's text.
type refSpan struct{ start, end int }

// refRewrite is a single-quoted word of a command, quotes included, with
// the references in it.
type refRewrite struct {
	start, end int
	refs       []refSpan
}

// refWalk walks a command (s, with its references at refs) for the
// references that bash would not expand: those in single quotes, which
// are to be rewritten, and the problems that cannot be.
type refWalk struct {
	s        string
	refs     []refSpan
	rewrites []refRewrite
	problems []string
}

// visit looks at one node of the command, for syntax.Walk.
func (w *refWalk) visit(n syntax.Node) bool {
	switch n := n.(type) {
	case *syntax.SglQuoted:
		start, end := int(n.Pos().Offset()), int(n.End().Offset())
		if in := w.inside(start, end); len(in) > 0 {
			if n.Dollar {
				w.problems = append(w.problems, w.s[in[0].start:in[0].end]+` inside $'...' quotes, where bash does not expand it`)
				return true
			}
			w.rewrites = append(w.rewrites, refRewrite{start, end, in})
		}
	case *syntax.Redirect:
		if n.Hdoc != nil && (n.Op == syntax.Hdoc || n.Op == syntax.DashHdoc) && n.Word != nil && n.Word.Lit() == "" {
			start, end := int(n.Hdoc.Pos().Offset()), int(n.Hdoc.End().Offset())
			for _, r := range w.refs {
				if start <= r.start && r.end <= end {
					w.problems = append(w.problems, w.s[r.start:r.end]+" inside a here-document with a quoted delimiter, where bash does not expand it")
				}
			}
		}
	}
	return true
}

// inside returns the references strictly between start and end.
func (w *refWalk) inside(start, end int) []refSpan {
	var in []refSpan
	for _, r := range w.refs {
		if start < r.start && r.end < end {
			in = append(in, r)
		}
	}
	return in
}
