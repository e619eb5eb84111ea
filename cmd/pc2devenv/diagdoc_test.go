package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// The catalogue in diagnosticsDoc lies between these markers.
const (
	diagnosticsDoc   = "docs/diagnostics.md"
	diagnosticsStart = "<!-- diagnostics:start (generated from the catalogue, ir/catalogue_*.go; PC2DEVENV_UPDATE=1 go test ./cmd/pc2devenv rewrites it) -->\n"
	diagnosticsEnd   = "<!-- diagnostics:end -->"
)

// diagnosticsCatalogue is the documentation's list of diagnostics: a
// table of every ID, then each entry as pc2devenv explain prints it.
func diagnosticsCatalogue() string {
	var b strings.Builder
	b.WriteString("| ID | name | severity | about |\n|---|---|---|---|\n")
	entries := ir.Catalogue()
	for _, e := range entries {
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` | %s | %s |\n", e.ID, strings.ToLower(string(e.ID)), e.Name, severities(e), strings.ReplaceAll(e.Summary, "|", `\|`))
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "\n### %s\n\n`%s`, %s. %s.\n\n%s\n", e.ID, e.Name, severities(e), capitalize(e.Summary), e.Explanation)
	}
	return b.String()
}

// severities is an entry's severity, then the others it may have.
func severities(e ir.Entry) string {
	s := e.Severity.String()
	for _, o := range e.Also {
		s += " (or " + o.String() + ")"
	}
	return s
}

// TestDiagnosticsDoc checks that docs/diagnostics.md lists the catalogue
// as it is; PC2DEVENV_UPDATE=1 rewrites the list.
func TestDiagnosticsDoc(t *testing.T) {
	checkGenerated(t, diagnosticsDoc, diagnosticsStart, diagnosticsEnd, diagnosticsCatalogue(), "catalogue")
}
