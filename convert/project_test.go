package convert

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsProject(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		makefiles bool
		skip      string
		want      bool
	}{
		{"process-compose.yml", map[string]string{"process-compose.yml": "processes: {}\n"}, false, "", true},
		{"process-compose.yaml", map[string]string{"process-compose.yaml": ""}, false, "", true},
		{"compose with processes", map[string]string{"compose.yml": "version: 1\nprocesses:\n  a: {command: x}\n"}, false, "", true},
		{"docker compose", map[string]string{"compose.yaml": "services:\n  db: {image: postgres}\n"}, false, "", true},
		{"docker-compose.yml", map[string]string{"docker-compose.yml": "services:\n  db: {image: postgres}\n"}, false, "", true},
		{"Procfile", map[string]string{"Procfile": "web: x\n"}, false, "", true},
		{"Procfile.dev", map[string]string{"Procfile.dev": "web: x\n"}, false, "", true},
		{"other Procfile", map[string]string{"Procfile.windows": "web: x\n"}, false, "", false},
		{"Makefile only", map[string]string{"Makefile": "all:\n"}, false, "", false},
		{"Makefile on request", map[string]string{"GNUmakefile": "all:\n"}, true, "", true},
		{"nothing", map[string]string{"README.md": "x", ".env": "A=1"}, true, "", false},
		{"ignored source", map[string]string{"process-compose.yml": ""}, false, "process-compose.yml", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var names []string
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				names = append(names, name)
			}
			skip := func(name string) bool { return name == tt.skip }
			if got := IsProject(dir, names, tt.makefiles, skip); got != tt.want {
				t.Errorf("IsProject = %v, want %v", got, tt.want)
			}
		})
	}
}
