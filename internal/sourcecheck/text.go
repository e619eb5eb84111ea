package sourcecheck

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/pc2devenv/pc2devenv/ir"
)

// CheckText reports NUL bytes and invalid UTF-8, which no source format
// allows and no devenv.nix can hold, at their line, column and byte offset.
// It returns false when src must not be read further.
func CheckText(file string, src []byte, diags *ir.Diagnostics) bool {
	line, col := 1, 1
	for i := 0; i < len(src); {
		c := src[i]
		if c == 0 {
			diags.Add(ir.Pos{File: file, Line: line, Col: col}, ir.IDBadText,
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
			diags.Add(ir.Pos{File: file, Line: line, Col: col}, ir.IDBadText,
				fmt.Sprintf("invalid UTF-8 at offset %d (byte 0x%02x)", i, c), "save the file as UTF-8")
			return false
		}
		i += size
		col += size
	}
	return true
}

// bom is the UTF-8 byte-order mark.
var bom = []byte("\xef\xbb\xbf")

// CutBOM returns src without the UTF-8 byte-order mark it starts with,
// and whether it started with one. Procfiles and .env files must not: the
// runners read the mark as part of the first line.
func CutBOM(src []byte) ([]byte, bool) { return bytes.CutPrefix(src, bom) }

// IsNameByte reports whether c can be part of a shell variable's name:
// a letter, a digit or "_" (in ASCII).
func IsNameByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
