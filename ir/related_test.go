package ir_test

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestRelated checks that a diagnostic's related places print after it,
// one line each, and that they take part in deduplication.
func TestRelated(t *testing.T) {
	at := ir.Pos{File: "base.yml", Line: 24, Col: 5}
	d := ir.NewDiagnostic(ir.Pos{File: "over.yml", Line: 20, Col: 5}, ir.IDZeroOverride, "disabled: false does not override true", "").
		With(at, "disabled is set to true here")
	want := "over.yml:20:5: warning[PC030]: disabled: false does not override true\nbase.yml:24:5: note: disabled is set to true here"
	if got := d.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	var l ir.Diagnostics
	l.AddRelated(d.Pos, d.ID, d.Message, "", at, "disabled is set to true here")
	l.AddRelated(d.Pos, d.ID, d.Message, "", ir.Pos{File: "other.yml", Line: 1, Col: 1}, "disabled is set to true here")
	l.AddRelated(d.Pos, d.ID, d.Message, "", at, "disabled is set to true here")
	l.Sort()
	if got := l.Dedup(); len(got) != 2 || !got[0].Equal(d) && !got[1].Equal(d) {
		t.Errorf("Dedup kept %d diagnostics; want the 2 that differ in their related place:\n%v", len(got), got)
	}
}
