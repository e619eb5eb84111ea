package emit

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestCommandLine checks entrypoint quoting against real bash: the words
// bash splits the command line into are the entrypoint's.
func TestCommandLine(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	words := []string{"ls", "-la", "my dir", "it's", "$HOME", "a\"b", "", "tab\there", "new\nline", "*", "~", "{a,b}", `back\slash`, "ünï"}
	var in []ir.Text
	for _, w := range words {
		in = append(in, ir.Plain(w, ir.Pos{}))
	}
	line := commandLine(in).Shell()
	out, err := exec.Command("env", "-i", "bash", "--norc", "-c", `f() { printf '%s\0' "$@"; }; f `+line).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(string(out), "\x00")
	if got = got[:len(got)-1]; !slices.Equal(got, words) {
		t.Errorf("bash splits %q into %q, want %q", line, got, words)
	}
}
