package rules

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// dedupEnvSimple is dedupEnv with a map, for every list.
func dedupEnvSimple(env []ir.EnvVar) []ir.EnvVar {
	last := map[string]int{}
	for i, v := range env {
		last[v.Name] = i
	}
	var out []ir.EnvVar
	for i, v := range env {
		if last[v.Name] == i {
			out = append(out, v)
		}
	}
	return out
}

// TestDedupEnv checks dedupEnv against its simple form on short and long
// lists (past ir.RepeatsName's pair-by-pair limit), with and without
// repeated names.
func TestDedupEnv(t *testing.T) {
	names := []string{"A", "B", "PGDATA", "PORT", "C"}
	rng := rand.New(rand.NewPCG(7, 8))
	envs := [][]ir.EnvVar{nil, {}}
	for range 3000 {
		n := rng.IntN(7)
		if rng.IntN(10) == 0 {
			n = 30 + rng.IntN(10)
		}
		unique := rng.IntN(2) == 0
		var env []ir.EnvVar
		for i := range n {
			name := fmt.Sprintf("V%d", i)
			if !unique {
				name = names[rng.IntN(len(names))]
			}
			env = append(env, ir.EnvVar{Name: name, Value: ir.Plain(fmt.Sprint(i), ir.Pos{})})
		}
		envs = append(envs, env)
	}
	for _, env := range envs {
		got, want := dedupEnv(env), dedupEnvSimple(env)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("dedupEnv(%v) = %v, want %v", env, got, want)
		}
	}
}
