package convert

import (
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/rules"
)

// TestGoldenServices checks that the golden cases recognise every service
// of the rule table at least once: a process becomes it, or stays a
// process with a note saying why.
func TestGoldenServices(t *testing.T) {
	var all strings.Builder
	for _, c := range goldenCases(t) {
		for _, ext := range []string{".diag", ".explain"} {
			b, _ := c.Want(emit.Devenv2, ext)
			all.Write(b)
		}
	}
	text := all.String()
	for _, r := range rules.Table {
		svc := "services." + r.Service
		if !strings.Contains(text, "becomes "+svc+"\n") && !strings.Contains(text, "is not made "+svc+"\n") && !strings.Contains(text, svc+" cannot express") {
			t.Errorf("no golden case recognises %s", svc)
		}
	}
}
