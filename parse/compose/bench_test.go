package compose_test

import (
	"os"
	"path/filepath"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/parse/compose"
)

// benchFile is the largest corpus compose file (57 services).
const benchFile = "getsentry__self-hosted__docker-compose.yml"

func benchSource(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join(corpusDir, "compose", benchFile))
	if err != nil {
		b.Skipf("the shared corpus is absent (%v)", err)
	}
	return src
}

// BenchmarkLoad reads the largest corpus compose file.
func BenchmarkLoad(b *testing.B) {
	src := benchSource(b)
	dir := b.TempDir()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		compose.Load(dir, []compose.File{{Path: filepath.Join(dir, "docker-compose.yml"), Content: src}}, compose.Options{
			ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist },
		})
	}
}

// BenchmarkYAMLNode is the floor: parsing the same file into a yaml.Node.
func BenchmarkYAMLNode(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			b.Fatal(err)
		}
	}
}
