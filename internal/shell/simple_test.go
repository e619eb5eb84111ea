package shell

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// parseFull parses src with the parser, without the shortcut.
func parseFull(t *testing.T, src string) (*syntax.File, error) {
	t.Helper()
	p := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
	return p.Parse(strings.NewReader(src), "")
}

// checkSimple compares parseSimple's tree of src with the parser's. It
// returns whether parseSimple took src.
func checkSimple(t *testing.T, src string) bool {
	t.Helper()
	fast, ok := parseSimple(src)
	if !ok {
		return false
	}
	slow, err := parseFull(t, src)
	if err != nil {
		t.Errorf("%q: parseSimple takes it, the parser refuses it: %v", src, err)
		return true
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%q: parseSimple's tree differs from the parser's:\n%s\nwant:\n%s", src, dump(fast), dump(slow))
	}
	return true
}

// dump shows a tree with its positions.
func dump(f *syntax.File) string {
	var b strings.Builder
	syntax.DebugPrint(&b, f)
	return b.String()
}

func TestParseSimple(t *testing.T) {
	long := strings.Repeat("abcdefgh ", 2500) // past the parser's last column
	for _, tc := range []struct {
		src  string
		fast bool
	}{
		{"", true},
		{" ", true},
		{"\t \t", true},
		{"npm run dev", true},
		{"  npm   run\tdev  ", true},
		{"\tnpm run dev\t", true},
		{"./bin/server --port=3000 -v", true},
		{"go run ./cmd/x -addr=:8080 user@host 50% a,b +x", true},
		{"echo FOO=bar", true},
		{"=x echo", false},
		{"1=x echo", false},
		{"in a b", true},
		{"echo if then fi", true},
		{long, true},
		{long + "x=y", true},
		{"FOO=bar cmd", false},
		{"FOO+=bar cmd", false},
		{"FOO=bar", false},
		{"if", false},
		{"time make", false},
		{"export A", false},
		{"declare -x A", false},
		{"let a", false},
		{"function f", false},
		{"done", false},
		{"# a comment", false},
		{"echo # a comment", false},
		{"echo a#b", false},
		{"echo $HOME", false},
		{"echo 'a'", false},
		{"echo \"a\"", false},
		{"a && b", false},
		{"a; b", false},
		{"a\nb", true},
		{"\n", true},
		{"\n\n \n", true},
		{"npm install\nnpm run dev -- --port 3000\n", true},
		{"\n  a b\n\n\tc\n  \n d e f \n", true},
		{long + "\n" + long, true},
		{"a\nif b", false},
		{"a\nFOO=bar b", false},
		{"a\n\nb c=d", true},
		{"a\n#b", false},
		{"a > b", false},
		{"echo ~", false},
		{"echo *", false},
		{"echo a\\ b", false},
		{"echo a\r", false},
		{"{ a; }", false},
		{strings.Repeat("a", MaxLen+1), false},
	} {
		if got := checkSimple(t, tc.src); got != tc.fast {
			t.Errorf("%.40q: parseSimple took it: %v, want %v", tc.src, got, tc.fast)
		}
	}
}

// plainAlphabet is what random plain commands are made of; the blanks
// are repeated so that words stay short.
const plainAlphabet = "abcxyzABCZ0189-_./=:,@%+     \t\n\n"

// TestParseSimpleRandom compares parseSimple with the parser on random
// commands of plain bytes, blanks and newlines, with keywords and
// assignments among the words.
func TestParseSimpleRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"if", "for", "do", "export", "let", "time", "in", "echo", "FOO=bar", "a+=b", "=", "x="}
	took := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			if rng.IntN(8) == 0 {
				b.WriteString(words[rng.IntN(len(words))])
				continue
			}
			b.WriteByte(plainAlphabet[rng.IntN(len(plainAlphabet))])
		}
		if checkSimple(t, b.String()) {
			took++
		}
		if t.Failed() {
			return
		}
	}
	if took < 10000 {
		t.Errorf("parseSimple took %d of 20000 plain commands", took)
	}
}

// TestParseSimpleRefuses checks that parseSimple leaves to the parser
// every command holding a byte other than plain ones, blanks and
// newlines.
func TestParseSimpleRefuses(t *testing.T) {
	for c := 0; c < 256; c++ {
		if plainByte[c] || c == ' ' || c == '\t' || c == '\n' {
			continue
		}
		for _, src := range []string{string(rune(c)), "echo " + string(byte(c)), "a" + string(byte(c)) + "b c", "a b " + string(byte(c))} {
			if _, ok := parseSimple(src); ok {
				t.Errorf("parseSimple takes %q", src)
			}
		}
	}
	for _, c := range "abzAZ09-_./=:,@%+" {
		if !plainByte[c] {
			t.Errorf("%q is not a plain byte", c)
		}
	}
}
