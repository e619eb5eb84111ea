package compose

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// word returns t as one bash word whose value, when bash runs it, is t's
// value: its literal parts quoted (by internal/shell) and its references
// kept as written, for bash to expand at run time from the environment
// devenv loads the project's .env into. A value from .env is never
// copied into the word.
func word(t ir.Text) string {
	if !t.HasRefs() {
		return shell.Quote(t.Shell(), shell.ReadableQuotes)
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, p := range t.Parts {
		if p.Ref != nil {
			b.WriteString(p.Ref.Raw)
		} else {
			b.WriteString(shell.EscapeDouble(p.Lit))
		}
	}
	b.WriteByte('"')
	return b.String()
}

// lit returns s as one bash word.
func lit(s string) string { return shell.Quote(s, shell.ReadableQuotes) }

// concat returns the text of the parts one after the other.
func concat(parts ...ir.Text) ir.Text {
	var out ir.Text
	for _, t := range parts {
		for _, p := range t.Parts {
			if p.Ref != nil {
				out.AppendRef(p.Ref)
			} else {
				out.Append(p.Lit)
			}
		}
	}
	return out
}

// commandWords returns a command's words as texts, with their references:
// a list's items, or the words of a string as written, split as compose
// splits it, so that a reference to .env stays a reference rather than
// the value compose substituted.
func commandWords(c *Command) []ir.Text {
	if !c.Shell || !c.Line.Text.HasRefs() {
		out := make([]ir.Text, len(c.Args))
		for i, a := range c.Args {
			out[i] = a.Text
		}
		return out
	}
	// Split the text as written with each reference replaced by a
	// placeholder that holds no space, quote or operator, then put the
	// references back.
	var b strings.Builder
	var refs []*ir.VarRef
	for _, p := range c.Line.Text.Parts {
		if p.Ref != nil {
			fmt.Fprintf(&b, "\x01%d\x02", len(refs))
			refs = append(refs, p.Ref)
		} else {
			b.WriteString(p.Lit)
		}
	}
	words, _, _ := splitWords(b.String())
	out := make([]ir.Text, 0, len(words))
	for _, w := range words {
		var t ir.Text
		for w != "" {
			i := strings.IndexByte(w, '\x01')
			if i < 0 {
				t.Append(w)
				break
			}
			t.Append(w[:i])
			j := strings.IndexByte(w[i:], '\x02')
			var n int
			fmt.Sscanf(w[i+1:i+j], "%d", &n)
			t.AppendRef(refs[n])
			w = w[i+j+1:]
		}
		t.Pos = c.Line.Pos
		out = append(out, t)
	}
	return out
}

// words joins texts as bash words.
func words(ts []ir.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = word(t)
	}
	return out
}
