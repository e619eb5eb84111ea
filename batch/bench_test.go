package batch

import "testing"

// BenchmarkRun runs convert -r -w and diff -r over a monorepo of 1,000
// projects made of the golden inputs that convert: the writes of the
// first run are not measured, only runs over an up-to-date tree.
func BenchmarkRun(b *testing.B) {
	root := monorepo(b, 1000, true)
	Run([]string{root}, Options{Mode: Write, Recursive: true}, func(*Project) {})
	for _, mode := range []Mode{Write, Check} {
		b.Run([]string{"convert-w", "diff"}[mode], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum := Run([]string{root}, Options{Mode: mode, Recursive: true}, func(*Project) {})
				if sum.Projects != 1000 {
					b.Fatalf("%d projects", sum.Projects)
				}
			}
		})
	}
}
