package processcompose

import (
	"slices"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestMayBeTemplate checks the shortcut of render against its slow path:
// a text mayBeTemplate refuses encodes to no "{{" (so render would return
// it as it is), and number numbers its references as encode does.
func TestMayBeTemplate(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"", false},
		{"npm run dev", false},
		{"echo ${HOME} and ${PORT:-8080}", false},
		{"echo $${HOME}", true},
		{"a}b}}", false},
		{"{", true},
		{"{{.name}}", true},
		{"x{${A}{y", true},
		{"${A:-{}", true},
		{"echo {{ .PC_REPLICA_NUM }} ${B}", true},
		{"\uE0000\uE001 ${A}", false},
	} {
		text, _ := scanSubst(tc.src, ir.Pos{File: "f", Line: 1, Col: 1})
		if got := mayBeTemplate(text); got != tc.want {
			t.Errorf("mayBeTemplate(%q) = %v, want %v", tc.src, got, tc.want)
		}
		var enc, num templater
		enc.refs = []*ir.VarRef{{Raw: "${X}"}}
		num.refs = slices.Clone(enc.refs)
		src := enc.encode(text)
		num.number(text)
		if !slices.Equal(enc.refs, num.refs) {
			t.Errorf("%q: number gives the references %v, encode %v", tc.src, num.refs, enc.refs)
		}
		if !mayBeTemplate(text) && strings.Contains(src, "{{") {
			t.Errorf("%q: mayBeTemplate refuses it, but it encodes to %q", tc.src, src)
		}
		if strings.Contains(src, "{") != mayBeTemplate(text) {
			t.Errorf("%q: mayBeTemplate = %v, but it encodes to %q", tc.src, mayBeTemplate(text), src)
		}
	}
}
