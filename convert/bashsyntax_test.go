package convert

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/sourcerun"
)

// TestBashSyntax checks that the converter's warning for a command bash
// cannot parse (PC120, from shell.BashSyntax) fires exactly when bash -n
// rejects the command: for every command of the golden cases, the corpus
// (process-compose files and Procfiles) and FuzzConvert's saved inputs,
// and for prefixes of each cut after a quote, a bracket or a "$" — the
// unclosed constructs where mvdan/sh and bash part ways.
func TestBashSyntax(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	var cmds []string
	add := func(c string) {
		if c != "" && !slices.Contains(cmds, c) {
			cmds = append(cmds, c)
		}
	}
	fromPC := func(files []string, read func(string) ([]byte, error)) {
		proj, err := pcmodel.Load(files, pcmodel.Options{Read: read})
		if err != nil {
			return
		}
		for _, p := range proj.Procs {
			add(p.Command)
			add(p.Shutdown.Command)
		}
	}
	seeds, _ := e2eSeeds()
	for _, s := range seeds {
		fromPC([]string{"process-compose.yml"}, func(string) ([]byte, error) { return s, nil })
	}
	saved, _ := filepath.Glob("testdata/fuzz/FuzzConvert/*")
	for _, f := range saved {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, arg, _ := strings.Cut(string(b), "[]byte(")
		if doc, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(arg), ")"))); err == nil {
			fromPC([]string{"process-compose.yml"}, func(string) ([]byte, error) { return []byte(doc), nil })
		}
	}
	procfiles, _ := filepath.Glob(filepath.Join(goldenDir, "*", "Procfile*"))
	if files, err := filepath.Glob(filepath.Join(corpusDir, "process-compose", "*")); err == nil {
		for _, f := range files {
			fromPC([]string{f}, nil)
		}
	}
	corpusProcfiles, _ := filepath.Glob(filepath.Join(corpusDir, "procfile", "*"))
	for _, f := range append(procfiles, corpusProcfiles...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range sourcerun.ReadProcfile(string(b)) {
			add(e.Command)
		}
	}
	whole := len(cmds)
	for _, c := range cmds[:whole] {
		cuts := 0
		for i := 1; i < len(c) && cuts < 6; i++ {
			if strings.ContainsRune(`'"({[$`+"`", rune(c[i-1])) {
				add(c[:i])
				cuts++
			}
		}
	}
	type verdict struct {
		cmd  string
		bash bool
	}
	results := make([]verdict, len(cmds))
	var wg sync.WaitGroup
	work := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				err := exec.Command("bash", "--norc", "-n", "-c", cmds[i]).Run()
				results[i] = verdict{cmds[i], err != nil}
			}
		}()
	}
	for i := range cmds {
		work <- i
	}
	close(work)
	wg.Wait()
	rejected := 0
	for _, r := range results {
		got := shell.BashSyntax(r.cmd)
		if r.bash {
			rejected++
		}
		if (got != nil) != r.bash {
			t.Errorf("%q: bash -n rejects it: %v; the converter: %v", r.cmd, r.bash, got)
		}
	}
	t.Logf("%d commands (%d whole, %d cut short), %d of which bash rejects", len(cmds), whole, len(cmds)-whole, rejected)
}
