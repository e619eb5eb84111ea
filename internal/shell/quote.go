package shell

import "strings"

// Style is how Quote writes a word that needs quotes.
type Style int

const (
	// SingleQuotes writes a word that needs quotes in single quotes,
	// each ' in it as '\''.
	SingleQuotes Style = iota
	// ReadableQuotes writes a word that needs quotes in single quotes
	// when it holds none, and in double quotes, with \ " $ and `
	// escaped, when it does: "it's" rather than 'it'\''s'.
	ReadableQuotes
	// AlwaysQuotes writes every word as SingleQuotes writes one that
	// needs quotes, even one that needs none (zsh completion specs,
	// whose words are always quoted).
	AlwaysQuotes
)

// Quote returns s as one bash word whose value is s: bare when it needs
// no quotes (it is not empty, and made of letters, digits and
// _@%+=:,./- only), else quoted in style. The word is also one word of
// POSIX sh and zsh. s must not hold a NUL byte, which no shell word can.
func Quote(s string, style Style) string {
	if style != AlwaysQuotes && bare(s) {
		return s
	}
	if style == ReadableQuotes && strings.Contains(s, "'") {
		return `"` + EscapeDouble(s) + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// bare reports whether s is a word bash reads as itself, without quotes.
func bare(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("_@%+=:,./-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// EscapeDouble escapes s for the inside of a double-quoted bash word
// ("…"): a backslash before each \ " $ and `, so that the word's value
// is s.
func EscapeDouble(s string) string {
	if !strings.ContainsAny(s, "\\\"$`") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '"', '$', '`':
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
