package rules

import (
	"testing"
	"unsafe"
)

// TestFindingSize guards the size of a finding, which a match holds
// findingsCap of by value: a field added in the open grows every match.
// Put a large, rarely set field behind a pointer instead.
func TestFindingSize(t *testing.T) {
	const max = 296
	if n := unsafe.Sizeof(finding{}); n > max {
		t.Errorf("unsafe.Sizeof(finding{}) = %d, want at most %d", n, max)
	}
}
