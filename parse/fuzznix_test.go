package parse

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// TestFuzzSeedsAgainstNix runs the real Nix parser on what the readers'
// fuzz tests print for their seeds and for the inputs saved under
// testdata/fuzz: the Go reader of Nix the fuzz loop uses must not be the
// only judge.
func TestFuzzSeedsAgainstNix(t *testing.T) {
	nixeval.Require(t)
	var reads []func() (*ir.Project, ir.Diagnostics)
	for _, s := range makefileSeeds() {
		reads = append(reads, readMakefile(s))
	}
	saved := map[string]func(vals []any) func() (*ir.Project, ir.Diagnostics){
		"FuzzMakefile": func(v []any) func() (*ir.Project, ir.Diagnostics) { return readMakefile(v[0].(string)) },
	}
	nsaved := 0
	for name, read := range saved {
		corpus, err := fuzzcheck.Corpus(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, vals := range corpus {
			reads = append(reads, read(vals))
		}
		nsaved += len(corpus)
	}
	var outputs [][]byte
	for _, read := range reads {
		out, err := fuzzcheck.Outputs(read)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range emit.Targets {
			if b, ok := out[tg]; ok {
				outputs = append(outputs, b)
			}
		}
	}
	if err := nixeval.ParseAll(outputs); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d outputs of %d inputs (%d saved by the fuzzer) parsed by Nix", len(outputs), len(reads), nsaved)
}
