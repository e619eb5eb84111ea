package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// TestRunRecoversBugs injects bugs (panics) into the conversion of some
// projects of a monorepo checked by eight workers: each of those fails as
// an internal error naming its input, every other project has the outcome
// it has without the bugs, and the reports keep the walk's order. go test
// -race runs it too.
func TestRunRecoversBugs(t *testing.T) {
	n := 120
	root := monorepo(t, n, true)
	o := Options{Mode: Check, Recursive: true, Jobs: 8}
	want, _ := runAll(t, []string{root}, o)
	testhook.Convert = func(input string) {
		if strings.HasSuffix(filepath.Dir(input), "7") {
			panic(fmt.Sprintf("injected bug in %s", input))
		}
	}
	t.Cleanup(func() { testhook.Convert = nil })
	got, sum := runAll(t, []string{root}, o)
	if len(got) != n || len(want) != n {
		t.Fatalf("%d reports, and %d without bugs; want %d", len(got), len(want), n)
	}
	bugs := 0
	for i, o := range got {
		if i > 0 && got[i-1].Dir >= o.Dir {
			t.Errorf("reports out of order: %s before %s", got[i-1].Dir, o.Dir)
		}
		buggy := strings.HasSuffix(o.Dir, "7")
		switch {
		case buggy && (o.Status != "failed" || !strings.Contains(o.Diagnostics, "error[PC900]: internal error while converting "+filepath.Join(o.Dir, "process-compose.yml")+": injected bug")):
			t.Errorf("%s: %s, %q; want failed with an internal error naming the input", o.Dir, o.Status, o.Diagnostics)
		case !buggy && o != want[i]:
			t.Errorf("%s: %+v, want %+v as without the bugs", o.Dir, o, want[i])
		}
		if buggy {
			bugs++
		}
	}
	if sum.Internal != bugs || bugs == 0 {
		t.Errorf("summary counts %d internal errors, want %d", sum.Internal, bugs)
	}
}

// TestWalkRecoversBugs injects a bug into the walk: the run reports it as
// an internal error, and converts what was found before it.
func TestWalkRecoversBugs(t *testing.T) {
	root := monorepo(t, 60, true)
	testhook.Listed = func(dir string) {
		if filepath.Base(dir) == "g01" {
			panic("injected bug")
		}
	}
	t.Cleanup(func() { testhook.Listed = nil })
	got, sum := runAll(t, []string{root}, Options{Mode: Write, Recursive: true, Jobs: 4})
	if sum.Internal != 1 || sum.Projects != 50 {
		t.Errorf("summary: %d internal errors, %d projects; want 1 and the 50 of g00", sum.Internal, sum.Projects)
	}
	if last := got[len(got)-1]; !strings.Contains(last.Diagnostics, "error[PC900]") {
		t.Errorf("the last report is %+v, want the walk's internal error", last)
	}
	if _, err := os.Stat(filepath.Join(root, "g00", "p0049", "devenv.nix")); err != nil {
		t.Errorf("the projects found before the bug were not converted: %v", err)
	}
}
