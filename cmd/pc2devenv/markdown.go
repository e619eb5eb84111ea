package main

import (
	"strings"
)

// mdSpecial are the characters that mean something in GitHub-flavoured
// Markdown text: emphasis, code, links, images, HTML, entities, table
// cells, strikethrough, headings, and GitHub's mentions, issue
// references and maths. A backslash makes any of them literal.
const mdSpecial = "\\`*_[]<>|~!&$@#"

// mdText escapes s for Markdown text — a paragraph, a heading or a table
// cell — so that it reads as s and cannot start any syntax or break a
// table. A line break becomes <br>, the one break a table cell holds;
// spaces at the ends, which a cell or heading would trim, and the ":" of
// "://" and the "." of "www.", which would make a link of what follows
// (with the backslashes of its escapes in it), become character
// references.
func mdText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lead := len(s) - len(strings.TrimLeft(s, " "))
	trail := len(strings.TrimRight(s, " "))
	for i, r := range s {
		switch {
		case r == ' ' && (i < lead || i >= trail):
			b.WriteString("&#32;")
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteString("&#58;")
		case r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString("&#46;")
		case r == '\n' || r == '\r':
			b.WriteString("<br>")
		case r < 0x80 && strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case isControl(r):
			// Control characters: shown, not sent to the renderer.
			b.WriteRune(0xfffd)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode writes s as a code span in a table cell: between runs of
// backticks longer than any run in s, with its pipes escaped (the one
// escape a code span in a table cell reads). Text that a code span cannot
// hold — empty, or over several lines — is written as text instead.
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "\r\n") || strings.ContainsFunc(s, isControl) {
		return mdText(s)
	}
	fence := strings.Repeat("`", longestBackticks(s)+1)
	inner := strings.ReplaceAll(s, "|", `\|`)
	// A span that starts or ends with a backtick needs a space between
	// it and the fence, and one space each side is stripped again; so
	// does one that starts and ends with a space.
	if s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		inner = " " + inner + " "
	}
	return fence + inner + fence
}

// longestBackticks returns the length of the longest run of backticks in
// s.
func longestBackticks(s string) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// isControl reports whether r is a control character other than a tab
// or a line break.
func isControl(r rune) bool {
	return (r < 0x20 || r == 0x7f) && r != '\t' && r != '\n' && r != '\r'
}

// mdFence writes text as a fenced code block, whose fence is longer than
// any run of backticks in it, so that no line of it ends the block.
func mdFence(b *strings.Builder, text string) {
	fence := strings.Repeat("`", max(3, longestBackticks(text)+1))
	b.WriteString(fence + "text\n" + text)
	if !strings.HasSuffix(text, "\n") {
		b.WriteString("\n")
	}
	b.WriteString(fence + "\n")
}

// mdTable writes a table with a header row; every cell is already
// Markdown (escaped with mdText or mdCode).
func mdTable(b *strings.Builder, header []string, rows [][]string) {
	writeRow := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(c)
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	writeRow(header)
	b.WriteString("|")
	for range header {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		writeRow(r)
	}
}
