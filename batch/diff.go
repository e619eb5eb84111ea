package batch

import (
	"bytes"

	"github.com/rogpeppe/go-internal/diff"
)

// unifiedDiff returns the unified diff from old to new, with the file
// names given (a/… and b/…, or /dev/null for a file that does not
// exist), in the form patch -p1 and git apply accept.
func unifiedDiff(oldName string, old []byte, newName string, new []byte) []byte {
	return diff.Diff(oldName, old, newName, new)
}

// firstDiffLine returns the number of the first line of old that new
// does not have, for annotations: past the end of old when new only
// adds lines.
func firstDiffLine(old, new []byte) int {
	line := 1
	for {
		i := bytes.IndexByte(old, '\n')
		j := bytes.IndexByte(new, '\n')
		if i < 0 || j < 0 || !bytes.Equal(old[:i], new[:j]) {
			return line
		}
		old, new = old[i+1:], new[j+1:]
		line++
	}
}
