package emit

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// text builds a Text from literal parts and ${...} references, written as
// "{NAME}" for a reference to NAME.
func text(parts ...string) ir.Text {
	var t ir.Text
	for _, p := range parts {
		if len(p) > 2 && p[0] == '{' && p[len(p)-1] == '}' {
			t.AppendRef(&ir.VarRef{Raw: "$" + p, Name: p[1 : len(p)-1]})
		} else {
			t.Append(p)
		}
	}
	return t
}

func TestBashCommand(t *testing.T) {
	tests := []struct {
		in       ir.Text
		want     string
		problems int
	}{
		{text("echo hi"), "echo hi", 0},
		{text("echo ", "{HOME}"), "echo ${HOME}", 0},
		{text(`echo "`, "{HOME}", `"`), `echo "${HOME}"`, 0},
		{text("echo '", "{HOME}", "'"), `echo "${HOME}"`, 0},
		{text("echo 'a ", "{HOME}", " b'"), `echo 'a '"${HOME}"' b'`, 0},
		{text("echo 'a", "{X}", "-", "{Y}", "z' '", "{Z}", "'"), `echo 'a'"${X}"'-'"${Y}"'z' "${Z}"`, 0},
		{text("cat <<'EOF'\n", "{X}", "\nEOF\n"), "cat <<'EOF'\n${X}\nEOF\n", 1},
		{text("cat <<EOF\n", "{X}", "\nEOF\n"), "cat <<EOF\n${X}\nEOF\n", 0},
		{text("echo $'", "{X}", "'"), "echo $'${X}'", 1},
		{text("echo 'unclosed ", "{X}"), "echo 'unclosed ${X}", 0},
	}
	for _, tt := range tests {
		got, problems := bashCommand(nil, tt.in)
		if got != tt.want || len(problems) != tt.problems {
			t.Errorf("bashCommand(%q) = %q, %d problems %v; want %q, %d", tt.in.Shell(), got, len(problems), problems, tt.want, tt.problems)
		}
	}
}

func TestNeedsSetPlusE(t *testing.T) {
	tests := []struct {
		cmd  string
		want bool
	}{
		{"npm run dev", false},
		{"cd backend && uvicorn app:app", false},
		{"a || b | c", false},
		{"", false},
		{"a; b", true},
		{"a\nb\n", true},
		{"if true; then a; fi", true},
		{"(cd x; y)", true},
		{"server &", true},
		{"set -e\na\nb", false},
		{"set -euo pipefail\na\nb", false},
		{"set -o errexit\na\nb", false},
		{"set -x\na\nb", true},
		{"echo 'unclosed", true},
	}
	for _, tt := range tests {
		if got := needsSetPlusE(nil, tt.cmd); got != tt.want {
			t.Errorf("needsSetPlusE(%q) = %v, want %v", tt.cmd, got, tt.want)
		}
	}
}

// TestPlainCommand checks the parser-free path of needsSetPlusE against
// the parser: every command it accepts is one simple statement.
func TestPlainCommand(t *testing.T) {
	cmds := []string{"npm run dev", "redis-server --port 6379 --bind 127.0.0.1", "./bin/migrate up", "a=b c", "PORT=3000 node x.js",
		"time make", "if", "coproc x", "for", "function", "select", "in x", "done", "", " a", "a  b", "a,b@c%d+e", "make -j4 all",
		"echo $HOME", "a;b", "a|b", "a&", "a>b", "(a)", "{ a; }", "a # c", "!a", "a\tb", "[[ x ]]", "x=(a)", "~/bin/x", "a*", "a?", "[a]"}
	for _, c := range cmds {
		if !plainCommand(c) {
			continue
		}
		f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(c), "")
		if err != nil || len(f.Stmts) != 1 || !simpleStmt(f.Stmts[0]) {
			t.Errorf("plainCommand(%q) is true, but the parser says otherwise (%v)", c, err)
		}
	}
	for _, c := range []string{"npm run dev", "PORT=3000 node x.js", "make -j4 all"} {
		if !plainCommand(c) {
			t.Errorf("plainCommand(%q) = false", c)
		}
	}
	for _, c := range []string{"time make", "if", "a;b", "echo $HOME", ""} {
		if plainCommand(c) {
			t.Errorf("plainCommand(%q) = true", c)
		}
	}
}

func TestExportLine(t *testing.T) {
	got, ok := exportLine("DB", text(`post"gres://$`, "{HOST}", "/`x`\\"))
	want := "export DB=\"post\\\"gres://\\$${HOST}/\\`x\\`\\\\\""
	if !ok || got != want {
		t.Errorf("exportLine = %q, %v; want %q", got, ok, want)
	}
	if _, ok := exportLine("my-var", text("x")); ok {
		t.Error("exportLine accepted a name bash cannot export")
	}
}

// substitute returns t as process-compose runs it: references replaced by
// the variables' values, as its loader does.
func substitute(t ir.Text, vars map[string]string) string {
	var b []byte
	for _, p := range t.Parts {
		if p.Ref != nil {
			b = append(b, vars[p.Ref.Name]...)
		} else {
			b = append(b, p.Lit...)
		}
	}
	return string(b)
}

// TestBashCommandAgainstBash runs each command both ways with real bash:
// as process-compose ran it (references substituted into the text before
// bash saw it) and as pc2devenv writes it (bash expanding the references).
// The outputs must be the same.
func TestBashCommandAgainstBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	vars := map[string]string{"X": "x val", "Y": "it's", "HOME": "/home/u"}
	env := []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	cmds := []ir.Text{
		text("echo ", "{X}"),
		text(`echo "`, "{X}", `"`),
		text("echo '", "{X}", "'"),
		text("echo 'a ", "{HOME}", " b' '", "{X}", "'"),
		text("printf '%s|' 'pre", "{X}", "post' \"", "{Y}", "\""),
		text("echo '", "{X}", "", "{HOME}", "'"),
	}
	for _, c := range cmds {
		run := func(script string) string {
			cmd := exec.Command(bash, "-c", script)
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("bash -c %q: %v\n%s", script, err, out)
			}
			return string(out)
		}
		converted, _ := bashCommand(nil, c)
		want := run(substitute(c, vars))
		if got := run(converted); got != want {
			t.Errorf("%q: process-compose prints %q, the converted %q prints %q", c.Shell(), want, converted, got)
		}
	}
}

// TestExportLineAgainstBash checks that bash, running an export line,
// holds the value process-compose would have put in the environment.
func TestExportLineAgainstBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	vars := map[string]string{"HOST": "db.local", "Q": `a"b'c$d`}
	values := []ir.Text{
		text("plain"),
		text(`post"gres://$`, "{HOST}", "/`x`\\ $(no) 'q'"),
		text("{Q}", "/", "{HOST}"),
		text("line1\nline2 ", "{HOST}"),
	}
	for _, v := range values {
		line, ok := exportLine("OUT", v)
		if !ok {
			t.Fatal("exportLine refused OUT")
		}
		cmd := exec.Command(bash, "-c", line+"\nprintf '%s' \"$OUT\"")
		cmd.Env = []string{"HOST=" + vars["HOST"], "Q=" + vars["Q"]}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		if want := substitute(v, vars); string(out) != want {
			t.Errorf("%s\nsets OUT to %q, want %q", line, out, want)
		}
	}
}

// TestPortLowering checks how a process's allocatable PORT is lowered per
// target: allocated only under the native manager, the fixed number
// elsewhere.
func TestPortLowering(t *testing.T) {
	proj := &ir.Project{Processes: []*ir.Process{{
		Name:    "web",
		Command: ir.Plain("serve --port $PORT", ir.Pos{}),
		Env:     []ir.EnvVar{{Name: "PORT", Value: ir.Plain("5000", ir.Pos{}), Port: "http"}},
		Ports:   []ir.Port{{Name: "http", Allocate: 5000}},
	}}}
	for _, tt := range []struct {
		target    Target
		want, not []string
	}{
		{Devenv2, []string{"ports.http.allocate = 5000;", "env.PORT = toString config.processes.web.ports.http.value;"}, []string{`"5000"`}},
		{Devenv2ProcessCompose, []string{`env.PORT = "5000";`}, []string{"allocate", "config."}},
		{Devenv1, []string{`process-compose.environment = [ "PORT=5000" ];`}, []string{"allocate", "config."}},
	} {
		b, err := nix.Format(Emit(proj, Options{Target: tt.target}).File)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.target, w, b)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(string(b), n) {
				t.Errorf("%s: output has %q:\n%s", tt.target, n, b)
			}
		}
	}
}

// TestTaskNoErrexit checks that a task whose source ran without -e starts
// with set +e when it runs several statements, and only then.
func TestTaskNoErrexit(t *testing.T) {
	for _, tt := range []struct {
		exec      string
		noErrexit bool
		setPlusE  bool
	}{
		{"a; b", true, true},
		{"a && b", true, false},
		{"a; b", false, false},
	} {
		proj := &ir.Project{Tasks: []*ir.Task{{Name: "x:y", Exec: ir.Plain(tt.exec, ir.Pos{}), NoErrexit: tt.noErrexit}}}
		b, err := nix.Format(Emit(proj, Options{}).File)
		if err != nil {
			t.Fatal(err)
		}
		if got := regexp.MustCompile(`set \+e\n\s*` + regexp.QuoteMeta(tt.exec)).Match(b); got != tt.setPlusE {
			t.Errorf("%q (NoErrexit %t): set +e is %t, want %t:\n%s", tt.exec, tt.noErrexit, got, tt.setPlusE, b)
		}
	}
}

func TestOptionPath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"settings.port", []string{"settings", "port"}},
		{`settings."network.host"`, []string{"settings", "network.host"}},
		{`settings."q\"uote \\ back".x`, []string{"settings", `q"uote \ back`, "x"}},
		{`settings.a"b`, []string{"settings", `a"b`}},
	} {
		if got := optionPath(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("optionPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
