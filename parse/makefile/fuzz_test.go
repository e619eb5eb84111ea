package makefile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/makefile"
)

func seeds() []string {
	var out []string
	for _, c := range makefile.ExpandSeeds() {
		out = append(out, c[0]+"\nt: a b\n\t@echo $("+c[1]+") '$$x' \"$(HOME)\"\n")
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

func read(src string) fuzzcheck.Read {
	return func() (*ir.Project, ir.Diagnostics) {
		return makefile.Read("Makefile", []byte(src), makefile.Options{Scripts: "all"})
	}
}

// FuzzMakefile reads arbitrary text as a Makefile.
func FuzzMakefile(f *testing.F) {
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fuzzcheck.Reader(t, "reading a Makefile", read(src), nil)
	})
}

// TestFuzzSeedsAgainstNix runs the real Nix parser on what FuzzMakefile
// prints for its seeds and for the inputs saved under testdata/fuzz.
func TestFuzzSeedsAgainstNix(t *testing.T) {
	var reads []fuzzcheck.Read
	for _, s := range seeds() {
		reads = append(reads, read(s))
	}
	fuzzcheck.AgainstNix(t, reads, map[string]func([]any) fuzzcheck.Read{
		"FuzzMakefile": func(v []any) fuzzcheck.Read { return read(v[0].(string)) },
	})
}

// goldenFiles returns the contents of the golden cases' files whose names
// match pattern.
func goldenFiles(pattern string) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", pattern))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}
