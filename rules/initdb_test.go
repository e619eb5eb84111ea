package rules

import (
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestInitScripts checks what files mounted into
// /docker-entrypoint-initdb.d become.
func TestInitScripts(t *testing.T) {
	tests := []struct {
		cmd string
		cwd string
		// service is the service the process becomes, "" when it
		// stays a process; why is then in the explanation.
		service, options, why string
	}{
		{cmd: "docker run -e POSTGRES_DB=app -e POSTGRES_PASSWORD=pw -v ./db/init.sql:/docker-entrypoint-initdb.d/init.sql:ro postgres", service: "postgres",
			options: `initialDatabases=[ { name = "app"; user = "postgres"; pass = "pw"; schema = ./db/init.sql; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;"`},
		{cmd: "docker run -e POSTGRES_USER=u -v ./db/init:/docker-entrypoint-initdb.d/ postgres", service: "postgres",
			options: `initialDatabases=[ { name = "u"; user = "u"; schema = ./db/init; } ] initialScript="ALTER ROLE \"u\" SUPERUSER;"`},
		{cmd: "docker run -e POSTGRES_USER=u -v ./init.sql:/docker-entrypoint-initdb.d/1.sql postgres", cwd: "backend", service: "postgres",
			options: `initialDatabases=[ { name = "u"; user = "u"; schema = ./backend/init.sql; } ] initialScript="ALTER ROLE \"u\" SUPERUSER;"`},
		{cmd: "docker run -v ../init.sql:/docker-entrypoint-initdb.d/init.sql postgres", cwd: "/srv", why: "not a directory of the project"},
		{cmd: "docker run -v ./init.sh:/docker-entrypoint-initdb.d/init.sh postgres", why: "runs only .sql files"},
		{cmd: "docker run -v ./dump.sql.gz:/docker-entrypoint-initdb.d/dump.sql.gz postgres", why: "runs only .sql files"},
		{cmd: "docker run -v ./a.sql:/docker-entrypoint-initdb.d/a.sql -v ./b.sql:/docker-entrypoint-initdb.d/b.sql postgres", why: "mounts several"},
		{cmd: "docker run -v initdata:/docker-entrypoint-initdb.d postgres", why: "cannot see"},
		{cmd: "docker run -e MYSQL_DATABASE=shop -v ./schema.sql:/docker-entrypoint-initdb.d/schema.sql mysql:8.0", service: "mysql",
			options: `initialDatabases=[ { name = "shop"; schema = ./schema.sql; } ] package=pkgs.mysql80`},
		{cmd: "docker run -v ./schema.sql:/docker-entrypoint-initdb.d/schema.sql mysql:8.0", why: "no database chosen"},
		{cmd: "docker run -e MYSQL_DATABASE=shop -v ./sql:/docker-entrypoint-initdb.d mariadb:11.4", why: "not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			proc := process("db", tt.cmd)
			if tt.cwd != "" {
				proc.Cwd = ir.Some(ir.Plain(tt.cwd, ir.Pos{}), ir.Pos{})
			}
			p := &ir.Project{Processes: []*ir.Process{proc}}
			res := Apply(p, Options{})
			if tt.service == "" {
				if len(p.Services) > 0 {
					t.Fatalf("became services.%s (%s); want a process", p.Services[0].Attr, showOptions(p.Services[0]))
				}
				if len(res.Explanations) != 1 || !strings.Contains(res.Explanations[0].String(), tt.why) {
					t.Errorf("explanation does not say %q:\n%v", tt.why, res.Explanations)
				}
				return
			}
			if len(p.Services) != 1 {
				t.Fatalf("stays a process, want services.%s:\n%v", tt.service, res.Explanations)
			}
			if got := showOptions(p.Services[0]); got != tt.options {
				t.Errorf("options:\n got %s\nwant %s", got, tt.options)
			}
		})
	}
}
