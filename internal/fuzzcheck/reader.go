package fuzzcheck

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// A Read reads one input of a reader's fuzz test into a project.
type Read func() (*ir.Project, ir.Diagnostics)

// Reader checks one input of a reader's fuzz test: that reading it and
// the rest of the pipeline finish without a panic or a loop, and that
// whatever the reader accepts prints, for every target, as Nix that
// parses (Outputs); then extra, when not nil, checks what the reader
// made of it. All runs within LoopLimit.
func Reader(t testing.TB, what string, read Read, extra func() error) {
	t.Helper()
	err := Bounded(what, func() error {
		if _, err := Outputs(read); err != nil {
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

// AgainstNix runs the real Nix parser on what the reads print for every
// target, and on what the inputs saved under testdata/fuzz print: the Go
// reader of Nix the fuzz loop uses must not be the only judge. saved maps
// the name of a fuzz test to the read of one of its saved inputs' values.
func AgainstNix(t *testing.T, reads []Read, saved map[string]func(vals []any) Read) {
	t.Helper()
	nixeval.Require(t)
	nsaved := 0
	for name, read := range saved {
		corpus, err := Corpus(name)
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
		out, err := Outputs(read)
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
