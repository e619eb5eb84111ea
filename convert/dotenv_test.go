package convert

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

// TestFindDotenvListed compares findDotenv, which skips the names a walk's
// listing does not hold, with looking every name up on disk.
func TestFindDotenvListed(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the directory; listed is what the walk saw.
		setup  func(t *testing.T, dir string)
		listed []string
	}{
		{"none", func(t *testing.T, dir string) {}, []string{"Procfile"}},
		{"regular", func(t *testing.T, dir string) { write(t, dir, ".env", "A=1\n") }, []string{"Procfile", ".env"}},
		{"directory", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, ".env"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, []string{"Procfile"}},
		{"made after the walk", func(t *testing.T, dir string) { write(t, dir, ".env", "A=1\n") }, []string{"Procfile"}},
		{"removed after the walk", func(t *testing.T, dir string) {}, []string{"Procfile", ".env"}},
		{"variant only", func(t *testing.T, dir string) { write(t, dir, ".env.local", "A=1\n") }, []string{"Procfile", ".env.local"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "Procfile", "web: x\n")
			tt.setup(t, dir)

			fast := &finder{dir: dir, listed: tt.listed, max: 1 << 20}
			fs, fok := findDotenv(fast)

			slow := &finder{dir: dir, listed: tt.listed, max: 1 << 20}
			var ss source
			var sok bool
			for _, name := range dotenv.Names {
				var stop bool
				if ss, sok, stop = dotenvNamed(slow, name); stop {
					break
				}
			}

			if fok != sok || !reflect.DeepEqual(fs, ss) {
				t.Errorf("findDotenv = %+v, %v; looking on disk = %+v, %v", fs, fok, ss, sok)
			}
			if !reflect.DeepEqual(fast.diags, slow.diags) || fast.skipped != slow.skipped {
				t.Errorf("findDotenv diagnostics %v (skipped %v); looking on disk %v (skipped %v)",
					fast.diags, fast.skipped, slow.diags, slow.skipped)
			}
		})
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
