package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/benchdata"
	"github.com/pc2devenv/pc2devenv/ir"
)

// BenchmarkPipeline runs the whole conversion of a source in memory:
// parse, rules, lowering and printing.
func BenchmarkPipeline(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				if res := Source("process-compose.yml", in.Source, ir.FormatProcessCompose, Options{}); res.Output == nil {
					b.Fatal(res.Diagnostics)
				}
			}
		})
	}
}

// BenchmarkPipelineGrowth converts files of 2,500, 5,000 and 10,000
// processes: each twice the one before, which should take at most 2.2
// times as long (time grows linearly with the input).
func BenchmarkPipelineGrowth(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		src := benchdata.Generate(n)
		b.Run(fmt.Sprintf("processes=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if res := Source("process-compose.yml", src, ir.FormatProcessCompose, Options{}); res.Output == nil {
					b.Fatal(res.Diagnostics)
				}
			}
		})
	}
}

// BenchmarkPaths converts a project directory, as convert -w does for
// each project: finding and reading its sources included.
func BenchmarkPaths(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "process-compose.yml"), in.Source, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := Paths([]string{dir}, Options{})
				if err != nil || res.Output == nil {
					b.Fatal(err, res.Diagnostics)
				}
			}
		})
	}
}

// TestBenchInputsConvert keeps the benchmarks honest: their inputs
// convert without errors, for every target.
func TestBenchInputsConvert(t *testing.T) {
	for _, in := range benchdata.Inputs() {
		if in.Processes > 100 && testing.Short() {
			continue
		}
		res := Source("process-compose.yml", in.Source, ir.FormatProcessCompose, Options{})
		if res.Output == nil {
			t.Errorf("%s: %v", in.Name, res.Diagnostics)
		}
	}
}
