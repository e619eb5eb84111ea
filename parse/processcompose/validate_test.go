package processcompose

import (
	"reflect"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestReadByName checks readByName, which gives read itself when no
// process has replicas, against the slow path, a map made for procs.
func TestReadByName(t *testing.T) {
	tests := []struct {
		name     string
		replicas []int // of each process; 0 for none
	}{
		{"none", nil},
		{"no replicas", []int{0, 0, 0}},
		{"one replica", []int{0, 1}},
		{"replicas", []int{0, 3, 2}},
	}
	for _, tt := range tests {
		var source []*ir.Process
		read := map[string]*pcProcess{}
		for i, n := range tt.replicas {
			p := &ir.Process{Name: string(rune('a' + i))}
			if n > 0 {
				p.Replicas = ir.Some(n, ir.Pos{})
			}
			source = append(source, p)
			read[p.Name] = &pcProcess{p: p}
		}
		procs := ir.ExpandReplicas(source, func(*ir.Process) bool { return true })
		want := make(map[string]*pcProcess, len(procs))
		for _, p := range procs {
			want[p.Name] = read[nameOf(p)]
		}
		if got := readByName(procs, read); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: readByName gives %v, want %v", tt.name, got, want)
		}
	}
}
