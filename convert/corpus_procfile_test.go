package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// TestCorpusProcfile converts every Procfile of the corpus, under its own
// name in a directory of its own, for every target: each must convert,
// and every output must parse as Nix. The warnings are logged (go test -v)
// with their lines, for the record of what real Procfiles do that the
// output cannot keep.
func TestCorpusProcfile(t *testing.T) {
	files := corpusFiles(t, "procfile")
	for _, f := range files {
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), base[strings.LastIndex(base, "__")+2:])
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			for _, tg := range emit.Targets {
				res, err := Paths([]string{p}, Options{Target: tg})
				if err != nil {
					t.Fatal(err)
				}
				if ie := res.Internal(); ie != nil {
					t.Fatalf("%s: %v\n%s", tg, ie, ie.Stack)
				}
				if res.Output == nil {
					t.Fatalf("%s: not converted: %v", tg, res.Diagnostics)
				}
				if nixeval.Available() {
					if err := nixeval.Parse(res.Output); err != nil {
						t.Errorf("%s: %v", tg, err)
					}
				}
				if tg != emit.Devenv2 {
					continue
				}
				for _, d := range res.Diagnostics {
					if d.Severity < ir.Warning {
						continue
					}
					line := ""
					if d.Pos.Line > 0 && d.Pos.Line <= len(lines) {
						line = strings.TrimRight(lines[d.Pos.Line-1], "\r")
					}
					t.Logf("%s:%d: %q: %s[%s] %s", base, d.Pos.Line, line, d.Severity, d.ID, d.Message)
				}
			}
		})
	}
}
