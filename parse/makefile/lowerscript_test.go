package makefile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestScriptBudget checks that a chain of targets, each needing the one
// before, does not write scripts growing with the square of the targets:
// past the budget, scripts run devenv tasks run, with a warning.
func TestScriptBudget(t *testing.T) {
	var b strings.Builder
	const n = 1500
	b.WriteString(".PHONY:")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " t%d", i)
	}
	b.WriteString("\nt0:\n\techo 0\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "t%d: t%d\n\techo %d\n", i, i-1, i)
	}
	proj, diags := Read("Makefile", []byte(b.String()), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	size, fallback := 0, 0
	for _, s := range proj.Scripts {
		text := s.Exec.Shell()
		size += len(text)
		if strings.HasPrefix(text, "devenv tasks run ") {
			fallback++
		}
	}
	if len(proj.Scripts) != n || fallback == 0 || fallback == n {
		t.Errorf("%d scripts, %d of them devenv tasks run; want %d, some", len(proj.Scripts), fallback, n)
	}
	if size > 8*maxScriptSteps*40 {
		t.Errorf("the scripts hold %d bytes", size)
	}
	warned := false
	for _, d := range diags {
		warned = warned || d.ID == ir.IDTooMany
	}
	if !warned {
		t.Errorf("no %s warning:\n%v", ir.IDTooMany, diags)
	}
}
