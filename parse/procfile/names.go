package procfile

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Names are the Procfiles a project's directory is searched for, in order
// of preference: Procfile.dev is the development manifest (what Rails'
// bin/dev runs with foreman start -f Procfile.dev), Procfile the
// production one.
var Names = []string{"Procfile.dev", "Procfile"}

// Match reports whether a file's name says it is a Procfile: Procfile,
// or a variant such as Procfile.dev or Procfile.windows, or a name ending
// in .procfile.
func Match(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, "Procfile") || strings.HasSuffix(strings.ToLower(base), ".procfile")
}

// Variant reports whether a file of a project's directory named name is
// a variant of its Procfile, such as Procfile.windows: the runners read
// one only when it is named.
func Variant(name string) bool {
	return strings.HasPrefix(name, "Procfile.") && !slices.Contains(Names, name)
}

var sniffLine = lazyre.New(`^[A-Za-z0-9_-]+:\s*\S`)

// Sniff reports whether content reads as a Procfile: every line that is
// not blank or a comment is an entry NAME: COMMAND, and there is one.
func Sniff(content []byte) bool {
	n := 0
	for _, line := range bytes.Split(content, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 || bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		if !sniffLine.Match(line) {
			return false
		}
		n++
	}
	return n > 0
}
