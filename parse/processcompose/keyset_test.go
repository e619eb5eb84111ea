package processcompose

import (
	"fmt"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// TestKeySet checks keySet against a map, below and past the size at
// which it starts using one.
func TestKeySet(t *testing.T) {
	for _, n := range []int{0, 1, smallKeySet - 1, smallKeySet, smallKeySet + 1, 3 * smallKeySet} {
		var s keySet
		want := map[string]*yaml.Node{}
		for i := range 2 * n {
			key := fmt.Sprint(i % (n + 1))
			node := &yaml.Node{Value: fmt.Sprint(i)}
			if got := s.get(key); got != want[key] {
				t.Fatalf("n=%d: get(%q) = %v, want %v", n, key, got, want[key])
			}
			s.set(key, node)
			want[key] = node
		}
		for i := range n + 2 {
			key := fmt.Sprint(i)
			if got := s.get(key); got != want[key] {
				t.Errorf("n=%d: get(%q) = %v, want %v", n, key, got, want[key])
			}
		}
	}
}
