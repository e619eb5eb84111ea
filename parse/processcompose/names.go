package processcompose

import (
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Names are the file names process-compose looks for in a directory, in
// its order, and OverrideNames the override files it loads after the
// first of them. Docker Compose uses the compose.* names too: such a file
// is a process-compose file only when Sniff says so.
var (
	Names         = []string{"compose.yml", "compose.yaml", "process-compose.yml", "process-compose.yaml"}
	OverrideNames = []string{"compose.override.yml", "compose.override.yaml", "process-compose.override.yml", "process-compose.override.yaml"}
)

// Match reports whether a file's name says it may be a process-compose
// file: a YAML or JSON file, process-compose's formats.
func Match(name string) bool {
	lower := strings.ToLower(filepath.Base(name))
	return strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".json")
}

var topProcesses = lazyre.New(`(?m)^processes\s*:`)

// Sniff reports whether content reads as a process-compose file: it has
// a top-level processes key.
func Sniff(content []byte) bool { return topProcesses.Match(content) }
