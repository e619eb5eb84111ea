package emit_test

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/benchdata"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// BenchmarkEmit lowers a parsed project to the Nix syntax tree (lower),
// and prints the tree (print).
func BenchmarkEmit(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		proj, d := processcompose.Read("process-compose.yml", in.Source)
		if d.HasErrors() {
			b.Fatal(d)
		}
		b.Run("lower/"+in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				emit.Emit(proj, emit.Options{Target: emit.Devenv2})
			}
		})
		file := emit.Emit(proj, emit.Options{Target: emit.Devenv2}).File
		b.Run("print/"+in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := nix.Format(file); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
