// Package sourcecheck holds what the source readers (the packages under
// parse) share: the checks every reader makes on its input — that a file
// is text, that a YAML document is finite, small and shallow enough to
// walk, that a source does not define more items than the converter
// converts (the limits) — the did-you-mean suggestion for a name a reader
// does not know, and the lexical facts of text files the formats agree on
// (the byte-order mark, the bytes of a variable name).
package sourcecheck
