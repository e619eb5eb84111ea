package ir

import (
	"slices"
	"testing"
)

func TestReplicaName(t *testing.T) {
	for _, c := range []struct {
		group string
		i, n  int
		want  string
	}{
		{"web", 0, 2, "web-0"},
		{"web", 9, 10, "web-09"},
		{"web", 10, 11, "web-10"},
		{"db.web", 3, 100, "db.web-003"},
	} {
		if got := ReplicaName(c.group, c.i, c.n); got != c.want {
			t.Errorf("ReplicaName(%q, %d, %d) = %q, want %q", c.group, c.i, c.n, got, c.want)
		}
	}
}

// TestReplicate checks the copies of a process: names, numbers, the
// PC_REPLICA_NUM variable before the process's own, and the renderings of
// PerReplica where the process has them.
func TestReplicate(t *testing.T) {
	at := Pos{File: "a.yml", Line: 3, Col: 15}
	env := []EnvVar{{Name: "A", Value: Plain("a", Pos{})}}
	same := &Process{Name: "w", Command: Plain("run", Pos{}), Env: env, Replicas: Some(2, at)}
	per := &Process{Name: "p", Replicas: Some(2, at), PerReplica: []*Process{
		{Name: "p", Command: Plain("run 0", Pos{}), Env: env},
		{Name: "p", Command: Plain("run 1", Pos{}), Env: env},
	}}
	for _, c := range []struct {
		p        *Process
		names    []string
		commands []string
	}{
		{same, []string{"w-0", "w-1"}, []string{"run", "run"}},
		{per, []string{"p-0", "p-1"}, []string{"run 0", "run 1"}},
		{&Process{Name: "one"}, nil, nil},
	} {
		reps := c.p.Replicate()
		var names, commands []string
		for i, r := range reps {
			names = append(names, r.Name)
			commands = append(commands, r.Command.Shell())
			if r.Replica == nil || r.Replica.Group != c.p.Name || r.Replica.Num != i || r.Replica.Count != len(reps) || r.Replica.Pos != at {
				t.Errorf("%s: Replica %+v", r.Name, r.Replica)
			}
			if len(r.Env) != 2 || r.Env[0].Name != "PC_REPLICA_NUM" || r.Env[0].Value.Shell() != names[i][len(names[i])-1:] || r.Env[1].Name != "A" {
				t.Errorf("%s: environment %v", r.Name, r.Env)
			}
			if r.PerReplica != nil || r.Replicate() != nil {
				t.Errorf("%s: a copy has copies", r.Name)
			}
		}
		if !slices.Equal(names, c.names) || !slices.Equal(commands, c.commands) {
			t.Errorf("%s: copies %q running %q, want %q running %q", c.p.Name, names, commands, c.names, c.commands)
		}
	}
	if len(same.Env) != 1 {
		t.Errorf("Replicate changed the process's environment: %v", same.Env)
	}
}

// TestExpandReplicas checks which processes are expanded, and how
// dependencies on them fan out.
func TestExpandReplicas(t *testing.T) {
	web := &Process{Name: "web", Replicas: Some(3, Pos{})}
	job := &Process{Name: "job", Replicas: Some(2, Pos{})}
	proxy := &Process{Name: "proxy", DependsOn: []Dependency{
		{Name: "web", Condition: ProcessHealthy},
		{Name: "web-1", Condition: ProcessStarted},
		{Name: "job", Condition: ProcessCompleted},
	}}
	procs := []*Process{web, job, proxy}
	out := ExpandReplicas(procs, func(p *Process) bool { return p == web })
	var names []string
	for _, p := range out {
		names = append(names, p.Name)
	}
	if want := []string{"web-0", "web-1", "web-2", "job", "proxy"}; !slices.Equal(names, want) {
		t.Errorf("processes %q, want %q", names, want)
	}
	var deps []string
	for _, d := range out[len(out)-1].DependsOn {
		deps = append(deps, d.Name+" "+string(d.Condition))
	}
	want := []string{"web-0 process_healthy", "web-2 process_healthy", "web-1 process_started", "job process_completed"}
	if !slices.Equal(deps, want) {
		t.Errorf("proxy depends on %q, want %q", deps, want)
	}
	if len(proxy.DependsOn) != 3 || proxy.DependsOn[0].Name != "web" {
		t.Errorf("ExpandReplicas changed the project's process: %v", proxy.DependsOn)
	}
	if got := ExpandReplicas(procs, func(*Process) bool { return false }); &got[0] != &procs[0] {
		t.Errorf("nothing to expand, but a new list")
	}
}
