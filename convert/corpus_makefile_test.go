package convert

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// TestCorpusMakefile converts every Makefile of the corpus: each converts,
// or fails with positioned errors; nothing panics; every output parses as
// Nix and every task, script and process command as bash. The log counts
// what was reported rather than converted, by diagnostic.
func TestCorpusMakefile(t *testing.T) {
	files := corpusFiles(t, "makefile")
	var mu sync.Mutex
	converted := 0
	var failed []string
	reported := map[ir.ID]int{}
	example := map[ir.ID]string{}
	t.Run("files", func(t *testing.T) {
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				t.Parallel()
				res, err := Paths([]string{f}, Options{Target: emit.Devenv2, From: ir.FormatMakefile})
				if err != nil {
					t.Fatal(err)
				}
				if ie := res.Internal(); ie != nil {
					t.Fatalf("%v\n%s", ie, ie.Stack)
				}
				mu.Lock()
				for _, d := range res.Diagnostics {
					if d.Severity >= ir.Warning {
						reported[d.ID]++
						if example[d.ID] == "" {
							example[d.ID] = fmt.Sprintf("%s: %s", filepath.Base(d.Pos.String()), d.Message)
						}
					}
				}
				if res.Output != nil {
					converted++
				} else {
					failed = append(failed, filepath.Base(f))
				}
				mu.Unlock()
				if res.Output == nil {
					for _, d := range res.Diagnostics {
						if d.Severity == ir.Error && d.Pos.Line == 0 {
							t.Errorf("error without a line: %s", d)
						}
					}
					if !res.Diagnostics.HasErrors() {
						t.Error("no output and no error")
					}
					return
				}
				if !nixeval.Available() {
					return
				}
				v, err := nixeval.EvalModule(res.Output)
				if err != nil {
					t.Fatal(err)
				}
				checkBash(t, v)
			})
		}
	})
	t.Logf("%d of %d Makefiles convert; the others fail with positioned errors: %s", converted, len(files), strings.Join(failed, ", "))
	var ids []string
	for id := range reported {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	for _, id := range ids {
		t.Logf("reported %3d× %s, e.g. %s", reported[ir.ID(id)], id, example[ir.ID(id)])
	}
}

// checkBash parses every command of an evaluated output with a bash
// parser.
func checkBash(t *testing.T, v map[string]any) {
	t.Helper()
	for _, kind := range []string{"tasks", "scripts", "processes"} {
		set, _ := nixeval.Get(v, kind)
		m, _ := set.(map[string]any)
		for name, x := range m {
			for _, key := range []string{"exec", "status"} {
				s, ok := nixeval.Get(x, key)
				if !ok || s == nil {
					continue
				}
				text, _ := s.(string)
				if _, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), ""); err != nil {
					t.Errorf("%s.%s.%s is not valid bash: %v\n%s", kind, name, key, err, text)
				}
			}
		}
	}
}
