package convert

import (
	"slices"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestFormatOf checks how a file's format is decided: by its name, the
// most specific name first, then by its content, the most telling content
// first.
func TestFormatOf(t *testing.T) {
	const (
		pc   = ir.FormatProcessCompose
		proc = ir.FormatProcfile
		env  = ir.FormatDotenv
		mk   = ir.FormatMakefile
	)
	tests := []struct {
		name, content string
		want          ir.Format
	}{
		{"Procfile", "", proc},
		{"dir/Procfile.dev", "", proc},
		{"web.procfile", "", proc},
		{"Procfile.yml", "processes: {}", proc},
		{"Procfile.mk", "", proc},
		{".env.procfile", "", proc},
		{"GNUmakefile", "", mk},
		{"rules.MK", "", mk},
		{".env.mk", "", mk},
		{"Makefile.yml", "", pc},
		{".env", "", env},
		{".env.local", "processes: {}", env},
		{"x.yaml", "", pc},
		{"docker-compose.yml", "services: {}", ir.FormatCompose},
		{"compose.yml", "services:\n  db: {image: postgres}\n", ir.FormatCompose},
		{"compose.yml", "processes: {}\nservices: {}", pc},
		{"stack.yaml", "services:\n  db: {image: postgres}\n", ir.FormatCompose},
		{"docker-compose.override.yml", "x-a: 1\n", ir.FormatCompose},
		{"noext", "services:\n  db: {image: postgres}\n", ir.FormatCompose},
		{"x.JSON", "", pc},
		{"noext", "processes:\n\tfoo", pc},
		{"noext", "processes: x", pc},
		{"noext", "web: x\n\t# comment", mk},
		{"noext", "a:\n\tb", mk},
		{"noext", "web: x\r\n# c\r\nworker: y\r\n", proc},
		{"noext", "web: x\nnot an entry", ""},
		{"noext", "# only a comment\n", ""},
		{"noext", "", ""},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.name, []byte(tt.content)); got != tt.want {
			t.Errorf("FormatOf(%q, %q) = %q, want %q", tt.name, tt.content, got, tt.want)
		}
	}
}

// TestFormats checks the formats --from accepts, in the registry's order.
func TestFormats(t *testing.T) {
	want := []ir.Format{ir.FormatProcessCompose, ir.FormatProcfile, ir.FormatCompose, ir.FormatMakefile}
	if !slices.Equal(Formats, want) {
		t.Errorf("Formats = %v, want %v", Formats, want)
	}
}
