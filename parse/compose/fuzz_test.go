package compose_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/compose"
)

// FuzzCompose loads any input as a compose file: no panic, and every
// error has a position.
func FuzzCompose(f *testing.F) {
	for _, s := range []string{
		"services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n",
		"services:\n  a: &a\n    image: x\n    environment: {A: ${V:-d}}\n  b:\n    <<: *a\n    command: echo $$HOME\n",
		"services:\n  a:\n    build: .\n    depends_on: [b]\n  b:\n    image: y\n    extends: a\n",
		"services:\n  a:\n    image: ${I:?set I}\n    volumes: ['./d:/d:ro']\n    healthcheck: {test: 'true', interval: 1s}\n",
		"x-a: &x {image: z}\nservices: {s: {<<: [*x], ports: !reset []}}\n",
		// A long-form dependency that is not a mapping (CI's FuzzCompose found it).
		"services: {a: {image: x, depends_on: {b: 1}}, b: {image: y}}\n",
		"services: {a: {image: x, depends_on: {b: }}, b: {image: y}}\n",
	} {
		f.Add([]byte(s))
	}
	if m, _ := filepath.Glob(filepath.Join(corpusDir, "compose", "*.y*ml")); len(m) > 0 {
		for _, p := range m[:min(len(m), 8)] {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		_, diags := compose.Load(dir, []compose.File{{Path: filepath.Join(dir, "compose.yaml"), Content: src}}, compose.Options{
			ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist },
		})
		for _, d := range diags {
			if d.Severity == ir.Error && !d.Pos.IsValid() {
				t.Errorf("an error without a position: %v", d)
			}
		}
	})
}
