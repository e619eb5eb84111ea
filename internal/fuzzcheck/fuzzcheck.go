// Package fuzzcheck holds what the fuzz tests of the readers check on
// every input: that reading, then the rest of the pipeline (convert.IR:
// the service rules, lowering and printing) finish (no panic, no loop),
// and that whatever a reader accepts prints, for every target, as a file
// that Nix parses (read in Go by nixcheck, by Nix's rules). The tests run
// the real nix-instantiate on their seed corpora and on the inputs the
// fuzzer found that were kept (Corpus).
//
// It imports convert, the top of the pipeline: the fuzz tests that use it
// are in external test packages (package procfile_test, say).
package fuzzcheck

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// LoopLimit is how long one input may take before a fuzz test calls it a
// loop. Inputs take milliseconds; the limit is far above any honest run,
// even under the race detector on a loaded machine.
const LoopLimit = 20 * time.Second

// Bounded runs fn and returns its error, a recovered panic as an error
// with its stack, or an error when fn has not returned after LoopLimit.
func Bounded(what string, fn func() error) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("%s panicked: %v\n%s", what, v, debug.Stack())
			}
		}()
		done <- fn()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(LoopLimit):
		return fmt.Errorf("%s has not finished after %v: it loops", what, LoopLimit)
	}
}

// Outputs runs a project that a reader gives through the rest of the
// pipeline for every target, with convert.IR, as the command line does:
// the service rules, lowering, printing. read is called once per target,
// since the rules change the project. It returns the printed files of the
// targets that produced one (none when the reader or the lowering reports
// an error), and an error when the pipeline panics, when a file cannot be
// printed, or when it does not read as Nix.
func Outputs(read Read) (map[emit.Target][]byte, error) {
	out := map[emit.Target][]byte{}
	for _, tg := range emit.Targets {
		proj, diags := read()
		if proj == nil || diags.HasErrors() {
			return out, nil
		}
		res := convert.IR(proj, diags, convert.Options{Target: tg})
		if ie := res.Internal(); ie != nil {
			return out, fmt.Errorf("%s: %v\n%s", tg, ie, ie.Stack)
		}
		for _, d := range res.Diagnostics {
			if d.ID == ir.IDInternal {
				return out, fmt.Errorf("%s: %v", tg, d)
			}
		}
		if res.Output == nil {
			continue
		}
		if err := Check(res.Output); err != nil {
			return out, fmt.Errorf("%s: %v\n%s", tg, err, res.Output)
		}
		out[tg] = res.Output
	}
	return out, nil
}

// Check reads a printed devenv.nix as Nix would: it must parse, start
// with pc2devenv's header, and evaluate (with internal/nixeval's stubs).
func Check(b []byte) error {
	if !bytes.HasPrefix(b, []byte(emit.HeaderPrefix)) {
		return fmt.Errorf("the output does not start with the header")
	}
	if i := bytes.IndexAny(b, "\r\n"); i < 0 || b[i] != '\n' {
		return fmt.Errorf("the header line does not end with a newline")
	}
	_, err := nixcheck.EvalModule(b)
	return err
}

// Corpus returns the inputs saved for the fuzz test named name under
// testdata/fuzz/name: each file's values, decoded from Go's "go test fuzz
// v1" encoding (strings and byte slices).
func Corpus(name string) ([][]any, error) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", name, "*"))
	if err != nil {
		return nil, err
	}
	var out [][]any
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		vals, err := decodeCorpus(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		out = append(out, vals)
	}
	return out, nil
}

// decodeCorpus decodes a corpus file of string and []byte values.
func decodeCorpus(b []byte) ([]any, error) {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) == 0 || lines[0] != "go test fuzz v1" {
		return nil, fmt.Errorf("not a fuzz corpus file")
	}
	var vals []any
	for _, line := range lines[1:] {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "string(") && strings.HasSuffix(line, ")"):
			s, err := strconv.Unquote(line[len("string(") : len(line)-1])
			if err != nil {
				return nil, err
			}
			vals = append(vals, s)
		case strings.HasPrefix(line, "[]byte(") && strings.HasSuffix(line, ")"):
			s, err := strconv.Unquote(line[len("[]byte(") : len(line)-1])
			if err != nil {
				return nil, err
			}
			vals = append(vals, []byte(s))
		default:
			return nil, fmt.Errorf("cannot decode %q", line)
		}
	}
	return vals, nil
}
