package processcompose

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/internal/benchdata"
	"github.com/pc2devenv/pc2devenv/ir"
)

// badExpansions returns the problems of scanSubst that checkRawSubst
// reports: the slow path malformedSubst stands for.
func badExpansions(s string) []substProblem {
	_, all := scanSubst(s, ir.Pos{})
	var out []substProblem
	for _, p := range all {
		if p.id == ir.IDBadExpansion {
			out = append(out, p)
		}
	}
	return out
}

func TestMalformedSubst(t *testing.T) {
	tests := []string{
		"",
		"plain",
		"$",
		"a$",
		"$$",
		"$${x}",
		"$$${}",
		"${HOME}/x ${}",
		"x ${ y",
		"x ${a b} ${V-d} ${#A} ${#A:-b} ${A%} ${}",
		"${A:-${}} ${A:-${B-c}}",
		"${2:-${}} ${0A:-${ ${B}}",
		"${1:-x ${HOME}}y ${#9} ${2:-${3:+z}}",
		"${V:+x} ${V:?m} ${}",
		"a: ${X}\nb: '${ oops'\n# ${}\nc: $${not} ${Y:-{}}\n",
		"{${a}}${{}} ${a{b}c}${",
	}
	// The repository's test cases give more, read whole.
	root := filepath.Join("..", "..", "testdata")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txtar") {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(src), "${") {
			tests = append(tests, string(src))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range benchdata.Inputs() {
		tests = append(tests, string(in.Source))
	}
	for _, in := range tests {
		got, want := malformedSubst([]byte(in)), badExpansions(in)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(substProblem{})); diff != "" {
			t.Errorf("malformedSubst(%.60q) differs from scanSubst (-want +got):\n%s", in, diff)
		}
	}
	if len(tests) < 20 {
		t.Errorf("only %d inputs", len(tests))
	}
}
