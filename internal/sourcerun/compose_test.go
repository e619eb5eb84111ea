package sourcerun

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/internal/pcrun"
)

func TestLoadCompose(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"compose.yaml": `name: shop
services:
  web:
    build: ./web
    command: npm run dev
    environment:
      TOKEN: ${TOKEN}
      LEVEL: debug
    env_file: web/.env.local
    depends_on:
      db:
        condition: service_healthy
      seed:
        condition: service_completed_successfully
  api:
    build:
      context: api
      target: dev
  db:
    image: postgres:${PG:-15}
    environment:
      - POSTGRES_PASSWORD=pw
      - FROM_HOST
    working_dir: /data
    restart: unless-stopped
    healthcheck:
      test: pg_isready -U app
  seed:
    image: acme/seed
    entrypoint: ["/seed"]
    command: ["--once"]
    depends_on: [db]
  debug:
    image: acme/debugger
    profiles: [debug]
`,
		".env":           "TOKEN=tok\nPG=16\n",
		"web/.env.local": "FROM_FILE=1\n",
		"api/Dockerfile": "FROM golang AS dev\nENTRYPOINT [\"go\", \"run\", \".\"]\nCMD [\"--listen\", \":8081\"]\nFROM scratch AS prod\nCMD [\"/api\"]\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	services, err := LoadCompose(dir, []string{"compose.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []ComposeService{
		{Name: "api", Build: "api", Argv: []string{"go", "run", ".", "--listen", ":8081"}, Known: true},
		{Name: "db", Image: "postgres:16", Argv: nil, Known: true, WorkingDir: "/data", Restart: "unless-stopped",
			Env: []string{"POSTGRES_PASSWORD=pw"}, Health: []string{"sh", "-c", "pg_isready -U app"}, HealthShell: true},
		{Name: "seed", Image: "acme/seed", Argv: []string{"/seed", "--once"}, Known: true,
			DependsOn: []pcrun.Dep{{Name: "db", Condition: pcrun.Started}}},
		{Name: "web", Build: "web", Argv: []string{"npm", "run", "dev"}, Known: true,
			Env:       []string{"FROM_FILE=1", "LEVEL=debug", "TOKEN=tok"},
			DependsOn: []pcrun.Dep{{Name: "db", Condition: pcrun.Healthy}, {Name: "seed", Condition: pcrun.CompletedSuccessfully}}},
	}
	if d := cmp.Diff(want, services); d != "" {
		t.Errorf("LoadCompose (-want +got):\n%s", d)
	}

	cfg, err := Compose(services, Env{Root: dir, Environ: []string{"HOME=/h"}, LookPath: func(n string) string { return "/real/" + n }})
	if err != nil {
		t.Fatal(err)
	}
	procs := map[string]*pcrun.Proc{}
	for _, p := range cfg.Procs {
		procs[p.Name] = p
	}
	if p := procs["web"]; p.Spec.Dir != filepath.Join(dir, "web") || !slices.Equal(p.Spec.Argv, []string{"npm", "run", "dev"}) || !slices.Contains(p.Spec.Env, "TOKEN=tok") || !slices.Contains(p.Spec.Env, "HOME=/h") {
		t.Errorf("web runs %q in %s with %q", p.Spec.Argv, p.Spec.Dir, p.Spec.Env)
	}
	if p := procs["db"]; !slices.Equal(p.Spec.Argv, []string{ContainerProgram, "-w", "/data", "postgres:16"}) || p.Restart != "always" ||
		p.Readiness == nil || !slices.Equal(p.Readiness.Spec.Argv, []string{ContainerProgram, "exec", "sh", "-c", "pg_isready -U app"}) {
		t.Errorf("db runs %q, restart %q, readiness %+v", p.Spec.Argv, p.Restart, p.Readiness)
	}
	if p := procs["seed"]; !slices.Equal(p.Spec.Argv, []string{ContainerProgram, "acme/seed", "/seed", "--once"}) {
		t.Errorf("seed runs %q", p.Spec.Argv)
	}
	if _, ok := procs["debug"]; ok {
		t.Error("the profile-disabled service runs")
	}
}

func TestDockerfileCommand(t *testing.T) {
	tests := []struct {
		name, src, target string
		ep, cmd           []string
		ok                bool
	}{
		{"exec form", "FROM x\nENTRYPOINT [\"a\", \"b\"]\nCMD [\"c\"]\n", "", []string{"a", "b"}, []string{"c"}, true},
		{"shell form", "FROM x\nCMD npm start\n", "", nil, []string{"/bin/sh", "-c", "npm start"}, true},
		{"none", "FROM nginx\nCOPY . /srv\n", "", nil, nil, false},
		{"target stage", "FROM x AS dev\nCMD [\"dev\"]\nFROM x AS prod\nCMD [\"prod\"]\n", "dev", nil, []string{"dev"}, true},
		{"inherited from a stage", "FROM x AS base\nCMD [\"c\"]\nFROM base\nRUN true\n", "", nil, []string{"c"}, true},
		{"ENTRYPOINT resets the base's CMD", "FROM x AS base\nCMD [\"c\"]\nFROM base\nENTRYPOINT [\"e\"]\n", "", []string{"e"}, nil, true},
		{"CMD before ENTRYPOINT in a stage stays", "FROM x\nCMD [\"c\"]\nENTRYPOINT [\"e\"]\n", "", []string{"e"}, []string{"c"}, true},
		{"continued lines", "FROM x\nCMD [\"a\", \\\n  \"b\"]\n", "", nil, []string{"a", "b"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep, cmd, ok := DockerfileCommand(tt.src, tt.target)
			if ok != tt.ok || !slices.Equal(ep, tt.ep) || !slices.Equal(cmd, tt.cmd) {
				t.Errorf("got %q %q %v, want %q %q %v", ep, cmd, ok, tt.ep, tt.cmd, tt.ok)
			}
		})
	}
}
