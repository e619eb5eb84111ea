package emit

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// dedupEnvSimple is dedupEnv with maps, for every list.
func dedupEnvSimple(env []ir.EnvVar) []ir.EnvVar {
	last := map[string]int{}
	for i, v := range env {
		last[v.Name] = i
	}
	var out []ir.EnvVar
	seen := map[string]bool{}
	for _, v := range env {
		if seen[v.Name] {
			continue
		}
		seen[v.Name] = true
		out = append(out, env[last[v.Name]])
	}
	return out
}

// staticEnvSimple is staticEnv appending every variable it keeps.
func staticEnvSimple(p *ir.Process) []ir.EnvVar {
	var env []ir.EnvVar
	for _, v := range dedupEnvSimple(p.Env) {
		if !v.Value.HasRefs() && (!p.EnvFile.Set || !shellName.MatchString(v.Name)) {
			env = append(env, v)
		}
	}
	return env
}

// randomEnvs returns lists of variables, short and long (past ir.RepeatsName's
// pair-by-pair limit), with and without repeated names, values with and
// without references, and names bash can and cannot export.
func randomEnvs() [][]ir.EnvVar {
	names := []string{"A", "B", "PORT", "DB_URL", "x-y", "1BAD", "HOME", "C"}
	rng := rand.New(rand.NewPCG(5, 6))
	envs := [][]ir.EnvVar{nil, {}}
	for range 3000 {
		n := rng.IntN(6)
		if rng.IntN(10) == 0 {
			n = 30 + rng.IntN(10)
		}
		pool := len(names)
		if rng.IntN(2) == 0 {
			pool = 1 << 20 // unique names
		}
		var env []ir.EnvVar
		for i := range n {
			name := fmt.Sprintf("V%d", i)
			if pool < 1<<20 {
				name = names[rng.IntN(pool)]
			}
			value := ir.Plain(fmt.Sprint(i), ir.Pos{})
			if rng.IntN(4) == 0 {
				value = ir.Text{Parts: []ir.TextPart{{Ref: &ir.VarRef{Name: "HOME"}}, {Lit: "/x"}}}
			}
			env = append(env, ir.EnvVar{Name: name, Value: value})
		}
		envs = append(envs, env)
	}
	return envs
}

// TestDedupEnv checks dedupEnv and staticEnv against their simple forms.
func TestDedupEnv(t *testing.T) {
	for _, env := range randomEnvs() {
		got, want := dedupEnv(env), dedupEnvSimple(env)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("dedupEnv(%v) = %v, want %v", env, got, want)
		}
		for _, set := range []bool{false, true} {
			p := &ir.Process{Env: env, EnvFile: ir.Opt[ir.Text]{Val: ir.Plain(".env", ir.Pos{}), Set: set}}
			got, want := staticEnv(p), staticEnvSimple(p)
			if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("staticEnv(%v, env_file %v) = %v, want %v", env, set, got, want)
			}
		}
	}
}
