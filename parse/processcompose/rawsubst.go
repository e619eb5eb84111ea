package processcompose

import (
	"bytes"

	"github.com/pc2devenv/pc2devenv/ir"
)

// malformedSubst returns the problems with ID ir.IDBadExpansion that
// scanSubst finds in src, in the same order and at the same offsets, for
// checkRawSubst. It reads src in place and makes no text: only each
// ${...} it meets is copied, to be read by scanRef.
func malformedSubst(src []byte) []substProblem {
	var problems []substProblem
	// keep keeps p, found in the reference at src[at].
	keep := func(p substProblem, at int) {
		if p.id == ir.IDBadExpansion {
			p.offset += at
			problems = append(problems, p)
		}
	}
	for i := 0; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], '$')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(src) {
			break
		}
		switch src[i+1] {
		case '$':
			i++
		case '{':
			// The reference ends where scanRef finds its end, the
			// matching brace: only that much of src is its text.
			end := refEnd(src, i)
			ref, n, prob := scanRef(string(src[i:end]), 0)
			if prob != nil && (ref == nil || shellName(ref.Name)) {
				keep(*prob, i)
			}
			if ref != nil && !shellName(ref.Name) {
				_, nested := unsetValue(ref, ir.Pos{}, len(ref.Raw)-1-len(ref.Arg))
				for _, p := range nested {
					keep(p, i)
				}
			}
			i += n - 1
		}
	}
	return problems
}

// refEnd returns the offset just after the brace that closes the ${ at
// src[i], as scanRef finds it, or len(src) when none does.
func refEnd(src []byte, i int) int {
	depth := 0
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(src)
}
