package sourcecheck

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/ir"
)

// MaxItems bounds the processes, services, Makefile targets and .env
// variables of one source (after replicas): the conversion takes some tens
// of microseconds and kilobytes for each, so that a 16 MiB file of a
// hundred thousand one-line processes would take seconds and gigabytes,
// while the largest real projects have some hundreds.
const MaxItems = 10_000

// TooMany reports an error for a source with more than MaxItems what.
func TooMany(pos ir.Pos, what string, diags *ir.Diagnostics) {
	diags.Add(pos, ir.IDTooMany,
		fmt.Sprintf("the file has more than %d %s, more than the converter converts; it stops here", MaxItems, what),
		"split the file, or convert the parts that matter")
}
