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

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// composeProject is a compose file of the corpus with its companions,
// laid out at their paths in their repository, as SOURCES.tsv gives them
// (see parse/compose's corpus test).
type composeProject struct {
	name, path string
	// layers are the -f layers SOURCES.tsv lists, in order.
	layers []string
	// files maps a path in the repository to the corpus file.
	files map[string]string
}

// composeCorpus reads the compose rows of SOURCES.tsv.
func composeCorpus(t *testing.T) []*composeProject {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		t.Skipf("corpus not available at %s: %v", corpusDir, err)
	}
	defer f.Close()
	var out []*composeProject
	byFile := map[string]*composeProject{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 || cols[0] != "compose" {
			continue
		}
		repo, path, local, note := cols[1], cols[2], cols[4], cols[5]
		if c, ok := strings.CutPrefix(note, "companion of "); ok {
			of, _, _ := strings.Cut(c, " ")
			p := byFile[of]
			if p == nil {
				t.Fatalf("companion %s of unknown %s", local, of)
			}
			p.files[path] = filepath.Join(corpusDir, local)
			if strings.Contains(note, "(override/-f layer)") {
				p.layers = append(p.layers, path)
			}
			continue
		}
		p := &composeProject{name: strings.ReplaceAll(repo+"/"+path, "/", "__"), path: path, files: map[string]string{path: filepath.Join(corpusDir, local)}}
		byFile[local] = p
		out = append(out, p)
	}
	if len(out) == 0 {
		t.Skip("SOURCES.tsv lists no compose file")
	}
	return out
}

// layOut copies the project's files into a new directory at their
// repository paths, and returns the compose files to convert: the file
// and its layers.
func (p *composeProject) layOut(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	for rel, src := range p.files {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{filepath.Join(dir, p.path)}
	for _, l := range p.layers {
		paths = append(paths, filepath.Join(dir, l))
	}
	return paths
}

// composeFigures counts what the corpus's compose services became.
type composeFigures struct {
	mu                                 sync.Mutex
	projects, converted, services      int
	devenv                             map[string]int // services.<attr> by attr
	containers, builds, tasks, skipped int
	ids                                map[ir.ID]int
	refused                            []string
}

// TestCorpusCompose converts every compose file of the corpus (with its
// layers) for every target: each converts, or is refused with positioned
// errors; nothing panics; every output parses as Nix; every key has a
// fate, with a diagnostic where it is reported. It logs what the
// services became, and the diagnostics by ID.
func TestCorpusCompose(t *testing.T) {
	projects := composeCorpus(t)
	fig := &composeFigures{devenv: map[string]int{}, ids: map[ir.ID]int{}}
	t.Run("projects", func(t *testing.T) {
		for _, p := range projects {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				files := p.layOut(t)
				for _, tg := range emit.Targets {
					res, err := Paths(files, Options{Target: tg})
					if err != nil {
						t.Fatal(err)
					}
					if ie := res.Internal(); ie != nil {
						t.Fatalf("%s: %v\n%s", tg, ie, ie.Stack)
					}
					if res.Output == nil {
						for _, d := range res.Diagnostics {
							if d.Severity == ir.Error && d.Pos.Line == 0 {
								t.Errorf("%s: error without a line: %s", tg, d)
							}
						}
						if !res.Diagnostics.HasErrors() {
							t.Errorf("%s: no output and no error", tg)
						}
					} else {
						checkFates(t, tg, files, res)
						if nixeval.Available() {
							if err := nixeval.Parse(res.Output); err != nil {
								t.Errorf("%s: %v", tg, err)
							}
						}
					}
					if tg == emit.Devenv2 {
						fig.add(p, res)
					}
				}
			})
		}
	})
	t.Logf("%d compose projects: %d convert, %d are refused with positioned errors: %s",
		fig.projects, fig.converted, len(fig.refused), strings.Join(fig.refused, ", "))
	t.Logf("%d services of the converted projects: %d devenv services %v, %d containers, %d processes built from the project, %d one-shot tasks, %d left out",
		fig.services, sum(fig.devenv), fig.devenv, fig.containers, fig.builds, fig.tasks, fig.skipped)
	var ids []string
	for id, n := range fig.ids {
		ids = append(ids, fmt.Sprintf("%s:%d", id, n))
	}
	sort.Strings(ids)
	t.Logf("diagnostics by ID (devenv2): %s", strings.Join(ids, " "))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// add counts one project's conversion for devenv 2.
func (f *composeFigures) add(p *composeProject, res *Result) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.projects++
	for _, d := range res.Diagnostics {
		f.ids[d.ID]++
	}
	if res.Output == nil {
		f.refused = append(f.refused, p.name)
		return
	}
	f.converted++
	for _, s := range res.Replaced {
		f.devenv[strings.TrimPrefix(s, "services.")]++
	}
	for _, n := range res.Names {
		if strings.HasPrefix(n, "pc:") {
			f.tasks++
		}
	}
	for _, d := range res.Diagnostics {
		switch {
		case d.ID == ir.IDComposeContainer:
			f.containers++
		case d.ID == ir.IDComposeBuild && strings.Contains(d.Message, " is built from "):
			f.builds++
		case d.ID == ir.IDComposeBuildUnknown || d.ID == ir.IDComposeLeftToOther:
			f.skipped++
		}
	}
	f.services += len(res.Replaced) + f.countProcesses(res)
}

// countProcesses counts the processes and tasks of the output made from
// compose services that are not devenv services.
func (f *composeFigures) countProcesses(res *Result) int {
	n := 0
	for _, d := range res.Defined {
		if d.Kind == emit.DefProcess || d.Kind == emit.DefTask {
			n++
		}
	}
	return n
}
