package nix

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// trickyStrings are values the printer must write so that Nix reads them
// back unchanged. Each one targets an escaping rule.
var trickyStrings = []string{
	"",
	"plain",
	`echo "${HOME}" '$${x}' ''y'' "a\"b" \\`,
	"${builtins.readFile /etc/passwd}",
	"''${x}",
	`\${`,
	"'''",
	"''",
	"'",
	`"; import /etc/x; "`,
	"$",
	"$$",
	"$${x}",
	"$$$",
	"a$",
	"\\",
	"\\n",
	"tab\there",
	"cr\rhere",
	"unicode: héllo ✓ 日本",
	"line1\nline2\n",
	"line1\n  indented\n",
	"  all\n  indented\n",
	"with blank\n\nline\n",
	"ws only\n   \nline\n",
	"no final newline\nsecond",
	"quote before ${\nx'${y}\n",
	"''${x}\n'''\n''$\n''\\n\n",
	"ends with quote'\n",
	"single ' quote ${HOME}\n",
	"set +e\nexport A=\"${B:-c}\"\nrun $$ '$1'\n",
	"\x1b[31mred\x07\n",
	"dollar brace at end $\n{ next\n",
	"recipe \\\n\tcontinued \\\n\t\tdeeper\n",
	"\tleading tab\nno tab\n",
	"  spaces\n\ttab first\n",
	"tab only line\n\t\nafter\n",
	"trailing tab\t\n",
}

func TestStringRoundTripGo(t *testing.T) {
	for _, s := range trickyStrings {
		got, err := FormatExpr(Str(s))
		if err != nil {
			t.Errorf("FormatExpr(%q): %v", s, err)
			continue
		}
		back, err := readLiteral(string(got))
		if err != nil {
			t.Errorf("printed %q as %s, which does not read back: %v", s, got, err)
			continue
		}
		if back != s {
			t.Errorf("printed %q as %s, which reads back as %q", s, got, back)
		}
	}
}

func TestAttrNameRoundTripGo(t *testing.T) {
	for _, name := range append(trickyStrings, "web", "web-1", "a'b", "1web", "if", "inherit", "or", "my.svc", "a b") {
		got := string(appendAttrName(nil, name))
		if IsIdent(name) {
			if got != name {
				t.Errorf("appendAttrName(%q) = %s, want it bare", name, got)
			}
			continue
		}
		back, err := readLiteral(got)
		if err != nil || back != name {
			t.Errorf("appendAttrName(%q) = %s, reads back as %q (%v)", name, got, back, err)
		}
	}
}

func requireNix(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("nix-instantiate"); err != nil {
		t.Skip("nix-instantiate not installed")
	}
}

func evalJSON(t *testing.T, src []byte, v any) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.nix")
	if err := os.WriteFile(f, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("nix-instantiate", "--eval", "--strict", "--json", f)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nix-instantiate: %v\n%s\nsource:\n%s", err, stderr.String(), src)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		file *File
		want string
	}{
		{
			name: "empty",
			file: &File{Body: Set()},
			want: "{ }\n",
		},
		{
			name: "header and dotted chains",
			file: &File{
				Comments: []string{"Generated."},
				Body: Set(
					Bind(Set(Bind(&Bool{V: true}, "enable"), Bind(Ref("pkgs", "postgresql_16"), "package")), "services", "postgres"),
					&Binding{Blank: true, Path: []string{"services", "redis"}, Value: Set(
						Bind(&Bool{V: true}, "enable"),
						Bind(&Int{V: 6379}, "port"),
					)},
				),
			},
			want: `# Generated.
{ pkgs, ... }:

{
  services.postgres = {
    enable = true;
    package = pkgs.postgresql_16;
  };

  services.redis = {
    enable = true;
    port = 6379;
  };
}
`,
		},
		{
			name: "lists",
			file: &File{Body: Set(
				Bind(ListOf(), "a"),
				Bind(ListOf(Str("x")), "b"),
				Bind(ListOf(Str("x"), Str("y")), "c"),
				Bind(&List{Items: []*Item{{Comments: []string{"why"}, Value: Str("z")}}}, "d"),
			)},
			want: `{
  a = [ ];
  b = [ "x" ];
  c = [
    "x"
    "y"
  ];
  d = [
    # why
    "z"
  ];
}
`,
		},
		{
			name: "chain stops at a set of two",
			file: &File{Body: Set(
				Bind(Set(Bind(Set(
					Bind(Set(Bind(Str("process_healthy"), "condition")), "postgres"),
					Bind(Set(Bind(Str("process_healthy"), "condition")), "redis"),
				), "depends_on")), "process-compose"),
			)},
			want: `{
  process-compose = {
    depends_on = {
      postgres.condition = "process_healthy";
      redis.condition = "process_healthy";
    };
  };
}
`,
		},
		{
			name: "comments stop a chain",
			file: &File{Body: Set(
				Bind(Set(&Binding{Comments: []string{"TODO(pc2devenv): x"}, Path: []string{"b"}, Value: &Null{}}), "a"),
				Comment("a comment\non two lines"),
			)},
			want: `{
  a = {
    # TODO(pc2devenv): x
    b = null;
  };
  # a comment
  # on two lines
}
`,
		},
		{
			name: "indented string and interpolation",
			file: &File{Body: Set(
				Bind(Str("set +e\necho ${HOME}\n\nexit 0\n"), "exec"),
				Bind(&String{Parts: []Part{{Interp: Ref("config", "devenv", "root")}, {Lit: "/web"}}}, "cwd"),
				Bind(&Apply{Fn: Ref("toString"), Args: []Expr{Ref("config", "processes", "web.1", "ports", "http", "value")}}, "PORT"),
				Bind(&Path{P: "src"}, "p1"),
				Bind(&Path{P: "my dir/x"}, "p2"),
				Bind(&Path{P: "/srv/data"}, "p3"),
				Bind(&Path{P: "/my dir"}, "p4"),
				Bind(&Path{P: "/"}, "p5"),
				Bind(&Path{P: "../up"}, "p6"),
				Bind(Ref("pkgs", "postgresql_16"), "package"),
				Bind(&Float{V: 1.5}, "f"),
				Bind(&Float{V: 2}, "g"),
			)},
			want: `{ pkgs, config, ... }:

{
  exec = ''
    set +e
    echo ''${HOME}

    exit 0
  '';
  cwd = "${config.devenv.root}/web";
  PORT = toString config.processes."web.1".ports.http.value;
  p1 = ./src;
  p2 = ./. + "/my dir/x";
  p3 = /srv/data;
  p4 = /. + "/my dir";
  p5 = /.;
  p6 = ./../up;
  package = pkgs.postgresql_16;
  f = 1.5;
  g = 2.0;
}
`,
		},
		{
			name: "quoted names",
			file: &File{Body: Set(Bind(Str("x"), "processes", "web.1", "exec"), Bind(&Int{V: 1}, "tasks", "pc:init", "x"))},
			want: `{
  processes."web.1".exec = "x";
  tasks."pc:init".x = 1;
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("Format mismatch (-want +got):\n%s", diff)
			}
			parseNix(t, got)
		})
	}
}

// parseNix checks src with nix-instantiate --parse when it is installed.
func parseNix(t *testing.T, src []byte) {
	t.Helper()
	if _, err := exec.LookPath("nix-instantiate"); err != nil {
		return
	}
	cmd := exec.Command("nix-instantiate", "--parse", "-")
	cmd.Stdin = bytes.NewReader(src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("nix-instantiate --parse rejects the output: %v\n%s\n%s", err, out, src)
	}
}

func TestInterpolationAfterDollar(t *testing.T) {
	requireNix(t)
	for _, lit := range []string{"a$", "$$", "x\ny$"} {
		s := &String{Parts: []Part{{Lit: lit}, {Interp: Str("I")}, {Lit: "\n"}}}
		src, err := Format(&File{Body: Set(Bind(s, "v"))})
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ V string }
		evalJSON(t, src, &got)
		if want := lit + "I\n"; got.V != want {
			t.Errorf("%q + interpolation: Nix reads %q, want %q\n%s", lit, got.V, want, src)
		}
	}
}

func TestNULIsAnError(t *testing.T) {
	if _, err := FormatExpr(Str("a\x00b")); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("FormatExpr with NUL: err = %v, want an error naming NUL", err)
	}
}

// TestFormatComments checks that FormatComments gives every comment, and
// only comments, with the line it starts on: comments of the header, of
// bindings, of list items and on their own, and not a string's line that
// looks like one.
func TestFormatComments(t *testing.T) {
	f := &File{
		Comments: []string{"Generated."},
		Body: Set(
			Bind(Str("# TODO(pc2devenv): not a comment\nrun\n"), "processes", "a", "exec"),
			&Binding{Blank: true, Comments: []string{"first\nsecond line", "TODO(pc2devenv): b"}, Path: []string{"processes", "b", "exec"}, Value: Str("b")},
			Bind(&List{Items: []*Item{{Comments: []string{"TODO(pc2devenv): item"}, Value: Str("z")}}}, "d"),
			Bind(Set(Bind(Str("x"), "exec"), Comment("TODO(pc2devenv): own\ntwo lines")), "tasks", "t"),
		),
	}
	out, comments, err := FormatComments(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Generated.", "first\nsecond line", "TODO(pc2devenv): b", "TODO(pc2devenv): item", "TODO(pc2devenv): own\ntwo lines"}
	if len(comments) != len(want) {
		t.Fatalf("got %d comments, want %d: %+v\n%s", len(comments), len(want), comments, out)
	}
	lines := strings.Split(string(out), "\n")
	for i, c := range comments {
		if c.Text != want[i] {
			t.Errorf("comment %d: text %q, want %q", i, c.Text, want[i])
		}
		first, _, _ := strings.Cut(c.Text, "\n")
		if c.Line < 1 || c.Line > len(lines) || strings.TrimSpace(lines[c.Line-1]) != "# "+first {
			t.Errorf("comment %q: line %d is not it:\n%s", c.Text, c.Line, out)
		}
	}
	if plain, err := Format(f); err != nil || string(plain) != string(out) {
		t.Errorf("Format differs from FormatComments: %v", err)
	}
}
