package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
)

// archive is a case with a setting of each kind, a quoted file, a test
// file, and outputs stored only where they differ from devenv2's.
const archive = `# A comment.
paths: a.yml sub/b.yml
flags: --explain --no-services
targets: devenv2 devenv1
env: A=1 B=
env: A=2
unquote: raw
-- a.yml --
processes: {}
-- sub/b.yml --
processes: {}
-- raw --
"no newline"
-- steps --
build
-- devenv2.nix --
{ }
-- devenv2.diag --
a.yml:1:1: note[PC001]: x
-- devenv1.nix --
{ processes = { }; }
-- devenv1.diag --
`

func TestParse(t *testing.T) {
	c, err := Parse("testdata/golden/x.txtar", []byte(archive))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "x" {
		t.Errorf("Name = %q", c.Name)
	}
	got := []any{c.Paths, c.Flags, c.Targets, c.Envs}
	want := []any{
		[]string{"a.yml", "sub/b.yml"},
		[]string{"--explain", "--no-services"},
		[]emit.Target{emit.Devenv2, emit.Devenv1},
		[][]string{{"A=1", "B="}, {"A=2"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("settings (-want +got):\n%s", d)
	}
	var names []string
	for _, f := range c.Files {
		names = append(names, f.Name)
	}
	if d := cmp.Diff([]string{"a.yml", "sub/b.yml", "raw", "steps"}, names); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	if b, _ := c.File("raw"); string(b) != "no newline" {
		t.Errorf("raw = %q, want it unquoted", b)
	}
	for _, tt := range []struct {
		tg   emit.Target
		ext  string
		want string
		ok   bool
	}{
		{emit.Devenv2, ".nix", "{ }\n", true},
		{emit.Devenv1, ".nix", "{ processes = { }; }\n", true},
		{emit.Devenv2, ".diag", "a.yml:1:1: note[PC001]: x\n", true},
		{emit.Devenv1, ".diag", "", false},                  // the empty file: nothing
		{emit.Devenv2ProcessCompose, ".nix", "{ }\n", true}, // devenv2's
		{emit.Devenv2, ".explain", "", false},
	} {
		got, ok := c.Want(tt.tg, tt.ext)
		if string(got) != tt.want || ok != tt.ok {
			t.Errorf("Want(%s, %s) = %q, %t; want %q, %t", tt.tg, tt.ext, got, ok, tt.want, tt.ok)
		}
	}
	if b, ok := c.Member("devenv1.diag"); ok || len(b) > 0 {
		t.Errorf("Member(devenv1.diag) = %q, %t; want nothing", b, ok)
	}
	if _, ok := c.Member("devenv2-process-compose.nix"); ok {
		t.Error("Member gives an output for a target the case does not convert for")
	}
	if r := c.Redundant(); len(r) != 0 {
		t.Errorf("Redundant() = %q", r)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ archive, err string }{
		{"paths a\n-- a --\n", "x.txtar:1: not a setting"},
		{"# ok\nfoo: bar\n-- a --\n", `x.txtar:2: unknown setting "foo"`},
		{"targets: devenv3\n-- a --\n", "x.txtar:1: "},
		{"unquote: b\n-- a --\n", "unquote: no file b"},
		{"-- a --\n-- a --\n", "a appears twice"},
		{"-- ../a --\n", "not a clean relative path"},
	} {
		_, err := Parse("x.txtar", []byte(tt.archive))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tt.archive, err, tt.err)
		}
	}
}

// TestFormat checks that Format stores each output only where it must,
// and that what it writes reads back as what was set.
func TestFormat(t *testing.T) {
	c, err := Parse("x.txtar", []byte("-- a.yml --\nx: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]string{ // "" is no output
		"devenv2.nix": "two\n", "devenv2.diag": "d\n",
		"devenv2-process-compose.nix": "pc\n", "devenv2-process-compose.diag": "d\n",
		"devenv1.nix": "two\n", "devenv1.diag": "",
	}
	for _, tg := range emit.Targets {
		for _, ext := range []string{".nix", ".diag"} {
			s := set[tg.String()+ext]
			c.Set(tg, ext, []byte(s), s != "")
		}
	}
	b, err := c.Format()
	if err != nil {
		t.Fatal(err)
	}
	want := "-- a.yml --\nx: 1\n-- devenv2.nix --\ntwo\n-- devenv2.diag --\nd\n-- devenv2-process-compose.nix --\npc\n-- devenv1.diag --\n"
	if d := cmp.Diff(want, string(b)); d != "" {
		t.Errorf("Format (-want +got):\n%s", d)
	}
	back, err := Parse("x.txtar", b)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range set {
		if got, ok := back.Member(name); string(got) != s || ok != (s != "") {
			t.Errorf("%s reads back as %q, %t; want %q", name, got, ok, s)
		}
	}
}

func TestFormatQuotes(t *testing.T) {
	c, err := Parse("x.txtar", []byte(archive))
	if err != nil {
		t.Fatal(err)
	}
	c.Files = append(c.Files, c.Files[0])
	c.Files[len(c.Files)-1].Name, c.Files[len(c.Files)-1].Data = "bare", []byte("no newline")
	if _, err := c.Format(); err == nil || !strings.Contains(err.Error(), `add the setting "unquote: bare"`) {
		t.Errorf("Format of a file that needs quoting, unquoted: %v", err)
	}
}

func TestExtractAndWriteDir(t *testing.T) {
	c, err := Parse("x.txtar", []byte(archive))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := c.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a.yml":        "processes: {}\n",
		"sub/b.yml":    "processes: {}\n",
		"raw":          "no newline",
		"args":         "# A comment.\npaths: a.yml sub/b.yml\nflags: --explain --no-services\ntargets: devenv2 devenv1\n",
		"behaviour":    "env: A=1 B=\nenv: A=2\n",
		"devenv2.nix":  "{ }\n",
		"devenv1.nix":  "{ processes = { }; }\n",
		"devenv2.diag": "a.yml:1:1: note[PC001]: x\n",
	} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	for _, name := range []string{"devenv1.diag", "devenv2-process-compose.nix"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written, where nothing is expected", name)
		}
	}
}

func TestReadMember(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.txtar")
	if err := os.WriteFile(file, []byte(archive), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadMember(filepath.Join(dir, "x.txtar", "devenv2.diag"))
	if err != nil || string(b) != "a.yml:1:1: note[PC001]: x\n" {
		t.Errorf("ReadMember = %q, %v", b, err)
	}
	if _, err := ReadMember(filepath.Join(dir, "x.txtar", "devenv1.diag")); err == nil {
		t.Error("ReadMember gives an output the case does not expect")
	}
	if b, err := ReadMember(file); err != nil || string(b) != archive {
		t.Errorf("ReadMember of a plain file = %q, %v", b, err)
	}
}

// TestCases loads every case of the repository.
func TestCases(t *testing.T) {
	cases, err := List("../../testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if r := c.Redundant(); len(r) > 0 {
			t.Errorf("%s: %q are devenv2's exactly", c.Path, r)
		}
	}
	if len(cases) < 100 {
		t.Errorf("only %d cases", len(cases))
	}
}
