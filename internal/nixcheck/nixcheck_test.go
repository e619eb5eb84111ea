package nixcheck

import (
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/nixeval"
)

// cases are files nixcheck must read as Nix does: accept (and evaluate to
// the same value) or refuse.
var cases = []string{
	"{ }\n",
	"{ a = 1; }",
	"{ a.b = 1; a = { c = 2; }; }",
	"{ a = { c = 2; }; a.b = 1; }",
	"{ a = { c = 2; }; a = { b = 1; }; }",
	"{ a.b = 1; a.b = 2; }",
	"{ a = { c = 2; }; a.c.d = 1; }",
	"{ a = 1; a.b = 2; }",
	`{ "a" = 1; a = 2; }`,
	`{ "a b"."c\"d" = "x"; }`,
	"{ a = [ -1 ]; }",
	"{ a = -1; b = [ (-1) ]; c = -1.5; }",
	"{ a = 1.5; b = 0.5; c = 100000.0; d = 1e5; }",
	"{ or = 1; }",
	"{ a = x; }",
	"{ pkgs, ... }:\n\n{ packages = [ pkgs.redis ]; }",
	"{ pkgs, ... }:\n{ a = pkgs.redis; b = lib.x; }",
	"{ config, ... }:\n{ a = \"${config.devenv.root}/x\"; }",
	"{ config, ... }:\n{ processes.a.ports.http.allocate = 8080; processes.a.env.PORT = toString config.processes.a.ports.http.value; }",
	"{ a = ./x; c = ./. + \"/a b\"; d = /etc; e = /. + \"/a b\"; }",
	"{ a = ./x/; }",
	"# c\r{ a = 1; }\n{ }",
	"# comment\n{ a = 1; } # trailing\n",
	"/* block */ { a = 1; }",
	`{ a = "$${x}"; b = "$$"; c = "\${x}"; d = "a$"; e = "\n\t\r\\\"q"; }`,
	`{ a = "${x}"; }`,
	"{ a = ''\n    x\n      y\n  ''; }",
	"{ a = ''\n  '''\n  ''${x}\n  ''$\n  $${y}\n''; }",
	"{ a = ''  x''; b = ''\n\n  x\n  ''; c = ''\n  a\n   \n  b\n''; }",
	"{ a = ''\n  a\n\tb\n''; }",
	"{ a = ''\n  x ${\"i\"} y\n    z\n''; }",
	"{ a = ''x''; b = ''''; }",
	"{ a = \"unterminated; }",
	"{ a = ''unterminated; }",
	"{ a = 1 }",
	"{ a = toString 5; b = toString true; }",
	"{ if = 1; }",
	"{ a = [ 1 \"b\" ./c { d = 1; } [ ] ]; }",
	"{ a = true; b = false; c = null; }",
	"{ a-b = 1; a'b = 2; _c = 3; }",
	"{ a = x:y; }",
	"{ a = \"\"; b = ''''; }",
}

func TestAgainstNix(t *testing.T) {
	nixeval.Require(t)
	for _, src := range cases {
		_, perr := Parse([]byte(src))
		out, err := exec.Command("nix-instantiate", "--parse", "-E", src).CombinedOutput()
		nixOK := err == nil
		if (perr == nil) != nixOK {
			t.Errorf("%q: nixcheck says %v, nix-instantiate --parse says %v %s", src, perr, err, out)
			continue
		}
		if !nixOK || !strings.HasPrefix(strings.TrimSpace(src[strings.Index(src, "{"):]), "{") {
			continue
		}
		want, werr := nixeval.EvalModule([]byte(src))
		got, gerr := EvalModule([]byte(src))
		if werr != nil {
			continue // evaluates to an error; nixcheck need not agree
		}
		if gerr != nil {
			if !strings.Contains(src, "lib.") {
				t.Errorf("%q: nixcheck cannot evaluate it: %v; Nix gives %v", src, gerr, want)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: nixcheck gives %#v, Nix gives %#v", src, got, want)
		}
	}
}

func TestComments(t *testing.T) {
	f, err := Parse([]byte("# one\r# two\n{ } # three"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{" one", " two", " three"}; !reflect.DeepEqual(f.Comments, want) {
		t.Errorf("comments %q, want %q", f.Comments, want)
	}
}
