package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v4"
	"mvdan.cc/sh/v3/syntax"
)

// repoRoot is the repository's root, relative to this package.
const repoRoot = "../.."

// An invocation is a pc2devenv command line shown to users: its
// arguments after "pc2devenv", and where it is shown.
type invocation struct {
	args  []string
	where string
}

func (inv invocation) String() string {
	return strings.TrimSpace("pc2devenv " + strings.Join(inv.args, " "))
}

// shellInvocations parses src as bash and returns the pc2devenv commands
// in it — "pc2devenv ARGS" or "go run ./cmd/pc2devenv ARGS", anywhere in
// a pipeline, list or substitution — without their redirections.
func shellInvocations(src, where string) ([]invocation, error) {
	f, err := syntax.NewParser().Parse(strings.NewReader(src), where)
	if err != nil {
		return nil, err
	}
	var invs []invocation
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		var words []string
		for _, w := range call.Args {
			words = append(words, wordLiteral(w))
		}
		switch {
		case words[0] == "pc2devenv":
			invs = append(invs, invocation{words[1:], where})
		case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/pc2devenv":
			invs = append(invs, invocation{words[3:], where})
		}
		return true
	})
	return invs, err
}

// wordLiteral returns the value of a shell word made of literal text and
// quotes, or "" followed by its source text for anything else
// (expansions, substitutions), which no argument of pc2devenv shown to
// users has.
func wordLiteral(w *syntax.Word) string {
	var b strings.Builder
	var parts func([]syntax.WordPart) bool
	parts = func(ps []syntax.WordPart) bool {
		for _, p := range ps {
			switch p := p.(type) {
			case *syntax.Lit:
				b.WriteString(p.Value)
			case *syntax.SglQuoted:
				b.WriteString(p.Value)
			case *syntax.DblQuoted:
				if !parts(p.Parts) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	if !parts(w.Parts) {
		var src strings.Builder
		syntax.NewPrinter().Print(&src, w)
		return "\x00" + src.String()
	}
	return b.String()
}

// A codeBlock is a fenced block of a Markdown file.
type codeBlock struct {
	lang string
	text string
	line int // of the opening fence
	// marker is the HTML comment right above the fence, if any:
	// "same-as: PATH" or "lines-of: PATH".
	marker string
}

var markerRE = regexp.MustCompile(`^<!-- ((?:same-as|lines-of): \S+) -->$`)

// markdown splits a Markdown file into its fenced code blocks and the
// rest, its prose.
func markdown(src string) (blocks []codeBlock, prose []string) {
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(line, "```") {
			prose = append(prose, lines[i])
			continue
		}
		b := codeBlock{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		if i > 0 {
			if m := markerRE.FindStringSubmatch(strings.TrimSpace(lines[i-1])); m != nil {
				b.marker = m[1]
			}
		}
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		b.text = strings.Join(body, "\n") + "\n"
		blocks = append(blocks, b)
	}
	return blocks, prose
}

var inlineCodeRE = regexp.MustCompile("`([^`]+)`")

// markdownInvocations returns the pc2devenv commands of a Markdown file:
// the lines of its shell code blocks, and its inline code that starts
// with "pc2devenv ".
func markdownInvocations(src, name string) ([]invocation, error) {
	blocks, prose := markdown(src)
	var invs []invocation
	for _, b := range blocks {
		switch b.lang {
		case "sh", "shell", "bash", "console":
		default:
			continue
		}
		found, err := shellInvocations(b.text, fmt.Sprintf("%s:%d", name, b.line))
		if err != nil {
			return nil, err
		}
		invs = append(invs, found...)
	}
	for _, line := range prose {
		for _, m := range inlineCodeRE.FindAllStringSubmatch(line, -1) {
			if strings.HasPrefix(m[1], "pc2devenv ") || m[1] == "pc2devenv" {
				found, err := shellInvocations(m[1], name+": `"+m[1]+"`")
				if err != nil {
					return nil, err
				}
				invs = append(invs, found...)
			}
		}
	}
	return invs, nil
}

// shownInvocations are the pc2devenv command lines shown to users: in the
// README and docs/, in the CI integrations, and in the help's examples.
func shownInvocations(t *testing.T) []invocation {
	t.Helper()
	var invs []invocation
	add := func(found []invocation, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		invs = append(invs, found...)
	}
	mds, _ := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	for _, p := range append([]string{filepath.Join(repoRoot, "README.md")}, mds...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add(markdownInvocations(string(src), rel(p)))
	}
	workflows, _ := filepath.Glob(filepath.Join(repoRoot, "docs", "*.yml"))
	for _, p := range workflows {
		for _, step := range workflowSteps(t, p) {
			add(shellInvocations(step, rel(p)+": "+step))
		}
	}
	for _, h := range preCommitHooks(t) {
		add(shellInvocations(strings.Join(append([]string{h.Entry}, h.Args...), " "), ".pre-commit-hooks.yaml: "+h.ID))
	}
	for _, c := range commands {
		for _, ex := range c.examples {
			add(shellInvocations(ex.line, "pc2devenv help "+c.name))
		}
	}
	return invs
}

// rel names a file of the repository by its path from the root.
func rel(p string) string {
	r, err := filepath.Rel(repoRoot, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// workflowSteps returns the run: commands of a GitHub Actions workflow.
func workflowSteps(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var runs []string
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.Run != "" {
				runs = append(runs, s.Run)
			}
		}
	}
	slices.Sort(runs)
	return runs
}

// scriptExecs returns the pc2devenv command lines that the scripts in
// testdata/script run ("exec pc2devenv ARGS", under any condition).
func scriptExecs(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	execs := map[string][]string{}
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			words := scriptWords(line)
			for len(words) > 0 && (words[0] == "!" || words[0] == "?" || strings.HasPrefix(words[0], "[")) {
				words = words[1:]
			}
			if len(words) >= 2 && words[0] == "exec" && words[1] == "pc2devenv" {
				key := strings.Join(words[2:], "\x00")
				execs[key] = append(execs[key], filepath.Base(f))
			}
		}
	}
	return execs
}

// scriptWords splits a testscript line into words as testscript does:
// at spaces, with single quotes grouping (a doubled quote inside them is
// one quote), and the line ending at a # that starts a word.
func scriptWords(line string) []string {
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\'' && i+1 < len(line) && line[i+1] == '\'':
			w.WriteByte('\'')
			i++
		case c == '\'':
			quoted, inWord = !quoted, true
		case quoted:
			w.WriteByte(c)
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// TestShownInvocationsRun checks that every pc2devenv command line shown
// to users — in the README, in docs/, in the CI integrations and in the
// help's examples — is run, with exactly its arguments, by a script in
// testdata/script.
func TestShownInvocationsRun(t *testing.T) {
	execs := scriptExecs(t)
	invs := shownInvocations(t)
	if len(invs) < 20 {
		t.Fatalf("found only %d command lines; is the extraction broken?", len(invs))
	}
	for _, inv := range invs {
		if _, ok := execs[strings.Join(inv.args, "\x00")]; !ok {
			t.Errorf("%s: no script in testdata/script runs %q (add: exec %s)", inv.where, inv, inv)
		}
	}
}

func TestShellInvocations(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"pc2devenv convert", []string{"convert"}},
		{"pc2devenv diff | patch -p1", []string{"diff"}},
		{"cat pc.yml | pc2devenv convert --from process-compose - # stdin", []string{"convert --from process-compose -"}},
		{"source <(pc2devenv completion bash)", []string{"completion bash"}},
		{`pc2devenv completion zsh > "${fpath[1]}/_pc2devenv"`, []string{"completion zsh"}},
		{"go run ./cmd/pc2devenv convert examples/process-compose", []string{"convert examples/process-compose"}},
		{"go test ./...\nls", nil},
		{"pc2devenv convert 'a b'", []string{"convert a b"}},
	}
	for _, tt := range tests {
		invs, err := shellInvocations(tt.src, "test")
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		var got []string
		for _, inv := range invs {
			got = append(got, strings.Join(inv.args, " "))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestScriptWords(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"exec pc2devenv convert -w", []string{"exec", "pc2devenv", "convert", "-w"}},
		{"! exec pc2devenv diff  # drift", []string{"!", "exec", "pc2devenv", "diff"}},
		{"[exec:patch] exec pc2devenv diff 'a b' 'it''s'", []string{"[exec:patch]", "exec", "pc2devenv", "diff", "a b", "it's"}},
		{"stdout 'a#b'", []string{"stdout", "a#b"}},
		{"# comment", nil},
	}
	for _, tt := range tests {
		if got := scriptWords(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.line, got, tt.want)
		}
	}
}
