package emit

import (
	"math"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit/nix"
)

// TestScalarNix checks that scalarNix writes booleans, integers and null
// as the printer does.
func TestScalarNix(t *testing.T) {
	for _, e := range []nix.Expr{
		&nix.Bool{V: true}, &nix.Bool{V: false}, &nix.Null{},
		&nix.Int{V: 0}, &nix.Int{V: 42}, &nix.Int{V: -7},
		&nix.Int{V: math.MaxInt64}, &nix.Int{V: math.MinInt64},
	} {
		want, err := nix.FormatExpr(e)
		if err != nil {
			t.Fatal(err)
		}
		if got := scalarNix(e); got != string(want) {
			t.Errorf("scalarNix(%#v) = %q, want %q", e, got, want)
		}
	}
}
