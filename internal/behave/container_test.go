package behave

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestNormaliseContainer(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "api.env"), []byte("# comment\nFROM_FILE=literal \"kept\"\n  INDENTED=1\nHOST_ONLY\nSHARED=file\n"), 0o644)
	base := map[string]string{"HOME": "/home/u", "SAME": "x"}
	env := map[string]string{"HOME": "/home/u", "SAME": "x", "HOST_ONLY": "from-engine", "TOKEN": "t0k", "PATH": "/stubs:"}
	tests := []struct {
		name     string
		program  string
		args     []string
		wantArgs []string
		wantEnv  []string
		ok       bool
	}{
		{
			name:     "engine flags left out",
			program:  "docker",
			args:     []string{"run", "--rm", "--name", "shop-api", "--network", "host", "--add-host", "a:127.0.0.1", "-p", "8080:8080", "-v", "./c:/c:ro", "--init", "acme/api:1", "serve", "--port", "8080"},
			wantArgs: []string{"acme/api:1", "serve", "--port", "8080"},
			ok:       true,
		},
		{
			name:     "environment from -e, -e NAME and --env-file, flags after the file",
			program:  "podman",
			args:     []string{"run", "--env-file", "api.env", "-e", "SHARED=flag", "-e", "TOKEN", "-e", "UNSET", "--env=SAME=x", "-e", "SAME2=x", "img"},
			wantArgs: []string{"img"},
			wantEnv:  []string{"FROM_FILE=literal \"kept\"", "HOST_ONLY=from-engine", "INDENTED=1", "SAME2=x", "SHARED=flag", "TOKEN=t0k"},
			ok:       true,
		},
		{
			name:     "working directory and entrypoint",
			program:  "docker",
			args:     []string{"container", "run", "-w", "/srv", "--entrypoint", "/bin/api", "img", "--verbose"},
			wantArgs: []string{"-w", "/srv", "img", "/bin/api", "--verbose"},
			ok:       true,
		},
		{
			name:     "an empty entrypoint adds nothing; -- ends the options",
			program:  "docker",
			args:     []string{"run", "--entrypoint=", "--", "img", "-x"},
			wantArgs: []string{"img", "-x"},
			ok:       true,
		},
		{
			name:     "exec drops the container's name",
			program:  "docker",
			args:     []string{"exec", "-it", "shop-db", "sh", "-c", "pg_isready"},
			wantArgs: []string{"exec", "sh", "-c", "pg_isready"},
			ok:       true,
		},
		{name: "other verbs are not containers", program: "docker", args: []string{"compose", "up"}},
		{name: "other programs", program: "dockerd", args: []string{"run", "img"}},
		{name: "no image", program: "docker", args: []string{"run", "--rm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := normaliseContainer(Event{Program: tt.program, Args: tt.args, Dir: "."}, env, root, base)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if got.Program != containerProgram || !slices.Equal(got.Args, tt.wantArgs) || !slices.Equal(got.Env, tt.wantEnv) {
				t.Errorf("got %s %q env %q, want %q env %q", got.Program, got.Args, got.Env, tt.wantArgs, tt.wantEnv)
			}
		})
	}
}
