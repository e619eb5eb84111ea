package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/devenvopts"
	"github.com/pc2devenv/pc2devenv/internal/golden"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/rules"
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
// it shows only as Nix, by evaluation under --target devenv1: each process
// of the seed's Nix must come back from pc2devenv's output with the same
// command and the same process-compose settings; each dependency the
// seed's processes name must be a process of the output or the process of
// one of its services; and where the seed shows services, the output must
// have exactly those services, with the same options, except the package
// (a choice the seed's Before does not state), and with any further option
// at devenv's default.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(seedFile)
	if err != nil {
		t.Skipf("seed document not available: %v", err)
	}
	nixeval.Require(t)
	opts := loadOptions(t)
	doc := string(b)
	tests := []struct {
		heading string
		golden  string
		// procs maps the seed's process names to the source's.
		procs map[string]string
		// cd is the directory the seed's commands change into, where the
		// source sits.
		cd string
		// services says the seed's Nix shows the services the source's
		// processes become.
		services bool
		// added are processes the seed's After adds that its Before does
		// not have.
		added []string
	}{
		{heading: "Basic Conversion", golden: "seed-basic", services: true},
		{heading: "Hakuto Frontend Pattern", golden: "seed-hakuto-frontend", procs: map[string]string{"frontend-dev": "elm-land", "frontend-css": "tailwind"}, cd: "frontend"},
		{heading: "Hakuto Backend Pattern", golden: "seed-hakuto-backend", services: true, added: []string{"backend"}},
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
			gc, err := golden.Load(filepath.Join(goldenDir, tt.golden+".txtar"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Paths([]string{extractCase(t, gc)}, Options{Target: emit.Devenv1})
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
			ourProcs, _ := ours["processes"].(map[string]any)
			ourServices, _ := ours["services"].(map[string]any)
			for name, sp := range seedProcs {
				if slices.Contains(tt.added, name) {
					continue
				}
				src := name
				if m, ok := tt.procs[name]; ok {
					src = m
				}
				op, ok := ourProcs[src]
				if !ok {
					t.Errorf("seed process %q (source %q) is missing from the output", name, src)
					continue
				}
				want := normalizeSeed(sp.(map[string]any), tt.cd)
				got := subset(op.(map[string]any), want)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("process %q differs from the seed (-seed +ours):\n%s", name, diff)
				}
			}
			// Every dependency the seed names exists in the output: a
			// process, or the process of a service.
			for name, sp := range seedProcs {
				deps, _ := nixeval.Get(sp, "process-compose", "depends_on")
				depMap, _ := deps.(map[string]any)
				for dep := range depMap {
					if _, ok := ourProcs[dep]; ok && !slices.Contains(tt.added, dep) {
						continue
					}
					if serviceProcess(ourServices, dep) {
						continue
					}
					t.Errorf("seed process %q depends on %q, which is neither a process nor a service's process of the output", name, dep)
				}
			}
			if tt.services {
				compareServices(t, seed, ourServices, opts)
			}
		})
	}
}

// serviceProcess reports whether one of the evaluated services runs the
// process name.
func serviceProcess(services map[string]any, name string) bool {
	for _, r := range rules.Table {
		if r.Process != name {
			continue
		}
		v, ok := nixeval.Get(services, strings.Split(r.Service, ".")...)
		if !ok {
			continue
		}
		if en, _ := nixeval.Get(v, "enable"); en == true {
			return true
		}
	}
	return false
}

// compareServices checks that the output has the seed's services, and only
// those, with the seed's options (the package aside) and any further
// option at devenv's default.
func compareServices(t *testing.T, seed, ourServices map[string]any, opts *devenvopts.Options) {
	t.Helper()
	seedServices, _ := seed["services"].(map[string]any)
	if len(seedServices) == 0 {
		t.Fatal("the seed's Nix defines no services")
	}
	for attr := range ourServices {
		if _, ok := seedServices[attr]; !ok {
			t.Errorf("the output has services.%s, which the seed does not", attr)
		}
	}
	for attr, sv := range seedServices {
		ov, ok := ourServices[attr].(map[string]any)
		if !ok {
			t.Errorf("the seed's services.%s is missing from the output", attr)
			continue
		}
		want := sv.(map[string]any)
		for k, v := range want {
			if k == "package" {
				continue // the seed's choice; its Before states none
			}
			if diff := cmp.Diff(v, ov[k]); diff != "" {
				t.Errorf("services.%s.%s differs from the seed (-seed +ours):\n%s", attr, k, diff)
			}
		}
		for k, v := range ov {
			if _, ok := want[k]; ok {
				continue
			}
			if opts == nil {
				t.Errorf("services.%s.%s is not in the seed, and devenv's default is not known", attr, k)
				continue
			}
			def, ok := opts.Default("services." + attr + "." + k)
			var dv any
			if !ok || json.Unmarshal([]byte(def), &dv) != nil {
				t.Errorf("services.%s.%s = %v is not in the seed, and devenv's default %q cannot be compared", attr, k, v, def)
				continue
			}
			if diff := cmp.Diff(dv, v); diff != "" {
				t.Errorf("services.%s.%s is not in the seed and differs from devenv's default (-default +ours):\n%s", attr, k, diff)
			}
		}
	}
}

// normalizeSeed rewrites a seed process into what the source expresses:
// "cd DIR && " dropped where the source sits in DIR.
func normalizeSeed(p map[string]any, cd string) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		out[k] = v
	}
	if cd != "" {
		if s, ok := out["exec"].(string); ok {
			out["exec"] = strings.TrimPrefix(s, "cd "+cd+" && ")
		}
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
