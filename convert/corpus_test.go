package convert

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// corpusDir holds real files from public repositories (see SOURCES.tsv
// there). They are read in place, never copied into this repository.
const corpusDir = "../../shared/corpus"

func corpusFiles(t *testing.T, kind string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, kind, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("corpus not available at %s", corpusDir)
	}
	sort.Strings(files)
	return files
}

// TestCorpusProcessCompose converts every process-compose file of the
// corpus for every target: each converts, or fails with positioned errors;
// nothing panics; every output parses as Nix; and every source key has a
// fate in the table.
func TestCorpusProcessCompose(t *testing.T) {
	files := corpusFiles(t, "process-compose")
	var mu sync.Mutex
	converted := map[emit.Target]int{}
	failed := map[emit.Target][]string{}
	fates := map[emit.FateKind]int{}
	t.Run("files", func(t *testing.T) {
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				t.Parallel()
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, tg := range emit.Targets {
					res := Source(filepath.Base(f), src, ir.FormatProcessCompose, Options{Target: tg})
					if ie := res.Internal(); ie != nil {
						t.Fatalf("%s: %v\n%s", tg, ie, ie.Stack)
					}
					mu.Lock()
					if res.Output != nil {
						converted[tg]++
					} else {
						failed[tg] = append(failed[tg], filepath.Base(f))
					}
					if tg == emit.Devenv2 {
						for _, k := range res.Fates {
							fates[k.Fate]++
						}
					}
					mu.Unlock()
					for _, k := range res.Fates {
						if k.To == "no rule" {
							t.Errorf("%s: key %s (%s) has no rule in emit.KeyRules", tg, k.Key, k.Pos)
						}
					}
					if res.Output == nil {
						for _, d := range res.Diagnostics {
							if d.Severity == ir.Error && d.Pos.Line == 0 {
								t.Errorf("%s: error without a line: %s", tg, d)
							}
						}
						if !res.Diagnostics.HasErrors() {
							t.Errorf("%s: no output and no error", tg)
						}
						continue
					}
					if nixeval.Available() {
						if err := nixeval.Parse(res.Output); err != nil {
							t.Errorf("%s: %v", tg, err)
						}
					}
				}
			})
		}
	})
	for _, tg := range emit.Targets {
		t.Logf("%s: %d of %d files convert; the others fail with positioned errors: %s",
			tg, converted[tg], len(files), strings.Join(failed[tg], ", "))
	}
	t.Logf("key fates under devenv2: %v", fates)
}
