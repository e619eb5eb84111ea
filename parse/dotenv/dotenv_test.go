package dotenv_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pc2devenv/pc2devenv/internal/foremanlib"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

// TestReadMatchesForeman reads .env files with foreman's own parser
// (Foreman::Env) and with Read(Foreman): the same variables with
// the same values.
func TestReadMatchesForeman(t *testing.T) {
	inputs := []string{
		"A=1\nB=two words\nC='single $X \\n'\nD=\"double \\n \\\" \\\\ \\x\"\n",
		"export E=1\nF = 2\nG: 3\n H=4\nI=\nJ=a=b\n",
		"# c\n\nK=\"unclosed\nL='x'y'\nM=\"\"\nN=''\nO=\"a\\\nb\"\n",
		"P=1\r\nP=2\r\nQ=trailing   # kept\n",
		"lower_case=1\n9NUM=2\nDOT.TED=3\nDASH-ED=4\n",
		"R=\"\\n\\\\n\"\nS=\"\\\\\"\nT=\"a\\\"\n",
	}
	dir := t.TempDir()
	var files []string
	for i, src := range inputs {
		f := filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var all map[string]map[string]string
	out := foremanlib.Ruby(t, `r = {}; ARGV.each { |f| h = {}; Foreman::Env.new(f).entries { |k, v| h[k] = v }; r[f] = h }; puts r.to_json`, files...)
	if err := json.Unmarshal(out, &all); err != nil {
		t.Fatal(err)
	}
	for i, src := range inputs {
		file, _ := dotenv.Read(".env", []byte(src), dotenv.Foreman)
		got := map[string]string{}
		for _, v := range file.Vars {
			got[v.Name] = v.Value
		}
		if diff := cmp.Diff(all[files[i]], got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("input %d (-foreman +pc2devenv):\n%s", i, diff)
		}
	}
}

func TestReadGodotenv(t *testing.T) {
	src := "# comment\nexport A=1\nB: two # comment\nC = \"multi\nline\\n\"\nD='$X'\nE=$HOME/x\nF.G=3\n"
	f, d := dotenv.Read(".env", []byte(src), dotenv.Godotenv)
	if len(d) != 0 {
		t.Errorf("diagnostics: %v", d)
	}
	var got []string
	for _, v := range f.Vars {
		got = append(got, v.Name+"="+v.Value+map[bool]string{true: " (expands)"}[v.Expands]+" @"+v.Pos.String())
	}
	want := []string{
		"A=1 @.env:2:1", "B=two @.env:3:1", "C=multi\nline\n @.env:4:1", "D=$X @.env:6:1",
		"E=$HOME/x (expands) @.env:7:1", "F.G=3 @.env:8:1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"A=1\nB=\"open\n", "A=1\nnot-a-name=1\n", "A=1\nword\n"} {
		f, d := dotenv.Read(".env", []byte(bad), dotenv.Godotenv)
		if len(d) != 1 || d[0].Pos.Line != 2 || len(f.Vars) != 1 {
			t.Errorf("%q: want one diagnostic on line 2 and one variable, got %v %v", bad, d, f.Vars)
		}
	}
}

func TestProject(t *testing.T) {
	files := []*dotenv.File{{Path: ".env", Vars: []dotenv.Var{{Name: "A", Value: "secret"}, {Name: "B", Value: "x"}, {Name: "A", Value: "again"}}}}
	p, _ := dotenv.Project(files, []string{".env"}, false, "foreman")
	if p.Dotenv == nil || !slices.Equal(p.Dotenv.Names, []string{"A", "B"}) || len(p.Env) != 0 {
		t.Errorf("without --inline-env: %+v, env %v", p.Dotenv, p.Env)
	}
	p, _ = dotenv.Project(files, []string{".env"}, true, "foreman")
	if p.Dotenv != nil || len(p.Env) != 3 || p.Env[2].Value.Shell() != "again" {
		t.Errorf("with --inline-env: %+v, env %v", p.Dotenv, p.Env)
	}
}
