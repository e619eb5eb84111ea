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

func TestCapabilities(t *testing.T) {
	for cmd, want := range map[string]string{
		"tcpdump -i any":                "cap_net_raw,cap_net_admin",
		"/usr/sbin/ip link set up eth0": "cap_net_admin",
		"python3 -m http.server 80":     "cap_net_bind_service",
		"caddy run --listen :443":       "cap_net_bind_service",
		"FOO=1 ping -c1 localhost":      "cap_net_raw",
		"python3 -m http.server 8080":   "",
		"ls -l /root":                   "",
		"sleep 5":                       "",
	} {
		caps, _ := capabilities(cmd)
		if got := strings.Join(caps, ","); got != want {
			t.Errorf("capabilities(%q) = %q, want %q", cmd, got, want)
		}
	}
}
