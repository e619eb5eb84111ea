package processcompose

import "strings"

// nameBlock is the size of the blocks a nameMaker joins names into.
const nameBlock = 1024

// nameMaker makes the names that messages give values ("restart of
// availability of process \"web\""). The reader names every value it
// reads, while few names ever reach a message: rather than one allocation
// each, a nameMaker joins them into shared blocks.
//
// A name is a string taken from a strings.Builder, which stays as it is
// while the Builder appends after it; a full block is let go (Reset) and
// a new one started, and the names taken from it keep it alive.
type nameMaker struct {
	b strings.Builder
}

// join returns the concatenation of parts.
func (m *nameMaker) join(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	if m.b.Cap()-m.b.Len() < n {
		m.b.Reset()
		m.b.Grow(max(n, nameBlock))
	}
	start := m.b.Len()
	for _, p := range parts {
		m.b.WriteString(p)
	}
	return m.b.String()[start:]
}
