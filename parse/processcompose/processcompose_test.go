package processcompose

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/ir"
)

func read(t *testing.T, src string) (*ir.Project, []string) {
	t.Helper()
	p, diags := Read("pc.yml", []byte(src))
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.Pos.String()+" "+string(d.ID))
	}
	return p, ds
}

func TestMergeKeys(t *testing.T) {
	p, diags := read(t, `
x-base: &base
  command: base
  environment: [A=1]
  availability: {restart: always}
x-more: &more
  command: more
  description: from more
processes:
  a:
    <<: [*base, *more]
    availability: {restart: on_failure}
`)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	a := p.Process("a")
	if a.Command.Shell() != "base" {
		t.Errorf("command = %q; the first merged mapping wins", a.Command.Shell())
	}
	if a.Description != "from more" {
		t.Errorf("description = %q", a.Description)
	}
	if a.Restart.Policy.Val != ir.RestartOnFailure {
		t.Errorf("restart = %q; keys set in the mapping win over merged ones", a.Restart.Policy.Val)
	}
	// The merged value keeps its own position.
	if a.Command.Pos.Line != 3 {
		t.Errorf("command position = %v, want line 3", a.Command.Pos)
	}
}

func TestPositionsAndTypes(t *testing.T) {
	_, diags := read(t, `processes:
  web:
    command: "x"
    command: "y"
    disabled: maybe
    replicas: 1.5
    is_daemon: yes
`)
	want := []string{"pc.yml:4:5 PC003", "pc.yml:5:15 PC002", "pc.yml:6:15 PC002"}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestYAML11Booleans(t *testing.T) {
	p, _ := read(t, `processes:
  a:
    command: a
    disabled: yes
    availability: {restart: no}
`)
	a := p.Process("a")
	if !a.Disabled.Val || a.Restart.Policy.Val != ir.RestartNo {
		t.Errorf("disabled = %v, restart = %q", a.Disabled.Val, a.Restart.Policy.Val)
	}
}

func TestDisableEnvExpansion(t *testing.T) {
	p, _ := read(t, `disable_env_expansion: true
processes:
  a:
    command: echo $$ ${HOME}
`)
	if got := p.Process("a").Command; got.HasRefs() || got.Shell() != "echo $$ ${HOME}" {
		t.Errorf("command = %q (refs %v); with expansion off it is kept as text", got.Shell(), got.HasRefs())
	}
}

// aliasBomb is a "billion laughs" document: nine levels of ten aliases
// each, a billion values.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("x-bomb: *a8\nprocesses:\n  a:\n    command: a\n")
	return b.String()
}

func TestAliasBomb(t *testing.T) {
	_, diags := read(t, aliasBomb())
	if len(diags) != 1 || diags[0] != "pc.yml:6:10 PC541" {
		t.Errorf("an alias bomb is not refused where its aliases start: %v", diags)
	}
}

// BenchmarkAliasBomb measures how long refusing a billion laughs takes.
func BenchmarkAliasBomb(b *testing.B) {
	src := []byte(aliasBomb())
	for b.Loop() {
		Read("pc.yml", src)
	}
}

func TestLimits(t *testing.T) {
	deep := "processes:\n  a:\n    command: a\n    x-deep: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n"
	// A thousand aliases of a list of a thousand: wide, not deep.
	wide := "x-k: &k [" + strings.Repeat("1,", 999) + "1]\nprocesses:\n  a:\n    command: a\n    x-wide: [" + strings.Repeat("*k,", 1000) + "*k]\n"
	cyclic := "processes:\n  a: &a\n    command: a\n    x-self: *a\n"
	merged := "x-base: &b {command: a}\nprocesses:\n  a:\n    <<: *b\n  b:\n    <<: [*b, *b]\n"
	tpl := func(cmd string) string {
		return "vars: {L: [" + strings.Repeat("1,", 999) + "1]}\nprocesses:\n  a:\n    command: '" + cmd + "'\n"
	}
	for _, tc := range []struct{ name, src, want string }{
		{"deep", deep, "pc.yml:4:109 PC542"},
		{"wide", wide, "pc.yml:5:14 PC541"},
		{"cyclic", cyclic, "pc.yml:4:13 PC001"},
		{"merge keys are fine", merged, ""},
		{"replicas", "processes:\n  a:\n    command: a\n    replicas: 10000000\n", "pc.yml:4:15 PC548"},
		{"replica named as another process", "processes:\n  a:\n    command: a\n    replicas: 2\n  a-1:\n    command: b\n", "pc.yml:4:15 PC547"},
		{"range over a number", tpl("{{range 1000000000}}{{end}}"), "pc.yml:4:14 PC548"},
		{"nested ranges", tpl("{{range $.L}}{{range $.L}}{{range $.L}}{{end}}{{end}}{{end}}"), "pc.yml:4:14 PC548"},
		{"recursion", tpl(`{{define "a"}}{{template "a" .}}{{template "a" .}}{{end}}{{template "a" .}}`), "pc.yml:4:14 PC548"},
		{"output", tpl(`{{range $.L}}{{printf "%09999d" 1}}{{end}}`), "pc.yml:4:14 PC548"},
		{"ranges within bounds", tpl("{{range $.L}}{{range 98}}{{end}}{{end}}"), ""},
	} {
		_, diags := read(t, tc.src)
		if got := strings.Join(diags, " "); got != tc.want {
			t.Errorf("%s: diagnostics %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBadText(t *testing.T) {
	for _, src := range []string{"processes:\n  a:\n    command: \"a\x00\"\n", "processes:\n  a:\n    command: \"\xff\"\n"} {
		_, diags := read(t, src)
		if len(diags) != 1 || !strings.HasSuffix(diags[0], "PC026") || !strings.HasPrefix(diags[0], "pc.yml:3:") {
			t.Errorf("%q: diagnostics %v, want one PC026 on line 3", src, diags)
		}
	}
}
