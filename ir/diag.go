package ir

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Severity says how serious a Diagnostic is.
type Severity int

// The severities, from least to most serious.
const (
	// Note explains a decision the converter made; nothing is wrong.
	Note Severity = iota
	// Warning marks source behaviour the output does not fully keep, or
	// input that is probably a mistake.
	Warning
	// Error marks input that cannot be converted.
	Error
)

// String returns "note", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	default:
		return "error"
	}
}

// MarshalText encodes s as its name, for JSON reports.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// A Diagnostic is one message about the input or the conversion.
type Diagnostic struct {
	// Pos is where in the source the diagnostic is about.
	Pos      Pos      `json:"-"`
	Severity Severity `json:"severity"`
	// ID identifies the kind of diagnostic, stably: PC010.
	ID ID `json:"id"`
	// Message says what is wrong, or what was decided, in a plain
	// sentence; Suggestion, when not empty, what to do about it.
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	// Related are other places the diagnostic is about, such as the
	// first definition of what it reports defined twice.
	Related []Related `json:"-"`
}

// Related is a place a Diagnostic refers to, with a short text saying
// what is there: printed after the diagnostic as
//
//	FILE:LINE:COL: note: text
type Related struct {
	Pos  Pos
	Text string
}

// String formats r as it is printed after its diagnostic.
func (r Related) String() string {
	if r.Pos.IsValid() {
		return r.Pos.String() + ": note: " + r.Text
	}
	return "note: " + r.Text
}

// NewDiagnostic returns a diagnostic with the severity of id's catalogue
// entry, for code that builds a Diagnostic rather than adding it to a list.
func NewDiagnostic(pos Pos, id ID, msg, suggestion string) Diagnostic {
	return Diagnostic{Pos: pos, Severity: id.severity(), ID: id, Message: msg, Suggestion: suggestion}
}

// With returns d with a related place added.
func (d Diagnostic) With(pos Pos, text string) Diagnostic {
	d.Related = append(slices.Clip(d.Related), Related{Pos: pos, Text: text})
	return d
}

// String formats d the way pc2devenv prints it on standard error:
//
//	FILE:LINE:COL: warning[PC010]: message; suggestion
//
// followed by a line for each related place (Related.String).
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Pos.IsValid() {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s[%s]: %s", d.Severity, d.ID, d.Message)
	if d.Suggestion != "" {
		b.WriteString("; ")
		b.WriteString(d.Suggestion)
	}
	for _, r := range d.Related {
		b.WriteByte('\n')
		b.WriteString(r.String())
	}
	return b.String()
}

// Error implements the error interface, so that a single error-severity
// Diagnostic can be returned where an error is expected.
func (d Diagnostic) Error() string { return d.String() }

// Diagnostics is a list of diagnostics, in the shape of go/scanner's
// ErrorList: it can be sorted by position and used as an error.
type Diagnostics []Diagnostic

// Add appends a diagnostic with the severity of id's catalogue entry.
func (l *Diagnostics) Add(pos Pos, id ID, msg, suggestion string) {
	*l = append(*l, NewDiagnostic(pos, id, msg, suggestion))
}

// Addf appends a diagnostic with the severity of id's catalogue entry
// and a formatted message.
func (l *Diagnostics) Addf(pos Pos, id ID, format string, args ...any) {
	l.Add(pos, id, fmt.Sprintf(format, args...), "")
}

// AddAs appends a diagnostic with severity sev, which must be the
// severity of id's catalogue entry or one of its Also (a test checks
// every call).
func (l *Diagnostics) AddAs(pos Pos, sev Severity, id ID, msg, suggestion string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, ID: id, Message: msg, Suggestion: suggestion})
}

// AddRelated appends a diagnostic with the severity of id's catalogue
// entry and one related place.
func (l *Diagnostics) AddRelated(pos Pos, id ID, msg, suggestion string, at Pos, text string) {
	*l = append(*l, NewDiagnostic(pos, id, msg, suggestion).With(at, text))
}

// Sort orders the list by position, then by identifier, message,
// suggestion and related places, so that output is deterministic.
// Diagnostics without a position come first.
func (l Diagnostics) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.String() < b.String() // the suggestion and related places
	})
}

// Dedup removes exact repeats (same position, id and message), which arise
// when one source value is lowered several times, e.g. once per replica.
// The list must be sorted.
func (l Diagnostics) Dedup() Diagnostics {
	out := l[:0]
	for i, d := range l {
		if i > 0 && d.Equal(l[i-1]) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Equal reports whether d and e are the same diagnostic.
func (d Diagnostic) Equal(e Diagnostic) bool {
	return d.Pos == e.Pos && d.Severity == e.Severity && d.ID == e.ID &&
		d.Message == e.Message && d.Suggestion == e.Suggestion && slices.Equal(d.Related, e.Related)
}

// HasErrors reports whether any diagnostic has Error severity.
func (l Diagnostics) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have severity sev.
func (l Diagnostics) Count(sev Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Err returns l as an error if it holds any error-severity diagnostic, and
// nil otherwise.
func (l Diagnostics) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error implements the error interface: the first error, and how many more.
func (l Diagnostics) Error() string {
	var first *Diagnostic
	n := 0
	for i := range l {
		if l[i].Severity == Error {
			if first == nil {
				first = &l[i]
			}
			n++
		}
	}
	switch {
	case first == nil:
		return "no errors"
	case n == 1:
		return first.String()
	default:
		return fmt.Sprintf("%s (and %d more errors)", first, n-1)
	}
}
