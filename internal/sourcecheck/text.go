package sourcecheck

import (
	"fmt"
	"unicode/utf8"

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
	diags.Add(pos, ir.Error, ir.IDTooMany,
		fmt.Sprintf("the file has more than %d %s, more than the converter converts; it stops here", MaxItems, what),
		"split the file, or convert the parts that matter")
}

// CheckText reports NUL bytes and invalid UTF-8, which no source format
// allows and no devenv.nix can hold, at their line, column and byte offset.
// It returns false when src must not be read further.
func CheckText(file string, src []byte, diags *ir.Diagnostics) bool {
	line, col := 1, 1
	for i := 0; i < len(src); {
		c := src[i]
		if c == 0 {
			diags.Add(ir.Pos{File: file, Line: line, Col: col}, ir.Error, ir.IDBadText,
				fmt.Sprintf("NUL byte at offset %d: this is not a text file", i), "")
			return false
		}
		if c < utf8.RuneSelf {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			diags.Add(ir.Pos{File: file, Line: line, Col: col}, ir.Error, ir.IDBadText,
				fmt.Sprintf("invalid UTF-8 at offset %d (byte 0x%02x)", i, c), "save the file as UTF-8")
			return false
		}
		i += size
		col += size
	}
	return true
}
