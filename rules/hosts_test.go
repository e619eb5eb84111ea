package rules

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestRewriteHosts converts hand-built docker-compose projects: a
// database reached by name, and an app whose environment and command
// name it.
func TestRewriteHosts(t *testing.T) {
	tests := []struct {
		name string
		// db is the command of the process "db", reached as reached.
		db      string
		reached []string
		// env and cmd are the app's; wantEnv and wantCmd what they
		// become.
		env, wantEnv []string
		cmd, wantCmd string
		// notes is how many PC212 notes there are.
		notes int
	}{
		{name: "url with the container port, published on another",
			db: "docker run -p 5433:5432 -e POSTGRES_PASSWORD=pw postgres:16", reached: []string{"db"},
			env:     []string{"DATABASE_URL=postgres://postgres:pw@db:5432/app", "OTHER=mydb:5432"},
			wantEnv: []string{"DATABASE_URL=postgres://postgres:pw@localhost:5433/app", "OTHER=mydb:5432"},
			cmd:     "bin/wait-for db:5432 -- bin/web", wantCmd: "bin/wait-for localhost:5433 -- bin/web", notes: 2},
		{name: "url without a port, not published",
			db: "docker run -e POSTGRES_PASSWORD=pw postgres:16", reached: []string{"db", "postgres-host"},
			env:     []string{"DATABASE_URL=postgres://u@postgres-host/app", "DB_HOST=db", "PGHOST=db", "DB_PORT=5432"},
			wantEnv: []string{"DATABASE_URL=postgres://u@localhost/app", "DB_HOST=localhost", "PGHOST=localhost", "DB_PORT=5432"},
			cmd:     "bin/web", wantCmd: "bin/web", notes: 3},
		{name: "url without a port, published on another",
			db: "docker run -p 6380:6379 redis:7", reached: []string{"cache"},
			env:     []string{"REDIS_URL=redis://cache", "CACHE_HOST=cache", "CACHE_PORT=6379", "X=cache:1234"},
			wantEnv: []string{"REDIS_URL=redis://localhost:6380", "CACHE_HOST=localhost", "CACHE_PORT=6380", "X=cache:1234"},
			cmd:     "bin/web --redis=cache:6379", wantCmd: "bin/web --redis=localhost:6380", notes: 4},
		{name: "not reached by name",
			db:  "docker run -p 6380:6379 redis:7",
			env: []string{"REDIS_URL=redis://cache:6379"}, wantEnv: []string{"REDIS_URL=redis://cache:6379"},
			cmd: "bin/web", wantCmd: "bin/web"},
		{name: "a name in a word",
			db: "docker run -p 9000:9000 minio/minio server /data", reached: []string{"s3"},
			env:     []string{"S3_ENDPOINT=http://s3:9000", "BUCKET=s3-bucket", "PATH_STYLE=s3"},
			wantEnv: []string{"S3_ENDPOINT=http://localhost:9000", "BUCKET=s3-bucket", "PATH_STYLE=s3"},
			cmd:     "bin/web", wantCmd: "bin/web", notes: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := process("db", tt.db)
			db.ReachedAs = tt.reached
			app := process("app", tt.cmd, tt.env...)
			p := &ir.Project{Processes: []*ir.Process{db, app}}
			res := Apply(p, Options{})
			if len(p.Services) != 1 {
				t.Fatalf("db stays a process: %v", res.Explanations)
			}
			var env []string
			for _, v := range app.Env {
				env = append(env, v.Name+"="+v.Value.Shell())
			}
			if got, want := strings.Join(env, " "), strings.Join(tt.wantEnv, " "); got != want {
				t.Errorf("env:\n got %s\nwant %s", got, want)
			}
			if got := app.Command.Shell(); got != tt.wantCmd {
				t.Errorf("command: got %q, want %q", got, tt.wantCmd)
			}
			notes := 0
			for _, d := range res.Diagnostics {
				if d.ID == ir.IDHostRewritten && strings.Contains(d.Message, "process \"app\"") {
					notes++
				}
			}
			if notes != tt.notes {
				t.Errorf("%d notes, want %d:\n%v", notes, tt.notes, res.Diagnostics)
			}
		})
	}
}

// TestRewriteHostsEndpoint rewrites strings for one endpoint.
func TestRewriteHostsEndpoint(t *testing.T) {
	e := &endpoint{svc: &ir.Service{Attr: "postgres"}, source: "db", names: []string{"db", "pg.local"},
		ports: map[int]int{5432: 5433}, main: 5432, why: map[int]string{5432: "published"}}
	for _, tt := range []struct{ in, want string }{
		{"db:5432", "localhost:5433"},
		{"postgres://u:p@db:5432/app?sslmode=disable", "postgres://u:p@localhost:5433/app?sslmode=disable"},
		{"postgres://u:p@db/app", "postgres://u:p@localhost:5433/app"},
		{"postgres://db", "postgres://localhost:5433"},
		{"jdbc:postgresql://pg.local:5432/app", "jdbc:postgresql://localhost:5433/app"},
		{"pgXlocal:5432", "pgXlocal:5432"},
		{"db:54321", "db:54321"},
		{"db:6379", "db:6379"},
		{"mydb:5432 db-x:5432 db.x:5432", "mydb:5432 db-x:5432 db.x:5432"},
		{"a db:5432,db:5432", "a localhost:5433,localhost:5433"},
		{"db", "db"},
		{"/data/db/x", "/data/db/x"},
	} {
		got, _ := e.rewrite(tt.in)
		if got != tt.want {
			t.Errorf("rewrite(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRewriteHostsEnvFile checks that a process loading an env_file is
// reported, and that postgres reached by name listens on TCP.
func TestRewriteHostsEnvFile(t *testing.T) {
	db := process("db", "docker run -e POSTGRES_PASSWORD=pw postgres:16")
	db.ReachedAs = []string{"db"}
	app := process("app", "bin/web")
	app.EnvFile = ir.Some(ir.Plain("app.env", ir.Pos{}), ir.Pos{File: "compose.yaml", Line: 3, Col: 5})
	p := &ir.Project{Processes: []*ir.Process{db, app}}
	res := Apply(p, Options{})
	if !hasID(res.Diagnostics, ir.IDHostNotRewritten) {
		t.Errorf("no %s for the env_file:\n%v", ir.IDHostNotRewritten, res.Diagnostics)
	}
	if got := showOptions(p.Services[0]); !strings.Contains(got, `listen_addresses="127.0.0.1"`) {
		t.Errorf("postgres reached over the network does not listen on TCP: %s", got)
	}
}

// TestImageDefaultPorts checks what the host rewriting assumes: a
// service whose container publishes no port listens natively on the
// port its image listened on, since the service's default port is the
// image's. An image port the service has no port option for is left
// out.
func TestImageDefaultPorts(t *testing.T) {
	opts := loadOptions(t)
	for _, r := range Table {
		for _, im := range r.Images {
			for _, ip := range im.Ports {
				if ip.Port.Kind != Set && ip.Port.Kind != AppendValue {
					continue
				}
				path := "services." + r.Service + "." + ip.Port.Option
				def, ok := opts.Default(path)
				if !ok {
					// Options inside freeform settings, whose defaults
					// the module sets: devenv.md, section 5.3.
					def, ok = map[string]string{"services.mysql.settings.mysqld.port": "3306"}[path]
				}
				if !ok {
					t.Errorf("%s port %d: services.%s.%s has no default", im.Names[0], ip.Container, r.Service, ip.Port.Option)
					continue
				}
				port := strings.Trim(def, "\"[] \n")
				if i := strings.LastIndexByte(port, ':'); i >= 0 {
					port = port[i+1:]
				}
				want := ip.Container
				if ip.Native != 0 {
					want = ip.Native
				}
				if port != strconv.Itoa(want) {
					t.Errorf("%s port %d: services.%s.%s defaults to %s", im.Names[0], ip.Container, r.Service, ip.Port.Option, def)
				}
			}
		}
	}
}
