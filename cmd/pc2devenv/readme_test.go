package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/internal/golden"
)

// docFiles returns the user documentation that the tests check: the
// README and every Markdown page under docs/, by path from the root.
func docFiles(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in docs/: %v", err)
	}
	files := []string{"README.md"}
	for _, p := range pages {
		files = append(files, rel(p))
	}
	return files
}

// doc returns a file of the documentation, named by its path from the
// root.
func doc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDocsBlocks checks the code blocks of the README and of docs/*.md
// that show a file of the repository or what pc2devenv prints: a block
// under <!-- same-as: PATH --> is the file PATH exactly, and every line of
// a block under <!-- lines-of: PATH --> is a line of PATH (a golden
// output, a script's expected output, an example test). A PATH
// testdata/golden/CASE.txtar/NAME names a file of a golden case, or what
// it expects (golden.ReadMember).
func TestDocsBlocks(t *testing.T) {
	checked := map[string]int{} // by file
	total := 0
	for _, name := range docFiles(t) {
		blocks, _ := markdown(doc(t, name))
		for _, b := range blocks {
			if b.marker == "" {
				continue
			}
			checked[name]++
			total++
			kind, path, _ := strings.Cut(b.marker, ": ")
			src, err := golden.ReadMember(filepath.Join(repoRoot, path))
			if err != nil {
				t.Errorf("%s:%d: %v", name, b.line, err)
				continue
			}
			switch kind {
			case "same-as":
				if b.text != string(src) {
					t.Errorf("%s:%d: the block is not %s:\n%s", name, b.line, path, lineDiff(b.text, string(src)))
				}
			case "lines-of":
				lines := strings.Split(string(src), "\n")
				for i, l := range strings.Split(strings.TrimSuffix(b.text, "\n"), "\n") {
					if !slices.Contains(lines, l) {
						t.Errorf("%s:%d: %q is not a line of %s", name, b.line+1+i, l, path)
					}
				}
			default:
				t.Errorf("%s:%d: unknown marker %q", name, b.line, kind)
			}
		}
	}
	// The README's before-and-after example (input, output, warning) and
	// the examples that docs/ pages show of each source and command.
	if checked["README.md"] < 3 || total < 11 {
		t.Errorf("only %d checked blocks (%d in the README); is the marker syntax broken?", total, checked["README.md"])
	}
}

// lineDiff shows the first line where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  doc:  %q\n  file: %q", i+1, gl, wl)
		}
	}
	return ""
}

// The table of flags, in flagsDoc, lies between these markers.
const (
	flagsStart = "<!-- flags:start (generated from the commands' flags; PC2DEVENV_UPDATE=1 go test ./cmd/pc2devenv rewrites it) -->\n"
	flagsEnd   = "<!-- flags:end -->"
)

// flagsDoc is the page of the documentation that has the table of flags.
const flagsDoc = "docs/cli.md"

// flagsTable is the documentation's table of flags: each flag of convert, diff
// and report once, in help's order, with the commands that have it and
// its usage, as help gives it.
func flagsTable() string {
	type row struct {
		flag  string
		cmds  []string
		usage map[string]string // by command
	}
	var rows []*row
	byName := map[string]*row{}
	for _, name := range []string{"convert", "diff", "report"} {
		lookup(name).flags().VisitAll(func(f *pflag.Flag) {
			r := byName[f.Name]
			if r == nil {
				v, _ := pflag.UnquoteUsage(f)
				flag := "--" + f.Name
				if f.Shorthand != "" {
					flag = "-" + f.Shorthand + ", " + flag
				}
				if f.Value.Type() != "bool" && v != "" {
					flag += " " + v
				}
				r = &row{flag: flag, usage: map[string]string{}}
				byName[f.Name] = r
				rows = append(rows, r)
			}
			r.cmds = append(r.cmds, name)
			_, usage := pflag.UnquoteUsage(f)
			if !isZero(f.DefValue) && !strings.Contains(usage, "default") {
				usage += " (default " + f.DefValue + ")"
			}
			r.usage[name] = usage
		})
	}
	var b strings.Builder
	b.WriteString("| flag | commands | what it does |\n|---|---|---|\n")
	for _, r := range rows {
		usage := r.usage[r.cmds[0]]
		same := true
		for _, c := range r.cmds[1:] {
			same = same && r.usage[c] == usage
		}
		if !same {
			var each []string
			for _, c := range r.cmds {
				each = append(each, "`"+c+"`: "+r.usage[c])
			}
			usage = strings.Join(each, "; ")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.flag, strings.Join(r.cmds, ", "), strings.ReplaceAll(usage, "|", `\|`))
	}
	return b.String()
}

// TestDocsFlags checks that the table of flags in docs/cli.md is the one
// the flag sets give; PC2DEVENV_UPDATE=1 rewrites it.
func TestDocsFlags(t *testing.T) {
	checkGenerated(t, flagsDoc, flagsStart, flagsEnd, flagsTable(), "table of flags")
}

// checkGenerated checks that the section of the document at path between
// the markers start and end is want, the text it is generated from;
// PC2DEVENV_UPDATE=1 rewrites the section instead. what names the section
// in messages.
func checkGenerated(t *testing.T, path, start, end, want, what string) {
	t.Helper()
	s := doc(t, path)
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %s between %q and %q", path, what, start, end)
	}
	want = "\n" + want + "\n"
	if s[i+len(start):j] == want {
		return
	}
	if os.Getenv("PC2DEVENV_UPDATE") != "" {
		out := s[:i+len(start)] + want + s[j:]
		if err := os.WriteFile(filepath.Join(repoRoot, path), []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's %s differs from what it is generated from; run PC2DEVENV_UPDATE=1 go test ./cmd/pc2devenv -run %s to rewrite it", path, what, t.Name())
}

// TestDocsCommandLine checks the lists of commands, in the README and in
// docs/cli.md, against the commands help lists.
func TestDocsCommandLine(t *testing.T) {
	for _, name := range []string{"README.md", "docs/cli.md"} {
		s := doc(t, name)
		for _, c := range commands {
			want := fmt.Sprintf("%-36s   %s\n", c.usageLine(), c.summary)
			if !strings.Contains(s, "\n"+want) {
				t.Errorf("%s does not list %q as help does: %q", name, c.name, want)
			}
		}
	}
}
