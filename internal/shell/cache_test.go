package shell

import (
	"sync"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// countParses counts the parses done while f runs, by command.
func countParses(t *testing.T, f func()) map[string]int {
	t.Helper()
	var mu sync.Mutex
	n := map[string]int{}
	testhook.Parse = func(src string, parsed bool) {
		if parsed {
			mu.Lock()
			n[src]++
			mu.Unlock()
		}
	}
	defer func() { testhook.Parse = nil }()
	f()
	return n
}

func TestCacheParsesOnce(t *testing.T) {
	c := NewCache()
	cmds := []string{"echo a", "cd x && make", "echo 'unclosed", ""}
	var trees sync.Map
	n := countParses(t, func() {
		var wg sync.WaitGroup
		for range 8 {
			for _, cmd := range cmds {
				wg.Go(func() {
					f, err := c.Parse(cmd)
					if prev, loaded := trees.LoadOrStore(cmd, f); loaded && prev != f {
						t.Errorf("%q: two calls returned different trees", cmd)
					}
					if (err != nil) != (cmd == "echo 'unclosed") {
						t.Errorf("%q: error %v", cmd, err)
					}
				})
			}
		}
		wg.Wait()
	})
	for _, cmd := range cmds {
		if n[cmd] != 1 {
			t.Errorf("%q parsed %d times, want once", cmd, n[cmd])
		}
	}
	if c.Len() != len(cmds) {
		t.Errorf("Len = %d, want %d", c.Len(), len(cmds))
	}
}

// TestNilCache checks that a nil Cache parses on every call, and that
// BashSyntax reads the tree it caches.
func TestNilCache(t *testing.T) {
	var c *Cache
	n := countParses(t, func() {
		for range 2 {
			if _, err := c.Parse("echo a"); err != nil {
				t.Fatal(err)
			}
		}
	})
	if n["echo a"] != 2 || c.Len() != 0 {
		t.Errorf("nil cache: %d parses, Len %d; want 2 and 0", n["echo a"], c.Len())
	}
	c = NewCache()
	n = countParses(t, func() {
		c.Parse("echo 'x")
		if c.BashSyntax("echo 'x") == nil {
			t.Error("BashSyntax: no error for an unclosed quote")
		}
	})
	if n["echo 'x"] != 1 {
		t.Errorf("Parse then BashSyntax parsed %d times, want once", n["echo 'x"])
	}
}
