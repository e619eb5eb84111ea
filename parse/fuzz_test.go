package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The fuzz tests of the readers. Each reads arbitrary bytes and checks,
// through fuzzcheck, that reading and the rest of the pipeline finish
// without a panic or a loop, and that whatever the reader accepts prints,
// for every target, as Nix that parses. TestFuzzSeedsAgainstNix runs the
// real Nix parser on the outputs of their seeds and of the saved inputs
// under testdata/fuzz.

func makefileSeeds() []string {
	var out []string
	for _, c := range expandCases {
		out = append(out, c.src+"\nt: a b\n\t@echo $("+c.expr+") '$$x' \"$(HOME)\"\n")
	}
	for _, b := range goldenFiles("Makefile") {
		out = append(out, string(b))
	}
	out = append(out,
		"a: b | c ; echo x\n\t-false\n.PHONY: a\ninclude x.mk\n-include .env\nifdef X\nelse\nendif\n",
		"define X\n$(error e)\nendef\n$(eval $(X))\n%.o: %.c\n\tcc $<\n",
		"X = ${builtins.readFile /etc/passwd}\n## help: ''${x} \\${\nt$$x: ## '''\n\techo \"; import /etc/x; \" $(X)\n",
	)
	return out
}

func readMakefile(src string) func() (*ir.Project, ir.Diagnostics) {
	return func() (*ir.Project, ir.Diagnostics) {
		return Makefile("Makefile", []byte(src), MakeOptions{Scripts: "all"})
	}
}

// FuzzMakefile reads arbitrary text as a Makefile.
func FuzzMakefile(f *testing.F) {
	for _, s := range makefileSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		check(t, "reading a Makefile", readMakefile(src), nil)
	})
}

// check runs read through the pipeline with fuzzcheck.Outputs, and extra
// (when not nil), all within fuzzcheck's bound on time.
func check(t *testing.T, what string, read func() (*ir.Project, ir.Diagnostics), extra func() error) {
	t.Helper()
	err := fuzzcheck.Bounded(what, func() error {
		if _, err := fuzzcheck.Outputs(read); err != nil {
			return err
		}
		if extra != nil {
			return extra()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// goldenFiles returns the contents of the golden cases' files whose names
// match pattern.
func goldenFiles(pattern string) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*", pattern))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}
