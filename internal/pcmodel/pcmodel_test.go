package pcmodel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSubstitute(t *testing.T) {
	env := map[string]string{"SET": "v", "EMPTY": "", "PATHY": "a/b/c.txt", "low": "x"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct{ in, want string }{
		{"${SET} ${UNSET} $SET $$SET $${SET}", "v  $SET $SET ${SET}"},
		{"${UNSET:-d} ${EMPTY:-d} ${SET:-d} ${UNSET:=d} ${UNSET=d}", "d d v d d"},
		{"${UNSET:+alt} ${SET:+alt} ${UNSET:?msg}", "alt v msg"},
		{"${#SET} ${SET^^} ${PATHY#*/} ${PATHY##*/} ${PATHY%/*} ${PATHY%%/*}", "1 V b/c.txt c.txt a/b a"},
		{"${PATHY/b/B} ${SET//v/w} ${PATHY:2:3} ${1} ${UNSET:-${SET}}", "a/B/c.txt w b/c  v"},
		{"$(echo) $5 ${low}", "$(echo) $5 x"},
	}
	for _, tt := range tests {
		got, err := Substitute(tt.in, lookup)
		if err != nil || got != tt.want {
			t.Errorf("Substitute(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"${", "x ${ y", "${-}", "${A-b}"} {
		if _, err := Substitute(bad, lookup); err == nil {
			t.Errorf("Substitute(%q): no error", bad)
		}
	}
}

func TestReadDotenv(t *testing.T) {
	src := "# c\nA=1\nexport B = two words # comment\nC: 'lit $A'\nD=\"x\\ny $A ${B}\"\nE=$A-\\$A\nM='multi\nline'\n"
	got, err := ReadDotenv(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Var{{"A", "1"}, {"B", "two words"}, {"C", "lit $A"}, {"D", "x\ny 1 two words"}, {"E", "1-$A"}, {"M", "multi\nline"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ReadDotenv("A=\"unclosed\n"); err == nil {
		t.Error("an unclosed quote: no error")
	}
}

// TestLoadRuntime loads a project as process-compose runs it: substituted
// from the environment, templates rendered, dependencies on a replicated
// group expanded, files extended from another directory anchored there.
func TestLoadRuntime(t *testing.T) {
	files := map[string]string{
		"/p/process-compose.yml": `extends: base/pc.yml
vars: {V: fromvar}
processes:
  web:
    command: "run {{ or \"${X}\" .V }} ${Y:-dy}"
    working_dir: ./web
    depends_on:
      db: {condition: process_healthy}
      workers: {}
    readiness_probe: {http_get: {port: "${PORT}"}}
  workers:
    command: w
    replicas: 2
`,
		"/p/base/pc.yml": "processes:\n  db:\n    command: db\n    is_daemon: true\n    shutdown: {command: stop, signal: 2}\n",
	}
	read := func(f string) ([]byte, error) { return []byte(files[f]), nil }
	lookup := func(k string) (string, bool) {
		v, ok := map[string]string{"X": "fromenv", "PORT": "80"}[k]
		return v, ok
	}
	proj, err := Load([]string{"/p/process-compose.yml"}, Options{Read: read, Lookup: lookup, Dir: "/p"})
	if err != nil {
		t.Fatal(err)
	}
	web, db := proj.Proc("web"), proj.Proc("db")
	if web == nil || db == nil || proj.Proc("workers-0") == nil {
		t.Fatalf("processes: %+v", proj.Procs)
	}
	if web.Command != "run fromenv dy" || web.WorkingDir != "./web" || web.Readiness == nil || web.Readiness.HTTPPort != "80" {
		t.Errorf("web: %+v", web)
	}
	wantDeps := []Dep{{"db", "process_healthy"}, {"workers-0", "process_completed"}, {"workers-1", "process_completed"}}
	if diff := cmp.Diff(wantDeps, web.DependsOn); diff != "" {
		t.Errorf("web's depends_on (-want +got):\n%s", diff)
	}
	if !db.Daemon || db.Shutdown.Command != "stop" || db.Shutdown.Signal != 2 || db.WorkingDir != "base" {
		t.Errorf("db: %+v", db)
	}
}
