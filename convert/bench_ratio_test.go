package convert

import (
	"runtime"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/benchdata"
	"github.com/pc2devenv/pc2devenv/ir"
)

// BenchmarkYAMLNode reads the benchmark inputs into a yaml.Node and
// nothing more: the floor the pipeline is measured against.
func BenchmarkYAMLNode(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Source)))
			b.ReportAllocs()
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(in.Source, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPipelineToYAML runs the whole pipeline and yaml.Unmarshal into
// a yaml.Node in turn, in the same loop so that other load on the machine
// affects both alike, and reports their ratios as metrics: x-yaml-time
// (the goal is at most 2) and x-yaml-bytes and x-yaml-allocs (at most 3),
// and x-yaml-cpu, the ratio of the process's CPU time (garbage collection
// included), which other jobs on the machine disturb less than wall time.
// It asserts nothing about time: the ratios are for people to read. The
// pipeline runs as the command line's convert and diff run it by default,
// without deciding the fates of keys (Options.NoFates), which only
// --format json and the report command read; BenchmarkPipeline decides
// them.
func BenchmarkPipelineToYAML(b *testing.B) {
	for _, in := range benchdata.Inputs() {
		b.Run(in.Name, func(b *testing.B) {
			benchToYAML(b, "process-compose.yml", in.Source, ir.FormatProcessCompose)
		})
	}
}

// BenchmarkComposeToYAML is BenchmarkPipelineToYAML for docker-compose
// files of 3, 12 and 500 services (benchdata.GenerateCompose).
func BenchmarkComposeToYAML(b *testing.B) {
	for _, n := range benchSizes {
		src := benchdata.GenerateCompose(n.n)
		b.Run(n.name, func(b *testing.B) {
			benchToYAML(b, "docker-compose.yml", src, ir.FormatCompose)
		})
	}
}

// benchToYAML runs the pipeline on src, a file of the given name and
// format, and yaml.Unmarshal into a yaml.Node of src in turn, and reports
// the ratios of the pipeline's time, bytes and allocations to the
// floor's (see BenchmarkPipelineToYAML).
func benchToYAML(b *testing.B, file string, src []byte, format ir.Format) {
	b.SetBytes(int64(len(src)))
	var tYAML, tPipe, cYAML, cPipe time.Duration
	for b.Loop() {
		c0, t0 := cpuTime(), time.Now()
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			b.Fatal(err)
		}
		c1, t1 := cpuTime(), time.Now()
		if res := Source(file, src, format, benchOptions); res.Output == nil {
			b.Fatal(res.Diagnostics)
		}
		tPipe += time.Since(t1)
		cPipe += cpuTime() - c1
		tYAML += t1.Sub(t0)
		cYAML += c1 - c0
	}
	b.StopTimer()
	if cYAML > 0 {
		b.ReportMetric(float64(cPipe)/float64(cYAML), "x-yaml-cpu")
	}
	yb, ya := allocs(func() {
		var n yaml.Node
		_ = yaml.Unmarshal(src, &n)
	})
	pb, pa := allocs(func() { Source(file, src, format, benchOptions) })
	b.ReportMetric(float64(tPipe)/float64(tYAML), "x-yaml-time")
	b.ReportMetric(float64(pb)/float64(yb), "x-yaml-bytes")
	b.ReportMetric(float64(pa)/float64(ya), "x-yaml-allocs")
}

// benchOptions are the options of the command line's convert by default.
var benchOptions = Options{NoFates: true}

// allocs returns the bytes and objects f allocates, averaged over a few
// runs.
func allocs(f func()) (bytes, objects uint64) {
	const runs = 5
	f()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&m1)
	return (m1.TotalAlloc - m0.TotalAlloc) / runs, (m1.Mallocs - m0.Mallocs) / runs
}

// benchSizes are the sizes of the inputs of BenchmarkFormats and
// BenchmarkComposeToYAML: processes, targets or services.
var benchSizes = []struct {
	name string
	n    int
}{{"small", 3}, {"typical", 12}, {"large", 500}}

// BenchmarkFormats runs the whole pipeline, as the command line's convert
// runs it (benchOptions), on Procfiles, Makefiles and docker-compose files
// of 3, 12 and 500 processes, targets or services.
func BenchmarkFormats(b *testing.B) {
	for _, f := range []struct {
		name   string
		file   string
		format ir.Format
		gen    func(int) []byte
	}{
		{"procfile", "Procfile", ir.FormatProcfile, benchdata.GenerateProcfile},
		{"makefile", "Makefile", ir.FormatMakefile, benchdata.GenerateMakefile},
		{"compose", "docker-compose.yml", ir.FormatCompose, benchdata.GenerateCompose},
	} {
		for _, n := range benchSizes {
			src := f.gen(n.n)
			b.Run(f.name+"/"+n.name, func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if res := Source(f.file, src, f.format, benchOptions); res.Output == nil {
						b.Fatal(res.Diagnostics)
					}
				}
			})
		}
	}
}

// TestFormatBenchInputsConvert keeps BenchmarkFormats honest: its inputs
// convert without errors.
func TestFormatBenchInputsConvert(t *testing.T) {
	for _, tc := range []struct {
		file   string
		format ir.Format
		src    []byte
	}{
		{"Procfile", ir.FormatProcfile, benchdata.GenerateProcfile(12)},
		{"Makefile", ir.FormatMakefile, benchdata.GenerateMakefile(12)},
		{"docker-compose.yml", ir.FormatCompose, benchdata.GenerateCompose(12)},
		{"docker-compose.yml", ir.FormatCompose, benchdata.GenerateCompose(500)},
	} {
		res := Source(tc.file, tc.src, tc.format, Options{})
		if res.Output == nil || res.Diagnostics.HasErrors() {
			t.Errorf("%s: %v", tc.file, res.Diagnostics)
		}
	}
}
