package processcompose_test

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/benchdata"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// BenchmarkRead reads process-compose files into the IR.
func BenchmarkRead(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				if _, d := processcompose.Read("process-compose.yml", in.Source); d.HasErrors() {
					b.Fatal(d)
				}
			}
		})
	}
}
