// Package sourcecheck holds the checks every source reader makes on its
// input: that a file is text, that a YAML document is finite, small and
// shallow enough to walk, that a source does not define more items than
// the converter converts, and the did-you-mean suggestion for a name the
// reader does not know.
package sourcecheck
