package batch

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// A Summary counts what became of a run's projects.
type Summary struct {
	// Projects counts the projects; Counts, those with each status.
	Projects int
	Counts   map[Status]int
	// Problems counts the problems met on the way that are not projects.
	Problems int
	// Errors counts projects and problems with an error-severity
	// diagnostic, and Internal those that met a bug in pc2devenv.
	Errors, Internal int
	// Warnings counts warnings by identifier.
	Warnings map[ir.ID]int
}

func newSummary() *Summary {
	return &Summary{Counts: map[Status]int{}, Warnings: map[ir.ID]int{}}
}

// Tally returns the summary of projects converted without Run, such as
// one read from standard input.
func Tally(projects []*Project) *Summary {
	s := newSummary()
	for _, p := range projects {
		s.add(p)
	}
	return s
}

func (s *Summary) add(p *Project) {
	if p.Status == Problem {
		s.Problems++
	} else {
		s.Projects++
		s.Counts[p.Status]++
	}
	if p.Internal() {
		s.Internal++
	}
	diags := p.AllDiagnostics()
	if diags.HasErrors() {
		s.Errors++
	}
	for _, d := range diags {
		if d.Severity == ir.Warning {
			s.Warnings[d.ID]++
		}
	}
}

// OK reports whether the run leaves nothing to do: nothing failed and, for
// Check, nothing is out of date.
func (s *Summary) OK(mode Mode) bool {
	if s.Errors > 0 || s.Counts[Failed] > 0 {
		return false
	}
	return mode != Check || s.Counts[Updated]+s.Counts[Created] == 0
}

// String formats the summary the way a run ends, for mode:
//
//	12 projects: 3 converted (1 new), 8 unchanged, 1 skipped (hand-written), 0 failed; warnings: PC010 ×2, PC102 ×1
func (s *Summary) String(mode Mode) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d project%s: ", s.Projects, plural(s.Projects))
	changed, created := s.Counts[Updated]+s.Counts[Created], s.Counts[Created]
	switch mode {
	case Convert:
		fmt.Fprintf(&b, "%d converted, %d failed", s.Counts[Converted], s.Counts[Failed])
		s.writeWarnings(&b)
		return b.String()
	case Check:
		fmt.Fprintf(&b, "%d out of date", changed)
		if created > 0 {
			fmt.Fprintf(&b, " (%d missing)", created)
		}
		fmt.Fprintf(&b, ", %d up to date", s.Counts[Unchanged])
	default:
		fmt.Fprintf(&b, "%d converted", changed)
		if created > 0 {
			fmt.Fprintf(&b, " (%d new)", created)
		}
		fmt.Fprintf(&b, ", %d unchanged", s.Counts[Unchanged])
	}
	fmt.Fprintf(&b, ", %d skipped (hand-written), %d failed", s.Counts[Skipped], s.Counts[Failed])
	s.writeWarnings(&b)
	return b.String()
}

// writeWarnings ends a summary with the count of each warning.
func (s *Summary) writeWarnings(b *strings.Builder) {
	if len(s.Warnings) > 0 {
		ids := make([]string, 0, len(s.Warnings))
		for id := range s.Warnings {
			ids = append(ids, string(id))
		}
		sort.Strings(ids)
		b.WriteString("; warnings:")
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, " %s ×%d", id, s.Warnings[ir.ID(id)])
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Name returns the status as reports spell it, for mode.
func (s Status) Name(mode Mode) string {
	switch s {
	case Unchanged:
		if mode == Check {
			return "up-to-date"
		}
		return "unchanged"
	case Updated:
		if mode == Check {
			return "out-of-date"
		}
		return "converted"
	case Created:
		if mode == Check {
			return "missing"
		}
		return "created"
	case Skipped:
		return "skipped"
	case Failed:
		return "failed"
	case Converted:
		return "converted"
	default:
		return "problem"
	}
}
