package shell

import (
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// A Cache holds the parsed commands of one project, so that each
// command is parsed once however many steps read it: the reader, the
// service rules, lowering, and the check of what bash rejects. A project
// carries its Cache (ir.Project.Shell) from the reader to the printer.
//
// A Cache is safe for concurrent use, and each command is parsed once
// even when several goroutines ask for it at the same time. The trees it
// returns are shared: callers read them and never change them.
//
// A nil *Cache is valid and caches nothing: each call parses.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*entry
}

// entry is one command's parse, done once.
type entry struct {
	once sync.Once
	file *syntax.File
	err  error
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]*entry{}}
}

// Parse returns the tree of src as Parse makes it, parsing src on its
// first call only: later calls with the same src return the same tree
// and error.
func (c *Cache) Parse(src string) (*syntax.File, error) {
	if c == nil {
		return Parse(src)
	}
	c.mu.Lock()
	e := c.entries[src]
	if e == nil {
		e = &entry{}
		c.entries[src] = e
	}
	c.mu.Unlock()
	parsed := false
	e.once.Do(func() {
		parsed = true
		e.file, e.err = parse(src)
	})
	if testhook.Parse != nil {
		testhook.Parse(src, parsed)
	}
	return e.file, e.err
}

// Len returns the number of distinct commands c holds.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
