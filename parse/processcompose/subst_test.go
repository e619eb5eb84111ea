package processcompose

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/ir"
)

func TestScanSubst(t *testing.T) {
	tests := []struct {
		in    string
		parts []string // literal text, or "${...}" for a reference
		shell string
		probs []ir.ID
	}{
		{in: "plain", parts: []string{"plain"}, shell: "plain"},
		{in: "$$", parts: []string{"$"}, shell: "$"},
		{in: "a$$b", parts: []string{"a$b"}, shell: "a$b"},
		{in: "$${x}", parts: []string{"${x}"}, shell: "${x}"},
		{in: "$$$$", parts: []string{"$$"}, shell: "$$"},
		{in: "$HOME/x", parts: []string{"$HOME/x"}, shell: "$HOME/x"},
		{in: "${HOME}/x", parts: []string{"${HOME}", "/x"}, shell: "${HOME}/x"},
		{in: "a${B:-c d}e", parts: []string{"a", "${B:-c d}", "e"}, shell: "a${B:-c d}e"},
		{in: "${A:-${B}}", parts: []string{"${A:-${B}}"}, shell: "${A:-${B}}"},
		{in: "${#A}", parts: []string{"${#A}"}, shell: "${#A}"},
		{in: "$(date) $", parts: []string{"$(date) $"}, shell: "$(date) $"},
		{in: "${V:+x}", parts: []string{"${V:+x}"}, shell: "${V:+x}", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${V:?m}", parts: []string{"${V:?m}"}, shell: "${V:?m}", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${V-d}", parts: []string{"${V-d}"}, shell: "${V-d}", probs: []ir.ID{ir.IDBadExpansion}},
		{in: "${}", parts: []string{"${}"}, shell: "${}", probs: []ir.ID{ir.IDBadExpansion}},
		{in: "x ${ y", parts: []string{"x ${ y"}, shell: "x ${ y", probs: []ir.ID{ir.IDBadExpansion}},
		{in: "${a b}", parts: []string{"${a b}"}, shell: "${a b}", probs: []ir.ID{ir.IDBadExpansion}},
		// Bash cannot read names that start with a digit: they become
		// what process-compose substitutes when they are unset.
		{in: "a${0A}b", parts: []string{"ab"}, shell: "ab", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${1}", parts: nil, shell: "", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${1:-x ${HOME}}y", parts: []string{"x ", "${HOME}", "y"}, shell: "x ${HOME}y", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${#9}", parts: []string{"0"}, shell: "0", probs: []ir.ID{ir.IDExpansionDiff}},
		{in: "${2:-${3:+z}}", parts: []string{"z"}, shell: "z", probs: []ir.ID{ir.IDExpansionDiff, ir.IDExpansionDiff}},
		{in: "${2:-${}}", parts: []string{"${}"}, shell: "${}", probs: []ir.ID{ir.IDBadExpansion, ir.IDExpansionDiff}},
	}
	for _, tt := range tests {
		got, probs := scanSubst(tt.in, ir.Pos{})
		var parts []string
		for _, p := range got.Parts {
			if p.Ref != nil {
				parts = append(parts, p.Ref.Raw)
			} else {
				parts = append(parts, p.Lit)
			}
		}
		var ids []ir.ID
		for _, p := range probs {
			ids = append(ids, p.id)
		}
		if diff := cmp.Diff(tt.parts, parts); diff != "" {
			t.Errorf("scanSubst(%q) parts (-want +got):\n%s", tt.in, diff)
		}
		if got.Shell() != tt.shell {
			t.Errorf("scanSubst(%q).Shell() = %q, want %q", tt.in, got.Shell(), tt.shell)
		}
		if diff := cmp.Diff(tt.probs, ids); diff != "" {
			t.Errorf("scanSubst(%q) problems (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestRefParts(t *testing.T) {
	got, _ := scanSubst("${PORT:-8080}", ir.Pos{})
	r := got.Parts[0].Ref
	if r == nil || r.Name != "PORT" || r.Op != ":-" || r.Arg != "8080" {
		t.Fatalf("got %+v", r)
	}
	if v, ok := r.Default(); !ok || v != "8080" {
		t.Errorf("Default() = %q, %v", v, ok)
	}
	// Re-encoding for process-compose gives back what it reads the same.
	for _, s := range []string{"a$$b", "${X}", "$HOME $$", "x$${y}"} {
		txt, _ := scanSubst(s, ir.Pos{})
		again, _ := scanSubst(txt.ProcessCompose(), ir.Pos{})
		if again.Shell() != txt.Shell() {
			t.Errorf("%q: re-encoded %q reads as %q, want %q", s, txt.ProcessCompose(), again.Shell(), txt.Shell())
		}
	}
}
