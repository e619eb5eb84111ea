package processcompose

import (
	"reflect"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestPlainText checks the texts yamlReader.plain hands out against the
// slow path's, scanSubst's and ir.Plain's, and that appending to one
// leaves the next alone.
func TestPlainText(t *testing.T) {
	var r yamlReader
	pos := ir.Pos{File: "f", Line: 2, Col: 3}
	var texts []ir.Text
	for i := range 200 {
		s := []string{"", "npm run dev", "a{b}", "x"}[i%4]
		got := r.plain(s, pos)
		want, problems := scanSubst(s, pos)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(got, ir.Plain(s, pos)) || problems != nil {
			t.Fatalf("plain(%q) = %#v, scanSubst gives %#v", s, got, want)
		}
		texts = append(texts, got)
	}
	for i := range texts {
		texts[i].Append("!")
	}
	for i, tx := range texts {
		want := []string{"", "npm run dev", "a{b}", "x"}[i%4] + "!"
		if tx.Shell() != want {
			t.Fatalf("text %d is %q after appending, want %q", i, tx.Shell(), want)
		}
	}
}

// TestResolve checks resolve against its slow path, ir.Text.Resolve.
func TestResolve(t *testing.T) {
	for _, s := range []string{"", "x", "a$$b", "${A}", "${A:-1}", "a${B:-c}d", "${A}${B:-x}", "$${A}"} {
		text, _ := scanSubst(s, ir.Pos{})
		gotV, gotU := resolve(text)
		wantV, wantU := text.Resolve()
		if gotV != wantV || !reflect.DeepEqual(gotU, wantU) {
			t.Errorf("resolve(%q) = %q, %v; Resolve gives %q, %v", s, gotV, gotU, wantV, wantU)
		}
	}
}
