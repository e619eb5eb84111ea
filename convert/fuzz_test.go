package convert

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// e2eSeeds are process-compose documents: the golden cases', and some
// that put hostile strings where they reach the output.
func e2eSeeds() [][]byte {
	var out [][]byte
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*", "process-compose.yml"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	for _, s := range []string{
		"processes:\n  \"a\\rb = builtins.readFile /etc/passwd; #\":\n    command: \"echo '${builtins.readFile /etc/passwd}' \\\"''${x}\\\" \\\\${ ''' '' \\\"; import /etc/x; \\\"\"\n    environment: [\"K=''${x}\", \"L=\\\"; import /etc/x; \\\"\"]\n    description: \"d\\re = 1; #\"\n",
		"disable_env_expansion: true\nprocesses:\n  web:\n    command: |\n      echo ${builtins.readFile /etc/passwd}\n      echo ''${x} $${y} \\${z}\n    working_dir: \"/srv/''${x}\"\n",
		"processes:\n  a:\n    command: \"x $$HOME $${HOME} ${HOME:-d}\"\n    log_configuration: {fields_order: [-1, 2.5]}\n",
	} {
		out = append(out, []byte(s))
	}
	return out
}

// e2e converts doc for target tg, within fuzzcheck's bound on time.
func e2e(t testing.TB, doc []byte, tg emit.Target) *Result {
	t.Helper()
	var res *Result
	err := fuzzcheck.Bounded("converting", func() error {
		res = Source("process-compose.yml", doc, ir.FormatProcessCompose, Options{Target: tg})
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
// loading, or returns nil when the model cannot read it.
func e2eModel(doc []byte) *pcModel {
	m, err := loadModelWith([]string{"process-compose.yml"}, func(string) ([]byte, error) { return doc, nil })
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
	for _, s := range e2eSeeds() {
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
			if m := e2eModel(doc); m != nil {
				checkModel(t, tg, m, v, res.Replaced, false)
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
	docs := e2eSeeds()
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
		res *Result
	}
	var checks []check
	for _, doc := range docs {
		for _, tg := range emit.Targets {
			if res := e2e(t, doc, tg); res.Output != nil {
				outputs = append(outputs, res.Output)
				checks = append(checks, check{tg, doc, res})
			}
		}
	}
	if err := nixeval.ParseAll(outputs); err != nil {
		t.Fatal(err)
	}
	// Evaluating takes a process each: the hostile seeds and every
	// saved input, and the golden cases' outputs are evaluated by the
	// golden test already.
	n := 0
	for i, c := range checks {
		if i < len(checks)-3*(len(corpus)+3) {
			continue
		}
		v, err := nixeval.EvalModule(c.res.Output)
		if err != nil {
			t.Errorf("%s: %v\n%s", c.tg, err, c.res.Output)
			continue
		}
		if m := e2eModel(c.doc); m != nil {
			checkModel(t, c.tg, m, v, c.res.Replaced, false)
		}
		n++
	}
	t.Logf("%d outputs parsed by Nix, %d evaluated (%d saved inputs)", len(outputs), n, len(corpus))
}
