package convert

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFilesLikePaths converts the sources of every golden case held in
// memory, as the playground does, and checks that the output and the
// diagnostics are those of converting the case's directory, for the cases
// whose sources name no other file (an extends, an include), which
// Files cannot read.
func TestFilesLikePaths(t *testing.T) {
	compared := 0
	for _, c := range goldenCases(t) {
		if c.Paths != nil || namesOtherFiles[c.Name] {
			continue
		}
		dir := extractCase(t, c)
		args := caseArgs(t, c, dir)
		opts := args.opts
		want, err := Paths([]string{dir}, opts)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var files []File
		for _, s := range want.Sources {
			b, err := os.ReadFile(filepath.Join(dir, s))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, File{Name: s, Content: b})
		}
		got := Files(files, opts)
		// What the search of the directory said (which files it left
		// out) is not said of files given one by one.
		_, found, err := findSources(dir, opts.From, nil, opts.maxSize())
		if err != nil {
			t.Fatal(err)
		}
		var wantDiags, gotDiags []string
		for _, d := range want.Diagnostics {
			if !slices.ContainsFunc(found, d.Equal) {
				wantDiags = append(wantDiags, strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
			}
		}
		for _, d := range got.Diagnostics {
			gotDiags = append(gotDiags, d.String())
		}
		compared++
		if d := cmp.Diff(string(want.Output), string(got.Output)); d != "" {
			t.Errorf("%s: output differs (-Paths +Files):\n%s", c.Name, d)
		}
		if d := cmp.Diff(wantDiags, gotDiags); d != "" {
			t.Errorf("%s: diagnostics differ (-Paths +Files):\n%s", c.Name, d)
		}
	}
	if compared < 40 {
		t.Errorf("only %d cases compared", compared)
	}
}

// namesOtherFiles are the golden cases whose sources name other files
// (process-compose's extends, make's include, docker-compose's env_files,
// Dockerfiles and the .env its loader reads itself), which Files cannot
// read.
var namesOtherFiles = map[string]bool{
	"compose-build":      true,
	"compose-containers": true,
	"compose-dotenv-ref": true,
	"compose-env-files":  true,
	"compose-services":   true,
	"make-include":       true,
	"pc-extends":         true,
	"pc-extends-cycle":   true,
	"pc-extends-missing": true,
}
