package nix

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// quoteDoubleSimple is appendQuoted as a strings.Builder writes it, byte
// by byte.
func quoteDoubleSimple(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		case 0:
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// multilineSimple is multiline as the concatenation of the literal parts
// (an interpolation counting as "x") split into lines.
func multilineSimple(s *String) bool {
	var b strings.Builder
	for _, part := range s.Parts {
		if part.Interp == nil {
			b.WriteString(part.Lit)
		} else {
			b.WriteString("x")
		}
	}
	text := b.String()
	if !strings.Contains(text, "\n") || !strings.HasSuffix(text, "\n") {
		return false
	}
	if strings.ContainsAny(text, "\r\x00") || strings.Contains(text, "'${") {
		return false
	}
	flush := false
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == "" {
			continue
		}
		if strings.TrimLeft(line, " ") == "" {
			return false
		}
		if line[0] != ' ' {
			flush = true
		}
	}
	return flush
}

// quoteInputs returns edge cases and random strings over the bytes the
// quoting treats specially.
func quoteInputs() []string {
	in := []string{
		"", "a", "$", "${", "$${", "${x}", "a$", "\\", "\"", "\n", "\r\n", "\t",
		"\x00", "''", "'${", " \n", "a\n", "a\nb", "a\nb\n", "  a\n b\n",
		"\n\n", "a\n  \nb\n", "\ta\n", "é\n", "plain text",
	}
	alphabet := []string{"a", "Z", " ", "\n", "\r", "\t", "$", "{", "}", "\\", "\"", "'", "\x00", "é"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	return in
}

// TestQuoteDouble checks appendQuoted against the byte-by-byte escaper.
func TestQuoteDouble(t *testing.T) {
	for _, s := range quoteInputs() {
		if got, want := string(appendQuoted(nil, s)), quoteDoubleSimple(s); got != want {
			t.Errorf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestMultiline checks multiline against splitting the text into lines,
// on strings of one part, of several, and with interpolations.
func TestMultiline(t *testing.T) {
	in := quoteInputs()
	for i, s := range in {
		next := in[(i*7+1)%len(in)]
		for _, str := range []*String{
			Str(s),
			{Parts: []Part{{Lit: s}, {Lit: next}}},
			{Parts: []Part{{Lit: s}, {Interp: Ref("x")}, {Lit: next}}},
			{Parts: []Part{{Interp: Ref("x")}, {Lit: s}}},
		} {
			if got, want := multiline(str), multilineSimple(str); got != want {
				t.Errorf("multiline(%#v) = %v, want %v", str.Parts, got, want)
			}
		}
	}
}

// TestStringPrint checks that a "..." string prints as the byte-by-byte
// escaper writes it, with a "$" before an interpolation escaped.
func TestStringPrint(t *testing.T) {
	for _, s := range quoteInputs() {
		if strings.IndexByte(s, 0) >= 0 || multiline(Str(s)) {
			continue
		}
		str := &String{Parts: []Part{{Lit: s + "$"}, {Interp: Ref("x")}, {Lit: s}}}
		if multiline(str) {
			continue
		}
		q := quoteDoubleSimple(s)
		want := q[:len(q)-1] + `\$${x}` + q[1:]
		got, err := FormatExpr(str)
		if err != nil {
			t.Errorf("FormatExpr(%#v): %v", str.Parts, err)
			continue
		}
		if string(got) != want {
			t.Errorf("FormatExpr(%#v) = %s, want %s", str.Parts, got, want)
		}
	}
}
