package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoComposeGo checks that the binary does not link compose-go, which
// is a test-only dependency (its schema compiler costs start-up time).
func TestNoComposeGo(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/compose-spec/") {
			t.Errorf("pc2devenv links %s, a test-only dependency", p)
		}
	}
}
