package parse

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzProcessComposeFiles reads two files as one project, an override
// merged over a base: whatever the bytes, reading returns a project and
// diagnostics, never a panic.
func FuzzProcessComposeFiles(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/golden/*/process-compose.yml")
	for i, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		next, _ := os.ReadFile(seeds[(i+1)%len(seeds)])
		f.Add(b, next)
	}
	f.Add([]byte("processes: {a: {command: '{{.X}}', replicas: 3, extends: b}, b: {command: b}}"), []byte("processes: {a: {environment: [A=1=2]}}"))
	f.Fuzz(func(t *testing.T, base, override []byte) {
		p, _ := ProcessComposeFiles([]PCFile{{Path: "a.yml", Content: base}, {Path: "b.yml", Content: override}}, PCOptions{})
		if p == nil {
			t.Fatal("no project")
		}
	})
}
