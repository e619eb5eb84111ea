package parse

import (
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// maxItems bounds the processes, Makefile targets and .env variables of
// one source (see sourcecheck.MaxItems).
const maxItems = sourcecheck.MaxItems

// tooMany reports an error for a source with more than maxItems what.
func tooMany(pos ir.Pos, what string, diags *ir.Diagnostics) {
	sourcecheck.TooMany(pos, what, diags)
}

// checkText reports NUL bytes and invalid UTF-8 (see
// sourcecheck.CheckText). It returns false when src must not be read
// further.
func checkText(file string, src []byte, diags *ir.Diagnostics) bool {
	return sourcecheck.CheckText(file, src, diags)
}

// suggest returns the known key closest to key, or "" when none is close
// enough to be a likely typo (see sourcecheck.Suggest).
func suggest(key string, known []string) string { return sourcecheck.Suggest(key, known) }
