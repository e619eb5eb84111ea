package convert

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
)

const seedFile = "../../shared/seed/processes-and-tasks.md"

// seedBlock returns the Nix code block of the seed's section heading: the
// one after its "After (devenv.nix)" line, or the first.
func seedBlock(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, "\n### "+heading+"\n")
	if i < 0 {
		t.Fatalf("seed has no section %q", heading)
	}
	sec := doc[i+1:]
	if j := strings.Index(sec[4:], "\n## "); j >= 0 {
		sec = sec[:j+4]
	}
	if j := strings.Index(sec, "**After (devenv.nix):**"); j >= 0 {
		sec = sec[j:]
	}
	m := regexp.MustCompile("(?s)```nix\n(.*?)```").FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("seed section %q has no Nix block", heading)
	}
	block := m[1]
	if !strings.HasPrefix(strings.TrimSpace(block), "{") {
		block = "{ pkgs, ... }:\n{\n" + block + "}\n"
	}
	return block
}

// TestSeed checks the seed document's Before/After pairs, and the patterns
// it shows only as Nix, by evaluation: under --target devenv1, each
// process of the seed's Nix must come back from pc2devenv's output with the
// same command and the same process-compose settings. Services are left
// aside until the service rules exist: until then the database processes
// stay processes, and dependencies name them as the source did.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(seedFile)
	if err != nil {
		t.Skipf("seed document not available: %v", err)
	}
	nixeval.Require(t)
	doc := string(b)
	tests := []struct {
		heading string
		golden  string
		// procs maps the seed's process names to the source's.
		procs map[string]string
		// deps maps the seed's dependency names to the source's.
		deps map[string]string
		// cd is the directory the seed's commands change into, where the
		// source sits.
		cd string
	}{
		{heading: "Basic Conversion", golden: "seed-basic", deps: map[string]string{"postgres": "postgresql"}},
		{heading: "Hakuto Frontend Pattern", golden: "seed-hakuto-frontend", procs: map[string]string{"frontend-dev": "elm-land", "frontend-css": "tailwind"}, cd: "frontend"},
		{heading: "Database Initialization Process", golden: "seed-db-init"},
		{heading: "Init Process + App Process", golden: "seed-init-app"},
		{heading: "API + Worker + Scheduler", golden: "seed-api-worker-beat"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			seed, err := nixeval.EvalModule([]byte(seedBlock(t, doc, tt.heading)))
			if err != nil {
				t.Fatalf("evaluating the seed's Nix: %v", err)
			}
			res, err := Paths([]string{filepath.Join(goldenDir, tt.golden)}, Options{Target: emit.Devenv1})
			if err != nil || res.Output == nil {
				t.Fatalf("convert: %v %v", err, res.Diagnostics)
			}
			ours, err := nixeval.EvalModule(res.Output)
			if err != nil {
				t.Fatal(err)
			}
			seedProcs, _ := seed["processes"].(map[string]any)
			if len(seedProcs) == 0 {
				t.Fatal("the seed's Nix defines no processes")
			}
			for name, sp := range seedProcs {
				src := name
				if m, ok := tt.procs[name]; ok {
					src = m
				}
				op, ok := nixeval.Get(ours, "processes", src)
				if !ok {
					t.Errorf("seed process %q (source %q) is missing from the output", name, src)
					continue
				}
				want := normalizeSeed(sp.(map[string]any), tt.cd, tt.deps)
				got := subset(op.(map[string]any), want)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("process %q differs from the seed (-seed +ours):\n%s", name, diff)
				}
			}
		})
	}
}

// normalizeSeed rewrites a seed process into what the source expresses:
// "cd DIR && " dropped where the source sits in DIR, and dependency names
// mapped to the source's.
func normalizeSeed(p map[string]any, cd string, deps map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		out[k] = v
	}
	if cd != "" {
		if s, ok := out["exec"].(string); ok {
			out["exec"] = strings.TrimPrefix(s, "cd "+cd+" && ")
		}
	}
	if pc, ok := out["process-compose"].(map[string]any); ok {
		npc := map[string]any{}
		for k, v := range pc {
			npc[k] = v
		}
		if d, ok := npc["depends_on"].(map[string]any); ok {
			nd := map[string]any{}
			for k, v := range d {
				if m, ok := deps[k]; ok {
					k = m
				}
				nd[k] = v
			}
			npc["depends_on"] = nd
		}
		out["process-compose"] = npc
	}
	return out
}

// subset returns the parts of got that want has keys for, recursively, so
// that settings the seed leaves out (is_tty, say) do not count.
func subset(got, want map[string]any) map[string]any {
	out := map[string]any{}
	for k, wv := range want {
		gv, ok := got[k]
		if !ok {
			continue
		}
		if wm, ok := wv.(map[string]any); ok {
			if gm, ok := gv.(map[string]any); ok {
				out[k] = subset(gm, wm)
				continue
			}
		}
		out[k] = gv
	}
	return out
}

func TestSeedBlockWrapping(t *testing.T) {
	doc := "\n### A\n\n```nix\nprocesses.x.exec = \"y\";\n```\n"
	got := seedBlock(t, doc, "A")
	if !strings.Contains(got, "{ pkgs, ... }:") {
		t.Errorf("a block of bindings is not wrapped into a module: %s", got)
	}
}
