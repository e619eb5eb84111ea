package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMigrate migrates a case directory of the old layout, checks the
// archive, and that a second run leaves it as it is.
func TestMigrate(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"web/args":                            "# Why.\nflags: --explain\n",
		"web/behaviour":                       "env: A=1\n",
		"web/process-compose.yml":             "processes: {}\n",
		"web/sub/.env":                        "A=1",
		"web/.gitattributes":                  "Procfile -text\n",
		"web/devenv2.nix":                     "{ }\n",
		"web/devenv2.diag":                    "d\n",
		"web/devenv2.explain":                 "e\n",
		"web/devenv2-process-compose.nix":     "{ pc }\n",
		"web/devenv2-process-compose.diag":    "d\n",
		"web/devenv2-process-compose.explain": "e\n",
		"web/devenv1.nix":                     "{ }\n",
	}
	for name, s := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateAll(root); err != nil {
		t.Fatal(err)
	}
	want := `# Why.
flags: --explain
env: A=1
unquote: sub/.env
-- process-compose.yml --
processes: {}
-- sub/.env --
"A=1"
-- devenv2.nix --
{ }
-- devenv2.diag --
d
-- devenv2.explain --
e
-- devenv2-process-compose.nix --
{ pc }
-- devenv1.diag --
-- devenv1.explain --
`
	got, err := os.ReadFile(filepath.Join(root, "web.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, string(got)); d != "" {
		t.Errorf("web.txtar (-want +got):\n%s", d)
	}
	if _, err := os.Stat(filepath.Join(root, "web")); !os.IsNotExist(err) {
		t.Errorf("the case directory is still there: %v", err)
	}
	if err := migrateAll(root); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(root, "web.txtar"))
	if string(again) != string(got) {
		t.Error("a second run changed the archive")
	}
	// A directory beside an archive of the same name, as a merge leaves
	// it, is merged into the archive: its files win.
	os.MkdirAll(filepath.Join(root, "web"), 0o755)
	os.WriteFile(filepath.Join(root, "web", "devenv1.diag"), []byte("d1\n"), 0o644)
	os.WriteFile(filepath.Join(root, "web", "process-compose.yml"), []byte("processes: {a: {}}\n"), 0o644)
	if err := migrateAll(root); err != nil {
		t.Fatal(err)
	}
	merged, _ := os.ReadFile(filepath.Join(root, "web.txtar"))
	want = strings.Replace(want, "-- process-compose.yml --\nprocesses: {}\n", "-- process-compose.yml --\nprocesses: {a: {}}\n", 1)
	want = strings.Replace(want, "-- devenv1.diag --\n", "-- devenv1.diag --\nd1\n", 1)
	if d := cmp.Diff(want, string(merged)); d != "" {
		t.Errorf("web.txtar after the merge (-want +got):\n%s", d)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 2 { // web.txtar, .gitattributes
		t.Errorf("left behind: %v", entries)
	}
}
