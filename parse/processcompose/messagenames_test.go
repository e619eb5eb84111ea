package processcompose

import (
	"strings"
	"testing"
)

func TestNameMaker(t *testing.T) {
	long := strings.Repeat("x", nameBlock+1)
	tests := [][]string{
		nil,
		{""},
		{"process ", `"web"`},
		{"availability.", "restart", " of process ", `"web"`},
		{long},
		{"a", long, "b"},
		{strings.Repeat("y", nameBlock-3), "z"},
	}
	// Many rounds fill blocks, so that names are made across their ends;
	// every name made must stay as it was.
	var m nameMaker
	var made, want []string
	for range 200 {
		for _, parts := range tests {
			made = append(made, m.join(parts...))
			want = append(want, strings.Join(parts, ""))
		}
	}
	for i := range made {
		if made[i] != want[i] {
			t.Fatalf("name %d is %.40q, want %.40q", i, made[i], want[i])
		}
	}
}
