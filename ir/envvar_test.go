package ir

import (
	"fmt"
	"testing"
)

// TestRepeatsName checks RepeatsName on short lists, compared pair by
// pair, and on lists past that limit, checked with a map.
func TestRepeatsName(t *testing.T) {
	env := func(names ...string) []EnvVar {
		var e []EnvVar
		for _, n := range names {
			e = append(e, EnvVar{Name: n})
		}
		return e
	}
	long := func(n int, repeat bool) []EnvVar {
		var e []EnvVar
		for i := range n {
			e = append(e, EnvVar{Name: fmt.Sprint("V", i)})
		}
		if repeat {
			e = append(e, EnvVar{Name: "V3"})
		}
		return e
	}
	for _, tc := range []struct {
		name string
		env  []EnvVar
		want bool
	}{
		{"nil", nil, false},
		{"one", env("A"), false},
		{"distinct", env("A", "B", "C"), false},
		{"adjacent", env("A", "A"), true},
		{"apart", env("A", "B", "C", "A"), true},
		{"case differs", env("a", "A"), false},
		{"long distinct", long(40, false), false},
		{"long repeat", long(40, true), true},
		{"at the limit", long(31, true), true},
	} {
		if got := RepeatsName(tc.env); got != tc.want {
			t.Errorf("%s: RepeatsName = %v, want %v", tc.name, got, tc.want)
		}
	}
}
