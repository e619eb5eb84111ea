package convert

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/devenvopts"
	"github.com/pc2devenv/pc2devenv/internal/golden"
	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The golden cases live in testdata/golden, one txtar archive each (see
// package internal/golden): the sources, the settings, and the expected
// outputs per target. PC2DEVENV_UPDATE=1 go test ./... (or go test
// ./convert -run TestGolden -update) rewrites the expectations.
const goldenDir = "../testdata/golden"

// goldenCases returns the golden cases.
func goldenCases(t testing.TB) []*golden.Case {
	t.Helper()
	cases, err := golden.List(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// extractCase writes a golden case's files into a new scratch directory,
// and returns the directory.
func extractCase(t testing.TB, c *golden.Case) string {
	t.Helper()
	dir := t.TempDir()
	if err := c.Extract(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goldenArgs are a case's settings for a conversion in the directory the
// case was extracted into: the files to convert instead of the directory,
// the options its flags give, and the targets.
type goldenArgs struct {
	paths   []string
	opts    Options
	targets []emit.Target
}

func caseArgs(t testing.TB, c *golden.Case, dir string) goldenArgs {
	t.Helper()
	a := goldenArgs{targets: c.Targets}
	for _, p := range c.Paths {
		a.paths = append(a.paths, filepath.Join(dir, p))
	}
	fs := pflag.NewFlagSet("args", pflag.ContinueOnError)
	a.opts.AddFlags(fs)
	if err := fs.Parse(c.Flags); err != nil || fs.NArg() > 0 {
		t.Fatalf("%s: flags %q: %v", c.Path, c.Flags, err)
	}
	return a
}

// inputs are what the case converts: the files it names, else the
// directory it was extracted into.
func (a goldenArgs) inputs(dir string) []string {
	if a.paths == nil {
		return []string{dir}
	}
	return a.paths
}

// convert converts the case, extracted into dir, for the target tg.
func (a goldenArgs) convert(dir string, tg emit.Target) (*Result, error) {
	opts := a.opts
	opts.Target = tg
	return Paths(a.inputs(dir), opts)
}

func loadOptions(t *testing.T) *devenvopts.Options {
	o, err := devenvopts.Load("../../shared/reference/devenv-options.json")
	if err != nil {
		t.Logf("devenv option list not available, option paths not checked: %v", err)
		return nil
	}
	return o
}

func TestGolden(t *testing.T) {
	opts := loadOptions(t)
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			runGolden(t, c, opts)
		})
	}
}

func runGolden(t *testing.T, c *golden.Case, opts *devenvopts.Options) {
	dir := extractCase(t, c)
	args := caseArgs(t, c, dir)
	update := golden.Update()
	checked := map[string]bool{}
	compare := func(tg emit.Target, ext string, got []byte, ok bool) {
		t.Helper()
		checked[tg.String()+ext] = true
		if update {
			c.Set(tg, ext, got, ok)
			return
		}
		compareGolden(t, c, tg, ext, got, ok)
	}
	for _, tg := range args.targets {
		res, err := args.convert(dir, tg)
		if err != nil {
			t.Fatalf("%s: %v", tg, err)
		}
		var diag bytes.Buffer
		for _, d := range res.Diagnostics {
			fmt.Fprintln(&diag, strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
			// The severity must be one the ID's catalogue entry allows.
			if e, ok := ir.Lookup(d.ID); !ok || !e.Allows(d.Severity) {
				t.Errorf("%s: %s has severity %s, which its catalogue entry does not allow: %s", tg, d.ID, d.Severity, d)
			}
		}
		compare(tg, ".diag", diag.Bytes(), diag.Len() > 0)
		if args.opts.Explain {
			// --explain's output, for the cases that ask for it.
			var ex bytes.Buffer
			for _, x := range res.Explanations {
				ex.WriteString(strings.ReplaceAll(x.String(), dir+string(filepath.Separator), ""))
			}
			compare(tg, ".explain", ex.Bytes(), ex.Len() > 0)
		}
		compare(tg, ".nix", res.Output, res.Output != nil)
		if res.Output != nil {
			checkTODOs(t, tg, res)
			checkOutput(t, tg, dir, args, res, opts)
		}
	}
	if update {
		if _, err := c.Rewrite(); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, name := range c.Stored() {
		if !checked[name] {
			t.Errorf("%s: %s: expected output for no test (remove it, or run with PC2DEVENV_UPDATE=1)", c.Path, name)
		}
	}
	for _, name := range c.Redundant() {
		t.Errorf("%s: %s is devenv2's exactly, which it defaults to (remove it, or run with PC2DEVENV_UPDATE=1)", c.Path, name)
	}
	inputs := 0
	for _, f := range c.Files {
		if !slices.Contains(golden.TestFiles, f.Name) {
			inputs++
		}
	}
	if inputs == 0 {
		t.Errorf("%s holds no source file", c.Path)
	}
}

// compareGolden compares got, the output of the conversion for tg with
// the extension ext, with the case's expectation; ok says whether there
// is an output at all.
func compareGolden(t *testing.T, c *golden.Case, tg emit.Target, ext string, got []byte, ok bool) {
	t.Helper()
	name := tg.String() + ext
	want, wantOK := c.Want(tg, ext)
	switch {
	case ok && !wantOK:
		t.Errorf("%s: %s is missing (run with PC2DEVENV_UPDATE=1 to write it); got:\n%s", c.Path, name, got)
	case !ok && wantOK:
		t.Errorf("%s: %s is expected, but the case gave none", c.Path, name)
	case ok && !bytes.Equal(want, got):
		t.Errorf("%s: %s differs (-want +got):\n%s", c.Path, name, cmp.Diff(string(want), string(got)))
	}
}

// checkOutput proves the output with the real Nix evaluator: it parses,
// its option paths exist in devenv, and each process's command and
// environment come back as process-compose would have run them.
func checkOutput(t *testing.T, tg emit.Target, dir string, args goldenArgs, res *Result, opts *devenvopts.Options) {
	t.Helper()
	if !nixeval.Available() {
		return
	}
	if err := nixeval.Parse(res.Output); err != nil {
		t.Errorf("%s: %v", tg, err)
		return
	}
	v, err := nixeval.EvalModule(res.Output)
	if err != nil {
		t.Errorf("%s: %v", tg, err)
		return
	}
	// The fuzz tests' Go reader of Nix must agree with Nix on every
	// golden output.
	if g, err := nixcheck.EvalModule(res.Output); err != nil {
		t.Errorf("%s: nixcheck cannot read what Nix reads: %v", tg, err)
	} else if !reflect.DeepEqual(g, v) {
		t.Errorf("%s: nixcheck reads the output as %v, Nix as %v", tg, g, v)
	}
	if opts != nil {
		for _, p := range opts.Check(v, tg != emit.Devenv1) {
			t.Errorf("%s: %s", tg, p)
		}
	}
	checkDefined(t, tg, res, v)
	var files []string
	for _, s := range res.Sources {
		if FormatOf(s, nil) == ir.FormatMakefile || args.opts.From == ir.FormatMakefile {
			checkBash(t, v)
			break
		}
	}
	for _, s := range res.Sources {
		path := filepath.Join(res.Dir, s)
		format := FormatOf(path, nil)
		if args.opts.From != "" && format != ir.FormatDotenv {
			format = args.opts.From
		}
		switch format {
		case ir.FormatProcessCompose:
			files = append(files, path)
		case ir.FormatProcfile:
			checkProcfile(t, tg, path, procfileBase(res, args.opts), v, res.Replaced)
		}
	}
	if len(files) > 0 {
		// The model loads the files process-compose would load, and those
		// they extend, itself.
		if args.paths != nil {
			files = slices.DeleteFunc(slices.Clone(args.paths), func(f string) bool { return FormatOf(f, nil) != ir.FormatProcessCompose })
		} else {
			files = pcmodel.Discover(dir)
		}
		checkProcessCompose(t, tg, files, v, res.Replaced)
	}
}

// checkProcessCompose compares the evaluated output with the project as
// an independent model of process-compose's loading reads it (see
// package pcmodel): each process's command, or entrypoint, and environment, and
// the number of replicas where they are passed through. A process that
// became a service must have the service enabled instead.
func checkProcessCompose(t *testing.T, tg emit.Target, files []string, out map[string]any, replaced map[string]string) {
	m, err := pcmodel.Load(files, pcmodel.Options{})
	if err != nil {
		return
	}
	checkModel(t, tg, m, out, replaced, true)
}

// checkModel compares an evaluated output with the model of the project
// (see checkProcessCompose). withBash also checks entrypoints and the
// values of exported variables by running bash, which the fuzz tests do
// not do: bash would run whatever a wrong quoting let through.
func checkModel(t testing.TB, tg emit.Target, m *pcmodel.Project, out map[string]any, replaced map[string]string, withBash bool) {
	t.Helper()
	for _, mp := range m.Procs {
		if svc, ok := replaced[mp.Name]; ok {
			// The process became a service: the output runs devenv's
			// service instead of the command.
			if en, _ := nixeval.Get(out, append(strings.Split(svc, "."), "enable")...); en != true {
				t.Errorf("%s: process %q became %s, which the output does not enable", tg, mp.Name, svc)
			}
			continue
		}
		proc, folded, ok := findModelProc(out, mp)
		if !ok {
			continue // renamed or replaced: the case's diagnostics say so
		}
		name := mp.Name
		if folded {
			name = mp.Group
			if n, _ := nixeval.Get(proc, "process-compose", "replicas"); n != float64(mp.Replicas) {
				t.Errorf("%s: process %q: process-compose.replicas is %v, want %d", tg, name, n, mp.Replicas)
			}
		}
		got, _ := nixeval.Get(proc, "exec")
		gs, _ := got.(string)
		body, pre := splitExec(tg, gs)
		switch {
		case mp.Entrypoint != nil && !withBash:
		case mp.Entrypoint != nil:
			words, err := bashWords(strings.TrimSuffix(body, "\n"))
			if err != nil {
				t.Errorf("%s: process %q: %v", tg, name, err)
			}
			var want []string
			for _, w := range mp.Entrypoint {
				want = append(want, pcmodel.UnsetRefs(w))
			}
			if !slices.Equal(words, want) {
				t.Errorf("%s: process %q: bash splits exec %q into %q, want the entrypoint %q", tg, name, body, words, want)
			}
		case !bodyMatches(body, mp.Command, len(pre) > 0 || body != gs):
			t.Errorf("%s: process %q: evaluated exec is %q, want %q", tg, name, gs, mp.Command)
		}
		for _, k := range mp.EnvOrder {
			val := mp.Env[k]
			if tg == emit.Devenv1 {
				list, _ := nixeval.Get(proc, "process-compose", "environment")
				l, _ := list.([]any)
				found := false
				for _, x := range l {
					if xs, _ := x.(string); pcLoad(xs) == k+"="+val || pcmodel.UnsetRefs(pcLoad(xs)) == k+"="+pcmodel.UnsetRefs(val) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: process %q: environment lacks %q", tg, name, k+"="+val)
				}
				continue
			}
			if got, ok := nixeval.Get(proc, "env", k); ok {
				if got != val {
					t.Errorf("%s: process %q: env.%s is %v, want %q", tg, name, k, got, val)
				}
				continue
			}
			line := ""
			for _, l := range pre {
				if strings.HasPrefix(l, "export "+k+"=") {
					line = l
				}
			}
			if line == "" && !bashName.MatchString(k) {
				continue // bash cannot export it: left out, with a warning
			}
			if line == "" {
				t.Errorf("%s: process %q: %s is neither in env nor exported by exec", tg, name, k)
				continue
			}
			if !withBash {
				continue
			}
			if got, err := bashExport(line, k); err != nil || got != pcmodel.UnsetRefs(val) {
				t.Errorf("%s: process %q: %q gives %s = %q (%v), want %q", tg, name, line, k, got, err, pcmodel.UnsetRefs(val))
			}
		}
	}
}

var bashName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// findModelProc finds a model process in an evaluated output: as a
// process or a one-shot task of its name, or, for a replica, as the
// process of its group that process-compose replicates.
func findModelProc(out map[string]any, mp *pcmodel.Proc) (proc any, folded, ok bool) {
	if proc, ok = nixeval.Get(out, "processes", mp.Name); ok {
		return proc, false, true
	}
	if proc, ok = nixeval.Get(out, "tasks", "pc:"+mp.Name); ok {
		return proc, false, true
	}
	if mp.Group != "" {
		if proc, ok = nixeval.Get(out, "processes", mp.Group); ok {
			return proc, true, true
		}
	}
	return nil, false, false
}

// pcLoad reads a string the output passes through to process-compose as
// process-compose loads it: "$$" is "$", and templates are rendered.
func pcLoad(s string) string {
	s = strings.ReplaceAll(s, "$$", "$")
	if tpl, err := template.New("").Parse(s); err == nil {
		var b bytes.Buffer
		if tpl.Execute(&b, map[string]any{}) == nil {
			return b.String()
		}
	}
	return s
}

// bashWords returns the words bash splits a command line into, run with
// no variables set.
func bashWords(cmdline string) ([]string, error) {
	out, err := exec.Command("env", "-i", "bash", "--norc", "-c", `f() { printf '%s\0' "$@"; }; f `+cmdline).Output()
	if err != nil {
		return nil, fmt.Errorf("bash: %v", err)
	}
	words := strings.Split(string(out), "\x00")
	return words[:len(words)-1], nil
}

// bashExport runs an export line with no variables set and returns the
// value it gives name.
func bashExport(line, name string) (string, error) {
	out, err := exec.Command("env", "-i", "bash", "--norc", "-c", line+`; printf '%s' "$`+name+`"`).Output()
	return string(out), err
}

// daemonTail ends the exec of a daemon, after its shutdown function.
const daemonTail = "trap 'kill $! 2>/dev/null; exit 0' INT TERM\nsleep infinity & wait\n"

// splitExec returns the source command inside an evaluated exec, and the
// lines the converter put before it (set +e, exports, the loading of an
// env_file); a daemon's trailing lines are taken off.
func splitExec(tg emit.Target, s string) (body string, pre []string) {
	if tg == emit.Devenv1 {
		return s, nil
	}
	if strings.HasSuffix(s, "\n"+daemonTail) {
		s = strings.TrimSuffix(s, daemonTail)
		if i := strings.LastIndex(s, "\npc2devenv_stop() {\n"); i >= 0 && strings.HasSuffix(s, "}\ntrap pc2devenv_stop EXIT\n") {
			s = s[:i+1]
		}
	}
	lines := strings.SplitAfter(s, "\n")
	i := 0
	for ; i < len(lines)-1; i++ {
		l := strings.TrimSuffix(lines[i], "\n")
		if l != "set +e" && l != "pc2devenv_dir=$PWD" && !strings.HasPrefix(l, "export ") && !strings.HasPrefix(l, "if [ -f ") {
			break
		}
		// A quoted value or file name may hold newlines: the line goes
		// on until its quotes close.
		for j := i + 1; openQuote(l) && j < len(lines)-1; j++ {
			l += "\n" + strings.TrimSuffix(lines[j], "\n")
			i = j
		}
		pre = append(pre, l)
	}
	return strings.Join(lines[i:], ""), pre
}

// openQuote reports whether a line of bash is not a whole statement: it
// ends inside quotes (or a command substitution). It reads the line as
// bash does (shell.BashSyntax): an expansion bash reads only when it
// runs it (${A:!}) does not make it one.
func openQuote(s string) bool {
	return shell.BashSyntax(s) != nil
}

// commandMatches reports whether an evaluated exec runs the source
// command: exactly, or between lines the target needs (see splitExec).
func commandMatches(tg emit.Target, got any, want string) bool {
	s, ok := got.(string)
	if !ok {
		return false
	}
	body, pre := splitExec(tg, s)
	return bodyMatches(body, want, len(pre) > 0 || body != s)
}

// bodyMatches reports whether the command inside an exec is want,
// allowing for the references the converter moves out of single quotes
// and, when it added lines, for the newline it ends the command with.
//
// A template action {{ or "${X}" .V }} is ${X:-v} in the output and v in
// the model, which renders such actions as if X were unset: the two must
// then read alike with no variable set.
func bodyMatches(body, want string, added bool) bool {
	cands := undoQuoteMoves(body)
	for _, cand := range cands {
		if cand == want || added && cand == want+"\n" {
			return true
		}
	}
	unsetWant := pcmodel.UnsetRefs(want)
	for _, cand := range cands {
		if c := pcmodel.UnsetRefs(cand); strings.Contains(cand, ":-") && (c == unsetWant || added && c == unsetWant+"\n") {
			return true
		}
	}
	return false
}

// movedRef is a reference the emitter may have moved out of single quotes
// (bashCommand's tests check the moves against real bash).
var movedRef = regexp.MustCompile(`"(\$\{[^}"]*\})"`)

// undoQuoteMoves returns s, and s with references put back into the single
// quotes they may have been moved out of, in every way that could have
// been: "${X}" was the whole of '${X}', or split 'a${X}b' as
// 'a'"${X}"'b' (the quote before it, after it or both ended or restarted
// the quoted text). A command with more than 8 such references gets only
// the first way for each.
func undoQuoteMoves(s string) []string {
	locs := movedRef.FindAllStringIndex(s, -1)
	out := []string{s}
	if len(locs) == 0 {
		return out
	}
	if len(locs) > 8 {
		return append(out, movedRef.ReplaceAllString(s, "'$1'"))
	}
	// Undo the moves from the last to the first, so that the offsets of
	// those not yet undone stay as they are.
	var undo func(s string, k int)
	undo = func(s string, k int) {
		if k < 0 {
			out = append(out, s)
			return
		}
		i, j := locs[k][0], locs[k][1]
		ref := s[i+1 : j-1]
		before := i > 0 && s[i-1] == '\''
		after := j < len(s) && s[j] == '\''
		undo(s[:i]+"'"+ref+"'"+s[j:], k-1)
		if before {
			undo(s[:i-1]+ref+"'"+s[j:], k-1)
		}
		if after {
			undo(s[:i]+"'"+ref+s[j+1:], k-1)
		}
		if before && after {
			undo(s[:i-1]+ref+s[j+1:], k-1)
		}
	}
	undo(s, len(locs)-1)
	return out
}

func TestUndoQuoteMoves(t *testing.T) {
	tests := []struct{ got, source string }{
		{`echo 'a'"${X}"'b'`, `echo 'a${X}b'`},
		{`echo "${X}"`, `echo '${X}'`},
		{`echo 'a'"${X}"`, `echo 'a${X}'`},
		{`echo "${X}"'b'`, `echo '${X}b'`},
		{`0"${A}"''`, `0'${A}'''`},
		{`''"${A}"'b'`, `'''${A}b'`},
		{`'a'"${X}""${Y}"'b'`, `'a${X}${Y}b'`},
		{`echo "${X}"`, `echo "${X}"`},
	}
	for _, tt := range tests {
		if !slices.Contains(undoQuoteMoves(tt.got), tt.source) {
			t.Errorf("undoQuoteMoves(%q) = %q, which lacks %q", tt.got, undoQuoteMoves(tt.got), tt.source)
		}
	}
	if got := undoQuoteMoves(`echo '${X}'`); len(got) != 1 {
		t.Errorf("undoQuoteMoves of a command without moves = %q, want it alone", got)
	}
}
