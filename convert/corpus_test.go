package convert

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// corpusDir holds real files from public repositories (see SOURCES.tsv
// there). They are read in place, never copied into this repository.
const corpusDir = "../../shared/corpus"

func corpusFiles(t *testing.T, kind string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, kind, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("corpus not available at %s", corpusDir)
	}
	sort.Strings(files)
	return files
}

// The upstream showcase and its override, which process-compose loads
// together from their directory.
const (
	showcase         = "F1bonacc1__process-compose__process-compose.yaml"
	showcaseOverride = "F1bonacc1__process-compose__process-compose.override.yaml"
)

// corpusProjects are the process-compose projects of the corpus: each
// file on its own, and the showcase with its override as one project.
func corpusProjects(t *testing.T) [][]string {
	var out [][]string
	for _, f := range corpusFiles(t, "process-compose") {
		out = append(out, []string{f})
	}
	dir := filepath.Join(corpusDir, "process-compose")
	return append(out, []string{filepath.Join(dir, showcase), filepath.Join(dir, showcaseOverride)})
}

func projectName(files []string) string {
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	return strings.Join(names, "+")
}

// TestCorpusProcessCompose converts every process-compose project of the
// corpus for every target: each converts, or fails with positioned errors;
// nothing panics; every output parses as Nix; every source key has a fate
// in the table, and every mapping key of the files is in the report; and
// no key is reported without a diagnostic at it or at a key around it.
func TestCorpusProcessCompose(t *testing.T) {
	projects := corpusProjects(t)
	var mu sync.Mutex
	converted := map[emit.Target]int{}
	failed := map[emit.Target][]string{}
	fates := map[emit.Target]map[emit.FateKind]int{}
	for _, tg := range emit.Targets {
		fates[tg] = map[emit.FateKind]int{}
	}
	t.Run("projects", func(t *testing.T) {
		for _, files := range projects {
			name := projectName(files)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				for _, tg := range emit.Targets {
					res, err := Paths(files, Options{Target: tg})
					if err != nil {
						t.Fatal(err)
					}
					if ie := res.Internal(); ie != nil {
						t.Fatalf("%s: %v\n%s", tg, ie, ie.Stack)
					}
					mu.Lock()
					if res.Output != nil {
						converted[tg]++
						for _, k := range res.Fates {
							fates[tg][k.Fate]++
						}
					} else {
						failed[tg] = append(failed[tg], name)
					}
					mu.Unlock()
					if res.Output == nil {
						for _, d := range res.Diagnostics {
							if d.Severity == ir.Error && d.Pos.Line == 0 {
								t.Errorf("%s: error without a line: %s", tg, d)
							}
						}
						if !res.Diagnostics.HasErrors() {
							t.Errorf("%s: no output and no error", tg)
						}
						continue
					}
					checkFates(t, tg, files, res)
					if nixeval.Available() {
						if err := nixeval.Parse(res.Output); err != nil {
							t.Errorf("%s: %v", tg, err)
						}
					}
				}
			})
		}
	})
	for _, tg := range emit.Targets {
		t.Logf("%s: %d of %d projects convert; the others fail with positioned errors: %s",
			tg, converted[tg], len(projects), strings.Join(failed[tg], ", "))
		t.Logf("%s: key fates of the converted projects: %v", tg, fates[tg])
	}
}

// checkFates checks the report of what became of each source key: every
// key has a rule; every mapping key of the files, as a YAML decoder
// finds them, is in the report; and every reported key has a diagnostic
// at its key or value, or at the key or value of a key around it.
func checkFates(t *testing.T, tg emit.Target, files []string, res *Result) {
	t.Helper()
	byPos := map[ir.Pos]bool{}
	byPath := map[string][]emit.KeyFate{}
	for _, k := range res.Fates {
		if k.To == "no rule" {
			t.Errorf("%s: key %s (%s) has no row in emit.FateTable", tg, k.Key, k.Pos)
		}
		byPos[k.Pos] = true
		byPath[k.Path.Quote()] = append(byPath[k.Path.Quote()], k)
	}
	for _, f := range files {
		for _, pos := range mappingKeys(t, f) {
			if !byPos[pos] {
				t.Errorf("%s: the key at %s is not in the report of key fates", tg, pos)
			}
		}
	}
	diagAt := map[ir.Pos]bool{}
	for _, d := range res.Diagnostics {
		diagAt[d.Pos] = true
	}
	for _, k := range res.Fates {
		if k.Fate != emit.Reported {
			continue
		}
		found := false
		for p := k.Path; !p.IsZero() && !found; p = p.Parent() {
			for _, e := range byPath[p.Quote()] {
				if diagAt[e.Pos] || diagAt[e.ValuePos] {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: key %s (%s) is reported (%s) without a diagnostic at it or around it", tg, k.Key, k.Pos, k.To)
		}
	}
}

// mappingKeys returns the position of every key of every mapping in a
// YAML file, "<<" merge keys aside, as an independent decoder finds them.
func mappingKeys(t *testing.T, file string) []ir.Pos {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return nil
	}
	var out []ir.Pos
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Tag != "!!merge" {
					out = append(out, ir.Pos{File: file, Line: k.Line, Col: k.Column})
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return out
}

// TestCorpusShowcase loads the upstream showcase with its override as one
// project, as process-compose does: the override's processes satisfy the
// base file's dependencies, and its vars render the templated probe port.
func TestCorpusShowcase(t *testing.T) {
	dir := filepath.Join(corpusDir, "process-compose")
	files := []string{filepath.Join(dir, showcase), filepath.Join(dir, showcaseOverride)}
	if _, err := os.Stat(files[1]); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	for _, tg := range emit.Targets {
		res, err := Paths(files, Options{Target: tg})
		if err != nil {
			t.Fatal(err)
		}
		if res.Output == nil {
			t.Fatalf("%s: the showcase with its override does not convert: %v", tg, res.Diagnostics)
		}
		if !nixeval.Available() {
			continue
		}
		v, err := nixeval.EvalModule(res.Output)
		if err != nil {
			t.Fatalf("%s: %v", tg, err)
		}
		checkProcessCompose(t, tg, files, v, res.Replaced)
		// process3 waits for nginx, which only the override defines.
		if tg != emit.Devenv1 {
			after, _ := nixeval.Get(v, "processes", "process3", "after")
			if fmt.Sprint(after) != "[devenv:processes:nginx]" {
				t.Errorf("%s: process3.after = %v, want nginx's readiness", tg, after)
			}
			// nginx's probe port is {{.PORT}}, 80 in the override's vars.
			if port, _ := nixeval.Get(v, "processes", "nginx", "ready", "http", "get", "port"); port != float64(80) {
				t.Errorf("%s: nginx's probe port is %v, want 80", tg, port)
			}
		}
	}
}

// TestCorpusSources converts the corpus files that SOURCES.tsv lists for
// the load-time features — templates, replicas, "$$",
// disable_env_expansion, is_daemon — for every target: each converts,
// with every key accounted for.
func TestCorpusSources(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	features := []string{"{{tmpl}}", "replicas", "$$", "disable_env_expansion", "is_daemon"}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 || cols[0] != "process-compose" {
			continue
		}
		var has []string
		for _, feat := range features {
			if strings.Contains(cols[5], feat) {
				has = append(has, feat)
				seen[feat] = true
			}
		}
		if len(has) == 0 {
			continue
		}
		n++
		file := filepath.Join(corpusDir, cols[4])
		files := []string{file}
		if filepath.Base(file) == showcase {
			files = append(files, filepath.Join(filepath.Dir(file), showcaseOverride))
		}
		for _, tg := range emit.Targets {
			res, err := Paths(files, Options{Target: tg})
			if err != nil {
				t.Fatal(err)
			}
			if res.Output == nil {
				t.Errorf("%s (%s): %s does not convert: %v", cols[4], strings.Join(has, ", "), tg, res.Diagnostics)
				continue
			}
			checkFates(t, tg, files, res)
		}
	}
	for _, feat := range features {
		if !seen[feat] {
			t.Errorf("SOURCES.tsv lists no file for %s", feat)
		}
	}
	t.Logf("%d corpus files with load-time features convert for every target", n)
}
