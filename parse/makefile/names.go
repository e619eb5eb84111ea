package makefile

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Names are the makefiles make looks for in a directory, in its order.
var Names = []string{"GNUmakefile", "makefile", "Makefile"}

// Match reports whether a file's name says it is a makefile: one of
// Names, or a name ending in .mk.
func Match(name string) bool {
	base := filepath.Base(name)
	return slices.Contains(Names, base) || strings.HasSuffix(strings.ToLower(base), ".mk")
}

var sniffRecipe = lazyre.New(`(?m)^\t\S`)

// Sniff reports whether content reads as a makefile: it has a recipe
// line (one that starts with a tab).
func Sniff(content []byte) bool { return sniffRecipe.Match(content) }
