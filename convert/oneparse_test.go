package convert

import (
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
	cases := goldenCases(t)
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
	for _, c := range cases {
		dir := extractCase(t, c)
		args := caseArgs(t, c, dir)
		for _, tg := range args.targets {
			counts = map[string]int{}
			if _, err := args.convert(dir, tg); err != nil {
				t.Fatalf("%s, %s: %v", c.Name, tg, err)
			}
			conversions++
			for src, n := range counts {
				if n > 1 {
					t.Errorf("%s, %s: %q parsed %d times", c.Name, tg, src, n)
				}
			}
		}
	}
	if parsed == 0 {
		t.Fatal("no command parsed: testhook.Parse is not called")
	}
	t.Logf("%d conversions of %d golden cases: %d parses asked for, %d done", conversions, len(cases), asked, parsed)
}
