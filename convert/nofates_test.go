package convert

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
)

// TestNoFatesSameConversion converts every golden case and every
// process-compose project of the corpus for every target with and without
// Options.NoFates, under which the readers record no keys
// (processcompose.Options.NoKeys): the output and the diagnostics, and
// what else the Result says besides the fates, must be the same.
func TestNoFatesSameConversion(t *testing.T) {
	check := func(t *testing.T, tg emit.Target, convert func(Options) (*Result, error), opts Options) {
		t.Helper()
		opts.Target = tg
		opts.NoFates = false
		full, err := convert(opts)
		if err != nil {
			t.Fatalf("%s: %v", tg, err)
		}
		opts.NoFates = true
		lean, err := convert(opts)
		if err != nil {
			t.Fatalf("%s: %v (without fates)", tg, err)
		}
		if lean.Fates != nil {
			t.Errorf("%s: NoFates gave %d fates", tg, len(lean.Fates))
		}
		if d := cmp.Diff(string(full.Output), string(lean.Output)); d != "" {
			t.Errorf("%s: the output differs without fates (-with +without):\n%s", tg, d)
		}
		if d := cmp.Diff(full.Diagnostics, lean.Diagnostics); d != "" {
			t.Errorf("%s: the diagnostics differ without fates (-with +without):\n%s", tg, d)
		}
		if d := cmp.Diff(full.Names, lean.Names); d != "" {
			t.Errorf("%s: the names differ without fates (-with +without):\n%s", tg, d)
		}
		if d := cmp.Diff(full.TODOs, lean.TODOs); d != "" {
			t.Errorf("%s: the TODOs differ without fates (-with +without):\n%s", tg, d)
		}
	}
	t.Run("golden", func(t *testing.T) {
		for _, c := range goldenCases(t) {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				dir := extractCase(t, c)
				args := caseArgs(t, c, dir)
				for _, tg := range args.targets {
					check(t, tg, func(o Options) (*Result, error) { return Paths(args.inputs(dir), o) }, args.opts)
				}
			})
		}
	})
	t.Run("corpus", func(t *testing.T) {
		for _, files := range corpusProjects(t) {
			t.Run(projectName(files), func(t *testing.T) {
				t.Parallel()
				for _, tg := range emit.Targets {
					check(t, tg, func(o Options) (*Result, error) { return Paths(files, o) }, Options{})
				}
			})
		}
	})
}
