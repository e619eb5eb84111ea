package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// explain prints the catalogue entry of a diagnostic ID, as rustc
// --explain does: "pc2devenv explain PC010" or "pc2devenv explain
// unknown-key".
func (e *env) explain(args []string) int {
	if wantsHelp(args) {
		lookup("explain").writeHelp(e.stdout)
		return exitOK
	}
	switch {
	case len(args) == 0:
		return e.usageError("explain", "name a diagnostic ID, such as PC010, or its name, such as unknown-key")
	case len(args) > 1:
		return e.usageError("explain", fmt.Sprintf("unexpected argument %q: explain takes one ID", args[1]))
	}
	entry, ok := ir.LookupName(args[0])
	if !ok {
		msg := fmt.Sprintf("unknown diagnostic ID %q", args[0])
		if s := sourcecheck.Suggest(args[0], explainWords()); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		return e.usageError("explain", msg)
	}
	writeEntry(e.stdout, entry)
	return exitOK
}

// explainWords are the words explain accepts: every ID and every name.
func explainWords() []string {
	var words []string
	for _, e := range ir.Catalogue() {
		words = append(words, string(e.ID), e.Name)
	}
	return words
}

// writeEntry writes a catalogue entry as explain prints it:
//
//	PC010 unknown-key (warning)
//
//	a key process-compose does not know
//
//	EXPLANATION
func writeEntry(w io.Writer, e ir.Entry) {
	sev := e.Severity.String()
	for _, s := range e.Also {
		sev += ", sometimes " + s.String()
	}
	fmt.Fprintf(w, "%s %s (%s)\n\n%s.\n\n%s\n", e.ID, e.Name, sev, capitalize(e.Summary), e.Explanation)
}

// capitalize returns s with its first letter upper-case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
