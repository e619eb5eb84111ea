package ir

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// An Entry is a diagnostic identifier's page in the catalogue: what
// `pc2devenv explain` prints, and what docs/diagnostics.md lists.
type Entry struct {
	ID ID
	// Name is a short kebab-case name for the ID, such as "unknown-key",
	// which explain accepts too and --format json reports.
	Name string
	// Severity is the severity a diagnostic with this ID has; Also lists
	// the other severities it may have, each for a reason the
	// Explanation gives (Diagnostics.AddAs).
	Severity Severity
	Also     []Severity
	// Summary says in one line what the diagnostic is about.
	Summary string
	// Explanation says what it means, why the converter reports it, what
	// to do about it, and gives a short example: paragraphs separated by
	// blank lines, the example's lines indented by four spaces.
	Explanation string
}

// Allows reports whether a diagnostic with e's ID may have severity sev.
func (e Entry) Allows(sev Severity) bool {
	return sev == e.Severity || slices.Contains(e.Also, sev)
}

// tables are the catalogue's entries, one table per range of IDs, each
// in the catalogue_*.go file beside the ids*.go file of the range.
var tables = [][]Entry{
	readEntries,
	processComposeEntries,
	lowerEntries,
	rulesEntries,
	procfileEntries,
	makefileEntries,
	commandLineEntries,
	batchEntries,
	limitsEntries,
	composeEntries,
}

// byID and byName index the catalogue by ID and by name. Each is built on
// first use rather than at start-up: a conversion that reports nothing
// needs neither, and only explain looks names up.
var (
	byID = sync.OnceValue(func() map[ID]*Entry {
		return index(func(e *Entry) ID { return e.ID })
	})
	byName = sync.OnceValue(func() map[string]*Entry {
		return index(func(e *Entry) string { return e.Name })
	})
)

// index maps key(e) to e for every entry of tables. It panics if two
// entries have the same key.
func index[K comparable](key func(e *Entry) K) map[K]*Entry {
	m := map[K]*Entry{}
	for _, t := range tables {
		for i := range t {
			e := &t[i]
			k := key(e)
			if m[k] != nil {
				panic(fmt.Sprintf("ir: catalogue entry %s (%s) twice", e.ID, e.Name))
			}
			m[k] = e
		}
	}
	return m
}

// Lookup returns the catalogue entry of id.
func Lookup(id ID) (Entry, bool) {
	if e := byID()[id]; e != nil {
		return *e, true
	}
	return Entry{}, false
}

// LookupName returns the catalogue entry named by s: an ID such as
// "PC010" (in any case) or a name such as "unknown-key".
func LookupName(s string) (Entry, bool) {
	if e, ok := Lookup(ID(strings.ToUpper(s))); ok {
		return e, true
	}
	if e := byName()[strings.ToLower(s)]; e != nil {
		return *e, true
	}
	return Entry{}, false
}

// Catalogue returns every entry, ordered by ID.
func Catalogue() []Entry {
	var all []Entry
	for _, t := range tables {
		all = append(all, t...)
	}
	slices.SortFunc(all, func(a, b Entry) int { return strings.Compare(string(a.ID), string(b.ID)) })
	return all
}

// Name returns the kebab-case name of id, or "" for an ID the catalogue
// does not hold.
func (id ID) Name() string {
	if e := byID()[id]; e != nil {
		return e.Name
	}
	return ""
}

// severity returns the severity id's entry gives, and Error for an ID the
// catalogue does not hold (a test keeps every ID in it).
func (id ID) severity() Severity {
	if e := byID()[id]; e != nil {
		return e.Severity
	}
	return Error
}
