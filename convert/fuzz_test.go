package convert_test

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/ir"
)

// e2e converts doc for target tg, within fuzzcheck's bound on time.
func e2e(t testing.TB, doc []byte, tg emit.Target) *convert.Result {
	t.Helper()
	var res *convert.Result
	err := fuzzcheck.Bounded("converting", func() error {
		res = convert.Source("process-compose.yml", doc, ir.FormatProcessCompose, convert.Options{Target: tg})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Internal() != nil {
		t.Fatalf("%s: %v\n%s", tg, res.Internal(), res.Internal().Stack)
	}
	return res
}

// e2eModel loads doc with the independent model of process-compose's
// loading, or returns nil when the model cannot read it, or when the
// converter read the file more leniently than process-compose, which
// refuses it, and the model (an environment written as a map, which the
// converter reads as a list, with a warning).
func e2eModel(doc []byte, res *convert.Result) *pcmodel.Project {
	for _, d := range res.Diagnostics {
		if d.ID == ir.IDEnvMap {
			return nil
		}
	}
	m, err := pcmodel.Load([]string{"process-compose.yml"}, pcmodel.Options{Read: func(string) ([]byte, error) { return doc, nil }})
	if err != nil {
		return nil
	}
	return m
}

// FuzzConvert converts any process-compose document for every target:
// the output of what converts must read as Nix, and evaluated, give back
// each process's command as process-compose would run it (after the $$
// rule) and its environment, compared with the model the golden tests
// use. Evaluation is nixcheck's, in Go; TestFuzzConvertAgainstNix
// evaluates the seeds and saved inputs with Nix itself.
func FuzzConvert(f *testing.F) {
	seeds, _ := convert.E2ESeeds()
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, tg := range emit.Targets {
			res := e2e(t, doc, tg)
			if res.Output == nil {
				continue
			}
			if err := fuzzcheck.Check(res.Output); err != nil {
				t.Fatalf("%s: %v\n%s", tg, err, res.Output)
			}
			v, _ := nixcheck.EvalModule(res.Output)
			if m := e2eModel(doc, res); m != nil {
				convert.CheckModel(t, tg, m, v, res.Replaced, false)
			}
			if t.Failed() {
				t.Logf("output:\n%s", res.Output)
				return
			}
		}
	})
}

// TestFuzzConvertAgainstNix runs FuzzConvert's checks on its seeds and
// on the inputs saved under testdata/fuzz/FuzzConvert with the real
// Nix evaluator.
func TestFuzzConvertAgainstNix(t *testing.T) {
	nixeval.Require(t)
	docs, golden := convert.E2ESeeds()
	corpus, err := fuzzcheck.Corpus("FuzzConvert")
	if err != nil {
		t.Fatal(err)
	}
	for _, vals := range corpus {
		docs = append(docs, vals[0].([]byte))
	}
	var outputs [][]byte
	type check struct {
		tg  emit.Target
		doc []byte
		res *convert.Result
	}
	var checks []check
	for i, doc := range docs {
		for _, tg := range emit.Targets {
			res := e2e(t, doc, tg)
			if res.Output == nil {
				continue
			}
			outputs = append(outputs, res.Output)
			// Evaluating takes a process each: the golden cases'
			// outputs are evaluated by the golden test already.
			if i >= golden {
				checks = append(checks, check{tg, doc, res})
			}
		}
	}
	if err := nixeval.ParseAll(outputs); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range checks {
		v, err := nixeval.EvalModule(c.res.Output)
		if err != nil {
			t.Errorf("%s: %v\n%s", c.tg, err, c.res.Output)
			continue
		}
		if m := e2eModel(c.doc, c.res); m != nil {
			convert.CheckModel(t, c.tg, m, v, c.res.Replaced, false)
		}
		n++
	}
	t.Logf("%d outputs parsed by Nix, %d evaluated (%d saved inputs)", len(outputs), n, len(corpus))
}
