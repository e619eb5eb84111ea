package rules

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// FuzzApply runs the rules over arbitrary commands: recognition must
// never panic, and a process either stays or becomes one service.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"redis-server --port 6379 --bind 127.0.0.1",
		".pgsql/run.sh",
		"cd x && pg_ctl start -o \"-k '$PGHOST'\"",
		"docker run --rm -p 127.0.0.1:5433:5432 -e POSTGRES_USER=a postgres:16-alpine -c fsync=off",
		"podman run -dit -p [::1]:6380:6379/tcp redis:7 redis-server --save ''",
		"nix run nixpkgs#meilisearch -- --http-addr :7700",
		"nix shell nixpkgs#redis --command redis-server",
		"exec env A=1 B=\"$X\" mongod --port 1",
		"java -Dx=y -jar DynamoDBLocal.jar -port",
		"minio server --address",
		"docker run -e",
		"env",
		"echo a | redis-server -",
	} {
		f.Add(s, "redis")
	}
	f.Fuzz(func(t *testing.T, cmd, name string) {
		pos := ir.Pos{File: "f", Line: 1, Col: 1}
		p := &ir.Project{Processes: []*ir.Process{
			{Name: name, Pos: pos, Command: ir.Plain(cmd, pos), Env: []ir.EnvVar{{Name: "PGDATA", Value: ir.Plain("d", pos)}}},
			{Name: "web", Pos: pos, Command: ir.Plain("npm start", pos), DependsOn: []ir.Dependency{{Name: name, Condition: ir.ProcessHealthy}}},
		}}
		res := Apply(p, Options{Force: true})
		if len(p.Services)+len(p.Processes) != 2 {
			t.Fatalf("%d services and %d processes from 2 processes", len(p.Services), len(p.Processes))
		}
		for _, e := range res.Explanations {
			_ = e.String()
		}
	})
}
