package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/rules"
)

// TestGoldenServices checks that the golden cases recognise every service
// of the rule table at least once: a process becomes it, or stays a
// process with a note saying why.
func TestGoldenServices(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*", "devenv2.*"))
	if err != nil || len(files) == 0 {
		t.Fatal("no golden outputs")
	}
	var all strings.Builder
	for _, f := range files {
		if !strings.HasSuffix(f, ".diag") && !strings.HasSuffix(f, ".explain") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	text := all.String()
	for _, r := range rules.Table {
		svc := "services." + r.Service
		if !strings.Contains(text, "becomes "+svc+":") && !strings.Contains(text, svc+" cannot express") {
			t.Errorf("no golden case recognises %s", svc)
		}
	}
}
