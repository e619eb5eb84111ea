package emit

import (
	"fmt"
	"strings"
)

// FateTableMarkdown returns FateTable as a Markdown table: one row per key
// pattern, one column per target. The table of supported keys in
// docs/keys.md is this text.
func FateTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| key |")
	for _, t := range Targets {
		fmt.Fprintf(&b, " `%s` |", t)
	}
	b.WriteString("\n|---|")
	for range Targets {
		b.WriteString("---|")
	}
	b.WriteByte('\n')
	for _, r := range FateTable {
		fmt.Fprintf(&b, "| `%s` |", r.Pattern)
		for _, t := range Targets {
			f := r.Fates[t]
			cell := string(f.Kind)
			switch f.Kind {
			case Mapped, PassedThrough:
				cell += ": " + codeOptions(f.To)
			default:
				cell += ": " + f.To
			}
			if f.Note != "" {
				cell += "; " + f.Note
			}
			fmt.Fprintf(&b, " %s |", strings.ReplaceAll(cell, "|", `\|`))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// codeOptions sets a destination in code type when it is an option path
// or a key, and leaves prose as it is.
func codeOptions(to string) string {
	head, rest, _ := strings.Cut(to, " ")
	head, semi := strings.CutSuffix(head, ";")
	head, comma := strings.CutSuffix(head, ",")
	if !strings.Contains(head, "`") && (strings.ContainsAny(head, "._<") || !strings.Contains(to, " ") || semi || comma) {
		head = "`" + head + "`"
	}
	switch {
	case semi:
		head += ";"
	case comma:
		head += ","
	}
	if rest == "" {
		return head
	}
	return head + " " + rest
}
