package rules

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// namedFor returns the rule whose Names hold one of s's words (see
// wordsSimple), and the word. Only wrapper rules count when wrappers is set.
// It allocates nothing for an ASCII s, as every process name it is given
// is in practice.
func namedFor(s string, wrappers bool) (*Rule, string) {
	if !isASCII(s) {
		for _, w := range wordsSimple(s) {
			if r, n := ruleNamed(w, wrappers); r != nil {
				return r, n
			}
		}
		return nil, ""
	}
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start == end {
			return nil, ""
		}
		if r, n := ruleNamed(s[start:end], wrappers); r != nil {
			return r, n
		}
		i = end
	}
}

// ruleNamed returns the first rule of Table with a name that is the
// ASCII word w in lower case, and the name.
func ruleNamed(w string, wrappers bool) (*Rule, string) {
	for _, r := range Table {
		if wrappers && r.Wrapper == nil {
			continue
		}
		for _, n := range r.Names {
			if lowerEqual(w, n) {
				return r, n
			}
		}
	}
	return nil, ""
}

// lowerEqual reports whether the ASCII word w in lower case is n.
func lowerEqual(w, n string) bool {
	if len(w) != len(n) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerByte(w[i]) != n[i] {
			return false
		}
	}
	return true
}

// nextWord returns the bounds of the first word of the ASCII string s at
// or after i, a run of letters and digits, and start == end when there is
// none.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) && !wordByte(s[i]) {
		i++
	}
	start = i
	for i < len(s) && wordByte(s[i]) {
		i++
	}
	return start, i
}

// wordByte reports whether b is an ASCII letter or digit.
func wordByte(b byte) bool {
	b = lowerByte(b)
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
}

// lowerByte returns the ASCII letter b in lower case, and other bytes as
// they are.
func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var wordSplit = lazyre.New(`[^a-z0-9]+`)

// wordsSimple splits a name or path into lower-case words: the runs of
// letters and digits after strings.ToLower, which lowers non-ASCII
// letters too (the Kelvin sign becomes k). namedFor splits ASCII text by
// hand (nextWord) and other text with it; their test compares the two.
func wordsSimple(s string) []string {
	var out []string
	for _, w := range wordSplit.Split(strings.ToLower(s), -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}
