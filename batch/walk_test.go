package batch

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pc2devenv/pc2devenv/ir"
)

const pcFile = "version: \"0.5\"\nprocesses:\n  web:\n    command: \"npm start\"\n"

// makeTree creates files (content by slash path; a path ending in "/" is
// a directory, "-> target" a symbolic link) under a new directory.
func makeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(p, "/")))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(p, "/"):
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(content, "-> "):
			if err := os.Symlink(strings.TrimPrefix(content, "-> "), full); err != nil {
				t.Skipf("symbolic links: %v", err)
			}
		default:
			if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

// walkAll walks roots and returns the projects found, as slash paths
// relative to base, and the problems.
func walkAll(t *testing.T, base string, makefiles bool, roots ...string) (projects []string, problems []ir.Diagnostic) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		w := &walker{makefiles: makefiles, send: func(j job) {
			if j.problem != nil {
				problems = append(problems, *j.problem)
				return
			}
			rel, err := filepath.Rel(base, j.paths[0])
			if err != nil {
				t.Error(err)
			}
			projects = append(projects, filepath.ToSlash(rel))
		}}
		for _, r := range roots {
			w.walk(r)
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the walk did not end")
	}
	return projects, problems
}

func TestWalk(t *testing.T) {
	root := makeTree(t, map[string]string{
		".gitignore":                         "ignored/\n*.bak/\n/top-only/\n",
		"process-compose.yml":                pcFile,
		"a/process-compose.yaml":             pcFile,
		"a/nested/Procfile":                  "web: npm start\n",
		"a/nested/deeper/Procfile.dev":       "web: npm start\n",
		"b/Makefile":                         "all:\n\ttrue\n",
		"c/compose.yml":                      "services:\n  db:\n    image: postgres\n",
		"d/compose.yaml":                     "processes:\n  x:\n    command: x\n",
		"e/README.md":                        "nothing here",
		"node_modules/x/process-compose.yml": pcFile,
		"vendor/x/process-compose.yml":       pcFile,
		".git/x/process-compose.yml":         pcFile,
		".devenv/x/process-compose.yml":      pcFile,
		"ignored/p/process-compose.yml":      pcFile,
		"old.bak/process-compose.yml":        pcFile,
		"top-only/process-compose.yml":       pcFile,
		"f/top-only/process-compose.yml":     pcFile,
		"g/.gitignore":                       "process-compose.yml\n",
		"g/process-compose.yml":              pcFile,
		"h/sub/.gitignore":                   "!keep/\n",
		"h/.gitignore":                       "keep/\n",
		"h/sub/keep/process-compose.yml":     pcFile,
		"link-to-a":                          "-> a",
		"loop/up":                            "-> ..",
		"loop/self":                          "-> .",
		"binary/process-compose.yml":         "\x00\x01\x02\xff\xfe",
	})
	got, problems := walkAll(t, root, false, root)
	// c holds a docker-compose file, d a process-compose file named
	// compose.yaml: both are projects.
	want := []string{".", "a", "a/nested", "a/nested/deeper", "binary", "c", "d", "f/top-only", "h/sub/keep"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("projects:\n got %q\nwant %q", got, want)
	}
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	got, _ = walkAll(t, root, true, root)
	want = []string{".", "a", "a/nested", "a/nested/deeper", "b", "binary", "c", "d", "f/top-only", "h/sub/keep"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with makefiles:\n got %q\nwant %q", got, want)
	}
}

// TestWalkSymlinkLoops walks trees whose symbolic links form loops: the
// walk ends, and finds each project once.
func TestWalkSymlinkLoops(t *testing.T) {
	root := makeTree(t, map[string]string{
		"p/process-compose.yml": pcFile,
		"p/again":               "-> ../p",
		"p/up":                  "-> ../..",
		"q/r/s/back":            "-> ../../../q",
		"x/y":                   "-> ../z",
		"z/x":                   "-> ../x",
		"self":                  "-> self",
	})
	got, _ := walkAll(t, root, false, root, filepath.Join(root, "p", "again"))
	want := []string{"p", "p/again"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("projects: got %q, want %q", got, want)
	}
}

// TestWalkRepoIgnores: walking a subdirectory of a repository, the
// .gitignore files above it apply.
func TestWalkRepoIgnores(t *testing.T) {
	root := makeTree(t, map[string]string{
		".git/HEAD":                              "ref: refs/heads/main\n",
		".git/info/exclude":                      "excluded/\n",
		".gitignore":                             "gen/\n/services/tmp/\n",
		"services/.gitignore":                    "!gen/\nlocal/\n",
		"services/api/process-compose.yml":       pcFile,
		"services/api/gen/process-compose.yml":   pcFile,
		"services/api/local/process-compose.yml": pcFile,
		"services/tmp/process-compose.yml":       pcFile,
		"services/excluded/process-compose.yml":  pcFile,
		"other/gen/process-compose.yml":          pcFile,
	})
	got, _ := walkAll(t, root, false, filepath.Join(root, "services"))
	want := []string{"services/api", "services/api/gen"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("projects: got %q, want %q", got, want)
	}
}

func TestWalkProblems(t *testing.T) {
	root := makeTree(t, map[string]string{"a/process-compose.yml": pcFile})
	_, problems := walkAll(t, root, false, filepath.Join(root, "nowhere"))
	if len(problems) != 1 || problems[0].Severity != ir.Error || !strings.Contains(problems[0].Message, "no such file") {
		t.Errorf("missing root: %v", problems)
	}
	if os.Getuid() == 0 {
		t.Skip("root reads every directory")
	}
	locked := filepath.Join(root, "locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	got, problems := walkAll(t, root, false, root)
	if !reflect.DeepEqual(got, []string{"a"}) || len(problems) != 1 || problems[0].ID != ir.IDWalk {
		t.Errorf("unreadable directory: projects %q, problems %v", got, problems)
	}
}
