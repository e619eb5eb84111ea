package shell

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		in                       string
		single, readable, always string
	}{
		{"", "''", "''", "''"},
		{"web", "web", "web", "'web'"},
		{"a_b@c%d+e=f:g,h.i/j-k9", "a_b@c%d+e=f:g,h.i/j-k9", "a_b@c%d+e=f:g,h.i/j-k9", "'a_b@c%d+e=f:g,h.i/j-k9'"},
		{"two words", "'two words'", "'two words'", "'two words'"},
		{"$HOME", "'$HOME'", "'$HOME'", "'$HOME'"},
		{"it's", `'it'\''s'`, `"it's"`, `'it'\''s'`},
		{`it's "$x" \ ` + "`y`", `'it'\''s "$x" \ ` + "`y`'", `"it's \"\$x\" \\ \` + "`y\\`" + `"`, `'it'\''s "$x" \ ` + "`y`'"},
		{"a\nb", "'a\nb'", "'a\nb'", "'a\nb'"},
		{"café", "'café'", "'café'", "'café'"},
		{"~", "'~'", "'~'", "'~'"},
		{"*", "'*'", "'*'", "'*'"},
	} {
		for _, s := range []struct {
			style Style
			want  string
		}{{SingleQuotes, tc.single}, {ReadableQuotes, tc.readable}, {AlwaysQuotes, tc.always}} {
			if got := Quote(tc.in, s.style); got != s.want {
				t.Errorf("Quote(%q, %d) = %s, want %s", tc.in, s.style, got, s.want)
			}
		}
	}
}

func TestEscapeDouble(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"plain words":   "plain words",
		`a\b"c$d` + "`": `a\\b\"c\$d\` + "`",
		"it's ~ * !":    "it's ~ * !",
	} {
		if got := EscapeDouble(in); got != want {
			t.Errorf("EscapeDouble(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzQuote checks that bash reads each style of Quote's word as one
// word whose value is the string quoted, and the inside of double quotes
// EscapeDouble writes as that string.
func FuzzQuote(f *testing.F) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		f.Skip("bash is not installed")
	}
	for _, s := range []string{
		"", "web", "two words", "it's", `"$x" \ $(y) ` + "`z`", "a\nb", "'", "''", `\`, "~user", "*", "a=b", "-n",
		"!", "#", "{a,b}", "café", "\xff\xfe", "$'x'", "\t", "a'b\"c$d\\e`f", "\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.IndexByte(s, 0) >= 0 {
			t.Skip("no shell word can hold a NUL byte")
		}
		script := "set -- " + Quote(s, SingleQuotes) + " " + Quote(s, ReadableQuotes) + " " + Quote(s, AlwaysQuotes) +
			` "` + EscapeDouble(s) + `"` + "\nprintf '%s\\0' \"$#\" \"$@\""
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
		cmd.Env = []string{"LC_ALL=C", "PATH=" + os.Getenv("PATH")}
		cmd.Dir = t.TempDir() // where a word that is not one would glob or redirect
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bash -c %q: %v", script, err)
		}
		want := "4\x00" + strings.Repeat(s+"\x00", 4)
		if !bytes.Equal(out, []byte(want)) {
			t.Errorf("bash -c %q printed %q, want %q", script, out, want)
		}
	})
}
