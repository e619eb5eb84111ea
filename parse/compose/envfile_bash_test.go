package compose

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnvFileReaders checks which env_files bash, sourcing them, and
// docker run --env-file, reading them literally, read as docker compose
// does.
func TestEnvFileReaders(t *testing.T) {
	tests := []struct {
		src          string
		bash, docker bool
	}{
		{src: "A=1\nB=two\n", bash: true, docker: true},
		{src: "# comment\n\nA=postgres://u@db:5432/app\n", bash: true, docker: true},
		{src: "A=\"quoted\"\n", bash: true, docker: false},
		{src: "A='single $x'\n", bash: true, docker: false},
		{src: "A=${B:-x}/y\n", bash: true, docker: false},
		{src: "export A=1\n", bash: true, docker: false},
		{src: "A=1 # trailing\n", bash: true, docker: false},
		{src: "A=hello world\n", bash: false, docker: true},
		{src: "A: 1\n", bash: false, docker: false},
		{src: "A\n", bash: false, docker: false},
		{src: "A=\"esc\\n\"\n", bash: false, docker: false},
		{src: "A=\"$(date)\"\n", bash: false, docker: false},
		{src: "A='x'#y\n", bash: false, docker: false},
		{src: "discovery.type=single-node\n", bash: false, docker: true},
		{src: "A=a;b\n", bash: false, docker: true},
	}
	for _, tt := range tests {
		vars, d := readDotenv(".env", []byte(tt.src), func(string) (string, bool) { return "", false })
		if d != nil {
			t.Errorf("%q: %v", tt.src, d)
			continue
		}
		if got := bashReadsAlike([]byte(tt.src)); got != tt.bash {
			t.Errorf("bashReadsAlike(%q) = %v, want %v", tt.src, got, tt.bash)
		}
		if tt.bash {
			checkBashReads(t, tt.src, vars)
		}
		if got := dockerReadsAlike([]byte(tt.src), vars); got != tt.docker {
			t.Errorf("dockerReadsAlike(%q) = %v, want %v (compose reads %+v)", tt.src, got, tt.docker, vars)
		}
	}
}

// checkBashReads sources src with the real bash, in an empty
// environment, and compares what it sets with compose's reading.
func checkBashReads(t *testing.T, src string, vars []Var) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to source the env_files with")
	}
	f := filepath.Join(t.TempDir(), "env")
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		cmd := exec.Command(bash, "-c", `set -a; . "$1"; printf %s "${!2}"`, "bash", f, v.Name)
		cmd.Env = []string{}
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("bash cannot source %q: %v", src, err)
			return
		}
		if got := string(out); got != v.Value {
			t.Errorf("bash reads %s=%q from %q, compose %q", v.Name, got, strings.TrimSpace(src), v.Value)
		}
	}
}
