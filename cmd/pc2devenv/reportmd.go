package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/ir"
)

// migrationReport builds the Markdown that "pc2devenv report" prints,
// project by project, in the order of the run: for each project, the
// sources read, what became of each process, target and entry, the
// diagnostics, the keys with no equivalent and the TODOs left in
// devenv.nix; with -r, a summary table of every project first.
type migrationReport struct {
	target    string
	verbose   bool
	recursive bool
	// rows are the summary table's, and problems the list of problems
	// met on the way that are not projects.
	rows     [][]string
	problems []string
	sections strings.Builder
	// dir is the first project's directory, which titles the report of
	// one project.
	dir string
}

// project adds a project of the run to the report.
func (m *migrationReport) project(p *batch.Project) {
	if p.Status == batch.Problem {
		for _, d := range p.AllDiagnostics() {
			if d.Severity != ir.Note || m.verbose {
				m.problems = append(m.problems, diagnosticItem(d))
			}
		}
		return
	}
	res := p.Result
	if res == nil {
		res = &convert.Result{Dir: p.Dir}
	}
	if m.dir == "" {
		m.dir = p.Dir
	}
	diags := p.AllDiagnostics()
	status := mdText(p.Status.Name(batch.Convert))
	if first := firstError(diags); p.Status == batch.Failed && first != nil {
		status += ": "
		if first.Pos.IsValid() {
			status += mdCode(first.Pos.String()) + " "
		}
		status += mdText(first.Message)
	} else if p.Status == batch.Failed {
		status = mdText(p.Status.Name(batch.Convert) + " (--strict: it has warnings)")
	}
	counts := map[emit.DefKind]int{}
	for _, d := range res.Defined {
		counts[d.Kind]++
	}
	count := func(n int) string {
		if res.Output == nil {
			return "-"
		}
		return strconv.Itoa(n)
	}
	m.rows = append(m.rows, []string{
		mdCode(p.Dir), codeList(res.Sources),
		count(counts[emit.DefService]), count(counts[emit.DefProcess]), count(counts[emit.DefTask]), count(counts[emit.DefScript]),
		strconv.Itoa(diags.Count(ir.Warning)), count(len(res.TODOs)), status,
	})

	b := &m.sections
	h := "###"
	if m.recursive {
		h = "####"
		fmt.Fprintf(b, "### %s\n\n", mdText(p.Dir))
	}

	if len(res.Defined) > 0 {
		fmt.Fprintf(b, "%s What became of what\n\n", h)
		var rows [][]string
		for _, d := range res.Defined {
			rows = append(rows, []string{mdCode(d.Source), mdText(string(d.Kind)) + " " + mdCode(d.Name), mdPos(d.Pos)})
		}
		mdTable(b, []string{"source", "in devenv.nix", "defined at"}, rows)
		b.WriteString("\n")
	}

	var rows [][]string
	for _, d := range diags {
		if d.Severity != ir.Note || m.verbose {
			rows = append(rows, []string{mdPos(d.Pos), mdText(d.Severity.String()), mdCode(string(d.ID)), mdText(diagnosticText(d))})
		}
	}
	if len(rows) > 0 {
		fmt.Fprintf(b, "%s Diagnostics\n\n", h)
		mdTable(b, []string{"where", "severity", "ID", "what"}, rows)
		b.WriteString("\n")
	}

	rows = nil
	// A key under one reported for the same reason is not repeated: the
	// keys of a liveness_probe go with it.
	reported := map[string]string{}
	for _, k := range res.Fates {
		if k.Fate != emit.Reported {
			continue
		}
		reported[k.Path.Quote()] = k.To
		if underReported(k.Path, k.To, reported) {
			continue
		}
		rows = append(rows, []string{mdCode(k.Key), mdPos(k.Pos), mdText(k.To)})
	}
	if len(rows) > 0 {
		fmt.Fprintf(b, "%s Keys with no equivalent\n\n", h)
		mdTable(b, []string{"key", "where", "why"}, rows)
		b.WriteString("\n")
	}

	if len(res.Explanations) > 0 {
		fmt.Fprintf(b, "%s Why each service rule fired or not\n\n", h)
		var text strings.Builder
		for _, x := range res.Explanations {
			text.WriteString(x.String())
		}
		mdFence(b, text.String())
		b.WriteString("\n")
	}

	if len(res.TODOs) > 0 {
		fmt.Fprintf(b, "%s TODOs left in devenv.nix\n\n", h)
		nixFile := filepath.ToSlash(filepath.Join(res.Dir, "devenv.nix"))
		rows = nil
		for _, t := range res.TODOs {
			rows = append(rows, []string{mdCode(nixFile + ":" + strconv.Itoa(t.Line)), mdText(t.Text)})
		}
		mdTable(b, []string{"line", "to do"}, rows)
		b.WriteString("\n")
	}
}

// markdown returns the whole report: the title, the target, the summary
// table (a row per project with -r) and the problems, then the projects.
func (m *migrationReport) markdown(sum *batch.Summary) string {
	var b strings.Builder
	header := []string{"project", "sources", "services", "processes", "tasks", "scripts", "warnings", "TODOs", "status"}
	rows := m.rows
	if !m.recursive {
		fmt.Fprintf(&b, "## pc2devenv report: %s\n\n", mdText(m.dir))
		header = header[1:]
		rows = nil
		for _, r := range m.rows {
			rows = append(rows, r[1:])
		}
	} else {
		b.WriteString("## pc2devenv report\n\n")
		b.WriteString(mdText(sum.String(batch.Convert)) + "\n\n")
	}
	b.WriteString(mdText("Target: "+m.target+".") + "\n\n")
	if len(rows) > 0 {
		mdTable(&b, header, rows)
		b.WriteString("\n")
	}
	if len(m.problems) > 0 {
		b.WriteString("Problems met on the way:\n\n")
		for _, p := range m.problems {
			b.WriteString("- " + p + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(m.sections.String())
	return strings.TrimSuffix(b.String(), "\n")
}

// underReported reports whether a parent of key is reported for the same
// reason, why; reported holds the reasons by the keys' Path.Quote.
func underReported(key ir.Path, why string, reported map[string]string) bool {
	for p := key.Parent(); !p.IsZero(); p = p.Parent() {
		if parent, ok := reported[p.Quote()]; ok && parent == why {
			return true
		}
	}
	return false
}

// diagnosticText is a diagnostic's message and suggestion.
func diagnosticText(d ir.Diagnostic) string {
	if d.Suggestion == "" {
		return d.Message
	}
	return d.Message + "; " + d.Suggestion
}

// diagnosticItem writes a diagnostic as Markdown text.
func diagnosticItem(d ir.Diagnostic) string {
	s := mdText(fmt.Sprintf("%s[%s]: %s", d.Severity, d.ID, diagnosticText(d)))
	if d.Pos.IsValid() {
		s = mdText(d.Pos.String()) + ": " + s
	}
	return s
}

// firstError returns the first error of diags, or nil.
func firstError(diags ir.Diagnostics) *ir.Diagnostic {
	for i := range diags {
		if diags[i].Severity == ir.Error {
			return &diags[i]
		}
	}
	return nil
}

// mdPos writes a source position as a code span, or "-" when there is
// none.
func mdPos(p ir.Pos) string {
	if !p.IsValid() {
		return "-"
	}
	return mdCode(p.String())
}

// codeList writes names as code spans, separated by commas, or "-" when
// there is none.
func codeList(names []string) string {
	if len(names) == 0 {
		return "-"
	}
	var parts []string
	for _, n := range names {
		parts = append(parts, mdCode(n))
	}
	return strings.Join(parts, ", ")
}
