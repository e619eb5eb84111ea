package processcompose

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/ir"
)

// readFiles reads files given as name, content pairs, merged in order;
// extends are read from the same set.
func readFiles(t *testing.T, files ...string) (*ir.Project, []string) {
	t.Helper()
	byName := map[string][]byte{}
	var list []File
	for i := 0; i+1 < len(files); i += 2 {
		byName[files[i]] = []byte(files[i+1])
		if !strings.HasPrefix(files[i], "ext/") {
			list = append(list, File{Path: files[i], Content: []byte(files[i+1])})
		}
	}
	p, diags := ReadFiles(list, Options{ReadFile: func(path string) ([]byte, error) {
		if b, ok := byName[path]; ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}})
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.Pos.String()+" "+string(d.ID))
	}
	return p, ds
}

func envOf(p *ir.Process) string {
	var s []string
	for _, v := range p.Env {
		s = append(s, v.Name+"="+v.Value.Shell())
	}
	return strings.Join(s, " ")
}

func TestMergeRules(t *testing.T) {
	p, diags := readFiles(t, "a.yml", `
environment: ["A=1", "URL=http://x?a=b"]
processes:
  web:
    command: base
    working_dir: /a
    disabled: true
    environment: ["X=1", "Y=2", "Z=3"]
    depends_on: {db: {condition: process_healthy}}
    success_exit_codes: [1]
    namespace: [a, b]
    availability: {restart: always, max_restarts: 3}
  db:
    command: db
`, "b.yml", `
environment: ["A=2"]
processes:
  web:
    command: over
    working_dir: ""
    disabled: false
    environment: ["Y=two", "Z="]
    depends_on: {db: {condition: process_started}}
    success_exit_codes: [2]
    namespace: c
    availability: {max_restarts: 5}
`)
	web := p.Process("web")
	if web.Command.Shell() != "over" {
		t.Errorf("command = %q: a later non-zero value wins", web.Command.Shell())
	}
	if web.Cwd.Val.Shell() != "/a" {
		t.Errorf("working_dir = %q: an empty value never overrides", web.Cwd.Val.Shell())
	}
	if !web.Disabled.Val {
		t.Error("disabled: false overrode true; a zero value never overrides")
	}
	if got := envOf(web); got != "X=1 Y=two Z=3" {
		t.Errorf("env = %q: merged by name, later wins, an empty value does not", got)
	}
	if got := fmt.Sprint(web.DependsOn[0].Condition); got != "process_started" {
		t.Errorf("depends_on.db = %s: merged by name, later wins", got)
	}
	if got := fmt.Sprintf("%s %d", web.Restart.Policy.Val, web.Restart.MaxRestarts.Val); got != "always 5" {
		t.Errorf("availability = %s: merged key by key", got)
	}
	var codes, ns string
	for _, f := range web.Extra {
		switch f.Key {
		case "success_exit_codes":
			for _, v := range f.Value.List {
				codes += fmt.Sprint(v.Int)
			}
		case "namespace":
			ns = f.Value.Str.Shell()
		}
	}
	if codes != "12" || ns != "c" {
		t.Errorf("success_exit_codes = %s (appended), namespace = %s (replaced)", codes, ns)
	}
	if got := envOf(&ir.Process{Env: p.Env}); got != "A=2 URL=http://x?a=b" {
		t.Errorf("global env = %q", got)
	}
	// The command of web keeps the position of the file it came from.
	if web.Command.Pos.File != "b.yml" || web.Cwd.Val.Pos.File != "a.yml" {
		t.Errorf("positions: command %v, working_dir %v", web.Command.Pos, web.Cwd.Val.Pos)
	}
	want := []string{
		"a.yml:2:22 PC031", // URL=…?a=b is dropped by process-compose's merge
		"b.yml:6:5 PC030",  // working_dir: ""
		"b.yml:7:5 PC030",  // disabled: false
		"b.yml:8:28 PC030", // Z=
	}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	// Keys the merge used up are in the report, consumed.
	consumed := map[string]bool{}
	for _, k := range p.Keys {
		if k.Consumed != "" {
			consumed[k.Pos.String()+" "+k.Path.String()] = true
		}
	}
	for _, k := range []string{"a.yml:5:5 processes.web.command", "b.yml:6:5 processes.web.working_dir", "a.yml:9:18 processes.web.depends_on.db", "a.yml:9:23 processes.web.depends_on.db.condition"} {
		if !consumed[k] {
			t.Errorf("%s is not recorded as consumed; consumed: %v", k, consumed)
		}
	}
	// Keys that survive the merge are not.
	for _, k := range []string{"a.yml:14:5 processes.db.command", "a.yml:8:19 processes.web.environment.X", "a.yml:12:20 processes.web.availability.restart"} {
		if consumed[k] {
			t.Errorf("%s is recorded as consumed, but it survives the merge", k)
		}
	}
}

func TestTopLevelExtends(t *testing.T) {
	p, diags := readFiles(t,
		"proj/pc.yml", "extends: ../ext/base.yml\nprocesses:\n  api:\n    command: top\n",
		"ext/base.yml", "processes:\n  api:\n    command: base\n    working_dir: srv\n  db:\n    command: db\n",
	)
	if len(diags) != 1 || !strings.HasSuffix(diags[0], "PC046") {
		t.Errorf("diagnostics: %v", diags)
	}
	api, db := p.Process("api"), p.Process("db")
	if api.Command.Shell() != "top" || api.Cwd.Val.Shell() != "../ext/srv" || db.Cwd.Val.Shell() != "../ext" {
		t.Errorf("api: %q in %q; db in %q", api.Command.Shell(), api.Cwd.Val.Shell(), db.Cwd.Val.Shell())
	}
	if len(p.Sources) != 2 || p.Sources[0].Path != "ext/base.yml" {
		t.Errorf("sources %v: the extended file first", p.Sources)
	}
	_, diags = readFiles(t, "a.yml", "extends: a.yml\nprocesses: {x: {command: x}}\n")
	if len(diags) != 1 || diags[0] != "a.yml:1:10 PC032" {
		t.Errorf("self extends: %v", diags)
	}
}

func TestProcessExtends(t *testing.T) {
	p, diags := readFiles(t, "a.yml", `
processes:
  base:
    command: base
    environment: [A=1, B=2]
  mid:
    extends: base
    environment: [B=3]
  leaf:
    extends: mid
    command: leaf
`)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	leaf := p.Process("leaf")
	if leaf.Command.Shell() != "leaf" || envOf(leaf) != "A=1 B=3" {
		t.Errorf("leaf: %q %q", leaf.Command.Shell(), envOf(leaf))
	}
}

func TestTemplates(t *testing.T) {
	p, diags := readFiles(t, "a.yml", `
vars: {N: 1, M: {k: v}}
processes:
  a:
    vars: {N: 2}
    command: "echo {{.N}} {{.M.k}} {{.PC_REPLICA_NUM}} {{.X}} ${HOME} '{{ \"{{\" }}'"
    environment: ["V={{.N}}${HOME}"]
  b:
    command: "echo {{.N}}"
    is_template_disabled: true
    working_dir: "/{{.N}}"
`)
	a, b := p.Process("a"), p.Process("b")
	if got := a.Command.Shell(); got != "echo 2 v 0 <no value> ${HOME} '{{'" {
		t.Errorf("a: %q", got)
	}
	if !a.Command.HasRefs() || !a.Env[0].Value.HasRefs() || envOf(a) != "V=2${HOME}" {
		t.Errorf("references lost: %v %q", a.Command.HasRefs(), envOf(a))
	}
	if b.Command.Shell() != "echo {{.N}}" || b.Cwd.Val.Shell() != "/1" {
		t.Errorf("b: %q in %q", b.Command.Shell(), b.Cwd.Val.Shell())
	}
	if len(diags) != 1 || !strings.HasSuffix(diags[0], "PC035") {
		t.Errorf("diagnostics: %v", diags)
	}
}

// TestReplicaNames checks that a process with replicas stays one process,
// whose copies are named as process-compose names them and render their
// own templates, and that a dependency on the group fans out to every
// copy the dependent does not name itself.
func TestReplicaNames(t *testing.T) {
	p, _ := readFiles(t, "a.yml", `
processes:
  w:
    command: "run {{.PC_REPLICA_NUM}}"
    replicas: 10
  same:
    command: "run $${PC_REPLICA_NUM}"
    replicas: 2
  d:
    command: d
    depends_on: {w: {condition: process_started}, w-03: {condition: process_completed}}
`)
	var names []string
	for _, proc := range p.Processes {
		names = append(names, proc.Name)
	}
	if !slices.Equal(names, []string{"w", "same", "d"}) {
		t.Fatalf("processes %v, want w, same and d", names)
	}
	if w := p.Process("w"); len(w.PerReplica) != 10 {
		t.Errorf("w has %d renderings, want one per replica", len(w.PerReplica))
	}
	if same := p.Process("same"); same.PerReplica != nil {
		t.Errorf("the replicas of same render alike, but it keeps %d renderings", len(same.PerReplica))
	}
	procs := ir.ExpandReplicas(p.Processes, func(*ir.Process) bool { return true })
	byName := map[string]*ir.Process{}
	names = nil
	for _, proc := range procs {
		byName[proc.Name] = proc
		names = append(names, proc.Name)
	}
	if names[0] != "w-00" || names[9] != "w-09" || names[10] != "same-0" || byName["w-07"].Command.Shell() != "run 7" {
		t.Errorf("names %v, w-07 runs %q", names, byName["w-07"].Command.Shell())
	}
	if env := byName["w-07"].Env; len(env) == 0 || env[0].Name != "PC_REPLICA_NUM" || env[0].Value.Shell() != "7" {
		t.Errorf("w-07's environment %v does not start with PC_REPLICA_NUM=7", env)
	}
	d := byName["d"]
	if len(d.DependsOn) != 10 {
		t.Errorf("d depends on %d processes, want every replica once", len(d.DependsOn))
	}
	for _, dep := range d.DependsOn {
		if dep.Name == "w-03" && dep.Condition != ir.ProcessCompleted {
			t.Errorf("the explicit dependency on w-03 was replaced: %v", dep)
		}
	}
	if len(p.Process("d").DependsOn) != 2 {
		t.Errorf("expanding changed the project's process d: %v", p.Process("d").DependsOn)
	}
}

func TestCommentSubstitution(t *testing.T) {
	for src, want := range map[string]int{
		"# ${ broken\nprocesses: {a: {command: a}}\n":                            1,
		"disable_env_expansion: true\n# ${ fine\nprocesses: {a: {command: a}}\n": 0,
		"# $${ escaped\nprocesses: {a: {command: a}}\n":                          0,
	} {
		_, diags := readFiles(t, "a.yml", src)
		n := 0
		for _, d := range diags {
			if strings.HasSuffix(d, "PC023") {
				n++
			}
		}
		if n != want {
			t.Errorf("%q: %d PC023, want %d (%v)", src, n, want, diags)
		}
	}
}
