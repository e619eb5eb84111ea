package convert

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

func TestScaffold(t *testing.T) {
	tests := []struct {
		name     string
		existing map[string]string
		changed  []string
		want     map[string]string // content expected afterwards ("" = as scaffolded)
	}{
		{
			name:    "empty project",
			changed: []string{"devenv.yaml", ".envrc", ".gitignore"},
			want:    map[string]string{"devenv.yaml": devenvYAML, ".envrc": envrc, ".gitignore": "# devenv\n.devenv*\ndevenv.local.nix\ndevenv.local.yaml\n.direnv\n"},
		},
		{
			name:     "existing files are kept",
			existing: map[string]string{"devenv.yaml": "inputs: {}\n", ".envrc": "use flake\n"},
			changed:  []string{".gitignore"},
			want:     map[string]string{"devenv.yaml": "inputs: {}\n", ".envrc": "use flake\n"},
		},
		{
			name:     "gitignore gets the missing entries",
			existing: map[string]string{".gitignore": "node_modules\n.devenv*\n.direnv"},
			changed:  []string{"devenv.yaml", ".envrc", ".gitignore"},
			want:     map[string]string{".gitignore": "node_modules\n.devenv*\n.direnv\n\n# devenv\ndevenv.local.nix\ndevenv.local.yaml\n"},
		},
		{
			name:     "complete gitignore is untouched",
			existing: map[string]string{".gitignore": "devenv.local.yaml\n.direnv\n  devenv.local.nix\n.devenv*\n", "devenv.yaml": "x: 1\n", ".envrc": "x\n"},
			want:     map[string]string{".gitignore": "devenv.local.yaml\n.direnv\n  devenv.local.nix\n.devenv*\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.existing {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			changed, err := Scaffold(dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(changed, tt.changed) {
				t.Errorf("changed %q, want %q", changed, tt.changed)
			}
			for name, want := range tt.want {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
				}
			}
			if st, err := os.Stat(filepath.Join(dir, ".gitignore")); err == nil && tt.existing[".gitignore"] != "" && st.Mode().Perm() != 0o600 {
				t.Errorf(".gitignore mode %v, want it kept", st.Mode().Perm())
			}
			// Running again changes nothing.
			if again, err := Scaffold(dir, false); err != nil || len(again) > 0 {
				t.Errorf("second run changed %q, %v", again, err)
			}
		})
	}
}

// TestScaffoldContent checks the files against what devenv reads: the
// nixpkgs input of devenv init, and direnv's "use devenv".
func TestScaffoldContent(t *testing.T) {
	var y struct {
		Inputs map[string]struct {
			URL string `yaml:"url"`
		} `yaml:"inputs"`
	}
	if err := yaml.Unmarshal([]byte(devenvYAML), &y); err != nil {
		t.Fatal(err)
	}
	if got := y.Inputs["nixpkgs"].URL; got != "github:cachix/devenv-nixpkgs/rolling" {
		t.Errorf("nixpkgs input %q", got)
	}
	if !strings.Contains(envrc, "\nuse devenv\n") {
		t.Errorf(".envrc lacks use devenv:\n%s", envrc)
	}
}
