package batch

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestMatchSegment(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"foo", "foo", true},
		{"foo", "foobar", false},
		{"*.log", "a.log", true},
		{"*.log", ".log", true},
		{"*.log", "a.log.txt", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"?.txt", "a.txt", true},
		{"?.txt", "ab.txt", false},
		{"?", "é", true},
		{"[abc]x", "bx", true},
		{"[abc]x", "dx", false},
		{"[!abc]x", "dx", true},
		{"[^abc]x", "ax", false},
		{"[a-c]", "b", true},
		{"[a-c]", "d", false},
		{"[]]", "]", true},
		{"[", "[", true},
		{`\*`, "*", true},
		{`\*`, "a", false},
		{`\#x`, "#x", true},
		{"**", "anything", true},
		{"a**", "abc", true},
	}
	for _, tt := range tests {
		if got := matchSegment(tt.pat, tt.name); got != tt.want {
			t.Errorf("matchSegment(%q, %q) = %v, want %v", tt.pat, tt.name, got, tt.want)
		}
	}
}

// gitignoreCases are .gitignore files and the paths checked against them:
// directories end in "/".
var gitignoreCases = []struct {
	name  string
	files map[string]string // .gitignore files by directory ("" = top)
	paths []string
}{
	{
		name:  "basename patterns at any depth",
		files: map[string]string{"": "build\n*.tmp\n# comment\n\n"},
		paths: []string{"build/", "a/build/", "a/b/build", "x.tmp", "a/x.tmp/", "builds/", "a/b/c/"},
	},
	{
		name:  "anchored and directory-only",
		files: map[string]string{"": "/out\ndocs/gen/\ndist/\n"},
		paths: []string{"out/", "a/out/", "docs/gen/", "a/docs/gen/", "dist/", "a/dist/", "f/dist", "docs/other/"},
	},
	{
		name:  "double stars",
		files: map[string]string{"": "**/tmp\nlogs/**\na/**/z\n"},
		paths: []string{"tmp/", "x/y/tmp/", "logs/", "logs/a/", "logs/a/b/", "a/z/", "a/b/c/z/", "a/b/", "b/a/z/"},
	},
	{
		name:  "negation",
		files: map[string]string{"": "*.d\n!keep.d\n"},
		paths: []string{"x.d/", "keep.d/", "a/keep.d/", "a/x.d/"},
	},
	{
		name:  "nested files take precedence",
		files: map[string]string{"": "gen/\n", "sub": "!gen/\nlocal/\n"},
		paths: []string{"gen/", "sub/gen/", "sub/local/", "local/", "sub/x/gen/"},
	},
	{
		name:  "nested anchored",
		files: map[string]string{"svc": "/tmp/\ndata/*.db\n"},
		paths: []string{"svc/tmp/", "svc/a/tmp/", "tmp/", "svc/data/x.db", "svc/data/y.db/", "svc/data/sub/x.db"},
	},
	{
		name:  "spaces, escapes and classes",
		files: map[string]string{"": "trail   \nesc\\ \n\\!bang\n\\#hash\nv[0-9]/\n[!a]z\n"},
		paths: []string{"trail/", "trail   /", "esc /", "esc/", "!bang/", "#hash/", "v1/", "vx/", "bz/", "az/"},
	},
	{
		name:  "single-level stars",
		files: map[string]string{"": "*/deep\nfoo/*\nd/*.txt\n"},
		paths: []string{"a/deep/", "deep/", "a/b/deep/", "foo/x/", "foo/x/y/", "foo/", "d/a.txt", "d/e/a.txt"},
	},
	{
		name:  "crlf",
		files: map[string]string{"": "win\r\n"},
		paths: []string{"win/", "win\r/"},
	},
}

// buildIgnoreSets builds the rule sets of a case the way the walker does
// for the directory holding path.
func buildIgnoreSets(files map[string]string, path string) *ignoreSet {
	dirs := make([]string, 0, len(files))
	for d := range files {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs) // parents before children
	var s *ignoreSet
	for _, d := range dirs {
		if d != "" && !strings.HasPrefix(path, d+"/") {
			continue
		}
		s = &ignoreSet{base: d, rules: parseGitignore([]byte(files[d])), parent: s}
	}
	return s
}

// TestGitignoreAgainstGit checks the matcher against git check-ignore on
// the same files, when git is installed.
func TestGitignoreAgainstGit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	for _, tc := range gitignoreCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			run := func(args ...string) (string, error) {
				cmd := exec.Command(git, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			if out, err := run("init", "-q", "."); err != nil {
				t.Fatalf("git init: %v\n%s", err, out)
			}
			for d, content := range tc.files {
				if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, d, ".gitignore"), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range tc.paths {
				isDir := strings.HasSuffix(p, "/")
				clean := strings.TrimSuffix(p, "/")
				full := filepath.Join(dir, clean)
				if isDir {
					if err := os.MkdirAll(full, 0o755); err != nil {
						t.Fatal(err)
					}
				} else {
					if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(full, nil, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, p := range tc.paths {
				isDir := strings.HasSuffix(p, "/")
				clean := strings.TrimSuffix(p, "/")
				// check-ignore exits 0 when the path is ignored, 1 when not.
				out, err := run("check-ignore", "-q", "--no-index", "--", clean)
				want := err == nil
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
					t.Fatalf("git check-ignore %q: %v\n%s", clean, err, out)
				}
				got := ignoredPath(tc.files, clean, isDir)
				if got != want {
					t.Errorf("%q: ignored = %v, git says %v", p, got, want)
				}
			}
		})
	}
}

// ignoredPath decides as the walker does: a path is ignored when it or a
// directory above it is.
func ignoredPath(files map[string]string, path string, isDir bool) bool {
	parts := strings.Split(path, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		last := i == len(parts)-1
		if buildIgnoreSets(files, p).ignored(p, isDir || !last) {
			return true
		}
	}
	return false
}
