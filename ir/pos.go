package ir

import "strconv"

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// bytes, as YAML parsers and make do. The zero Pos means "no position".
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether p names a place in a file.
func (p Pos) IsValid() bool { return p.File != "" }

// String formats p as FILE:LINE:COL, FILE:LINE, or FILE, depending on
// what is known, and as "-" for the zero Pos.
func (p Pos) String() string {
	if p.File == "" {
		return "-"
	}
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Before reports whether p sorts before q: by file, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}
