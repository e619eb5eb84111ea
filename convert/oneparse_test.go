package convert

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// TestOneParsePerCommand converts every golden case for each of its
// targets and counts the shell layer's work (testhook.Parse): within one
// conversion, every step that reads a command's syntax — the readers,
// the service rules, lowering and its bash -n check — must share one
// parse of it, so no command may be parsed twice. It logs how many
// parses the steps asked for (what each step parsed for itself before
// the shell layer's cache) and how many were done.
func TestOneParsePerCommand(t *testing.T) {
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var asked, parsed, conversions int
	var counts map[string]int // parses of each command in one conversion
	testhook.Parse = func(src string, done bool) {
		asked++
		if done {
			parsed++
			counts[src]++
		}
	}
	defer func() { testhook.Parse = nil }()
	for _, e := range entries {
		dir := filepath.Join(goldenDir, e.Name())
		args := readArgs(t, dir)
		for _, tg := range args.targets {
			paths := args.paths
			if paths == nil {
				paths = []string{dir}
			}
			copts := args.opts
			copts.Target = tg
			counts = map[string]int{}
			if _, err := Paths(paths, copts); err != nil {
				t.Fatalf("%s, %s: %v", e.Name(), tg, err)
			}
			conversions++
			for src, n := range counts {
				if n > 1 {
					t.Errorf("%s, %s: %q parsed %d times", e.Name(), tg, src, n)
				}
			}
		}
	}
	if parsed == 0 {
		t.Fatal("no command parsed: testhook.Parse is not called")
	}
	t.Logf("%d conversions of %d golden cases: %d parses asked for, %d done", conversions, len(entries), asked, parsed)
}
