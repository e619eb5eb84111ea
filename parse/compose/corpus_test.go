package compose_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// corpusDir is the shared corpus, beside the worktree.
const corpusDir = "../../../shared/corpus"

// corpusProject is one corpus compose file with its companions, laid out
// at their paths in their repository.
type corpusProject struct {
	repo, path string // the compose file's repository and path in it
	note       string
	// layers are the -f layers SOURCES.tsv lists, in order.
	layers []string
	// companions maps a path in the repository to the corpus file.
	companions map[string]string
}

// readCorpus reads the compose rows of SOURCES.tsv.
func readCorpus(t testing.TB) []*corpusProject {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		t.Skipf("the shared corpus is absent (%v)", err)
	}
	defer f.Close()
	var out []*corpusProject
	byFile := map[string]*corpusProject{}
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
			p.companions[path] = filepath.Join(corpusDir, local)
			if strings.Contains(note, "(override/-f layer)") {
				p.layers = append(p.layers, path)
			}
			continue
		}
		p := &corpusProject{repo: repo, path: path, note: note, companions: map[string]string{path: filepath.Join(corpusDir, local)}}
		byFile[local] = p
		out = append(out, p)
	}
	return out
}

// layOut copies the project's files into a temporary directory at their
// repository paths and returns it.
func (p *corpusProject) layOut(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for rel, src := range p.companions {
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
	return dir
}

// name is a short name for subtests.
func (p *corpusProject) name() string {
	return strings.ReplaceAll(p.repo+"/"+p.path, "/", "__")
}

var loadsRE = regexp.MustCompile(`loads \((\d+) active`)
