package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/devenvopts"
	"github.com/pc2devenv/pc2devenv/ir"
)

func loadOptions(t *testing.T) *devenvopts.Options {
	t.Helper()
	o, err := devenvopts.Load("../../shared/reference/devenv-options.json")
	if err != nil {
		t.Skipf("devenv option list not available: %v", err)
	}
	return o
}

// splitOption splits an option path at dots outside quotes.
func splitOption(p string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for _, c := range p {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(c)
		}
	}
	return append(parts, cur.String())
}

// put sets path in a nested map.
func put(m map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

// actionOptions lists the option paths an action can set.
func actionOptions(a Action) []string {
	var out []string
	switch a.Kind {
	case Set, Const, ConfigLine, AppendArgs, AppendValue:
		out = append(out, a.Option)
		if a.Option2 != "" {
			out = append(out, a.Option2)
		}
	case Setting:
		if a.Option != "" {
			out = append(out, a.Option+".some_setting")
		}
		for _, al := range a.Aliases {
			out = append(out, actionOptions(al.Action)...)
		}
	case Nested:
		out = append(out, programOptions(a.Program)...)
	}
	return out
}

func programOptions(p *Program) []string {
	var out []string
	for _, f := range p.Flags {
		out = append(out, actionOptions(f.Do)...)
	}
	out = append(out, actionOptions(p.Positional)...)
	out = append(out, actionOptions(p.Other)...)
	return out
}

// TestTableOptionsExist checks that every option the table can set is an
// option of devenv 2.2.2: every flag, variable, port and tag of every rule.
func TestTableOptionsExist(t *testing.T) {
	opts := loadOptions(t)
	for _, r := range Table {
		var paths []string
		for _, p := range r.Programs {
			paths = append(paths, programOptions(p)...)
		}
		for _, a := range r.Env {
			paths = append(paths, actionOptions(a.Action)...)
		}
		for _, im := range r.Images {
			for _, a := range im.Env {
				paths = append(paths, actionOptions(a.Action)...)
			}
			for _, p := range im.Ports {
				paths = append(paths, actionOptions(p.Port)...)
				paths = append(paths, actionOptions(p.Listen)...)
			}
			for _, ss := range im.TagOptions {
				for _, s := range ss {
					paths = append(paths, s.path)
				}
			}
			if len(im.Packages) > 0 {
				paths = append(paths, "package")
			}
			if im.Program != nil {
				paths = append(paths, programOptions(im.Program)...)
			}
		}
		module := map[string]any{}
		svc := append([]string{"services"}, strings.Split(r.Service, ".")...)
		put(module, append(svc, "enable"), true)
		for _, p := range paths {
			put(module, append(append([]string(nil), svc...), splitOption(p)...), "x")
		}
		for _, problem := range opts.Check(module, true) {
			t.Errorf("%s: %s", r.Service, problem)
		}
	}
}

// TestTableCoversServices checks that the table has a rule for every
// service devenv has, and only for services devenv has.
func TestTableCoversServices(t *testing.T) {
	opts := loadOptions(t)
	rules := map[string]bool{}
	for _, r := range Table {
		if rules[r.Service] {
			t.Errorf("two rules for services.%s", r.Service)
		}
		rules[r.Service] = true
		if _, ok := opts.Default("services." + r.Service + ".enable"); !ok {
			t.Errorf("services.%s.enable is not a devenv option", r.Service)
		}
	}
	// Top-level services: services.<attr>.enable. Services that live
	// one level deeper (kafka.connect, tailscale.funnel) have rules of
	// their own, checked above.
	for _, attr := range []string{"adminer", "blackfire", "caddy", "cassandra", "clickhouse", "cockroachdb", "couchdb",
		"dynamodb-local", "elasticmq", "elasticsearch", "garage", "httpbin", "influxdb", "kafka", "keycloak", "mailhog",
		"mailpit", "meilisearch", "memcached", "minio", "mongodb", "mosquitto", "mysql", "nats", "nginx",
		"nixseparatedebuginfod", "opensearch", "opentelemetry-collector", "postgres", "prometheus", "rabbitmq", "redis",
		"rustfs", "sqld", "temporal", "tideways", "trafficserver", "typesense", "varnish", "vault", "wiremock",
		"kafka.connect", "tailscale.funnel"} {
		if !rules[attr] {
			t.Errorf("no rule for services.%s", attr)
		}
	}
}

func process(name, cmd string, env ...string) *ir.Process {
	pos := ir.Pos{File: "process-compose.yml", Line: 1, Col: 1}
	p := &ir.Process{Name: name, Pos: pos, Command: ir.Plain(cmd, pos)}
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		p.Env = append(p.Env, ir.EnvVar{Name: k, Value: ir.Plain(v, pos), Pos: pos})
	}
	return p
}

// options returns a service's options as "path=value" lines.
func showOptions(s *ir.Service) string {
	var out []string
	for _, f := range s.Options {
		out = append(out, f.Key+"="+showValue(f.Value))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestRecognise(t *testing.T) {
	tests := []struct {
		name, cmd string
		env       []string
		// service is the service the process becomes, "" when it
		// stays a process.
		service string
		// options are the service's options, sorted, as "path=value".
		options string
		// why is a part of the explanation of a process that stays.
		why string
	}{
		{name: "redis", cmd: "redis-server --port 6379 --bind 127.0.0.1", service: "redis", options: `bind="127.0.0.1" port=6379`},
		{name: "redis", cmd: "exec redis-server --save '' --appendonly no", service: "redis", options: `extraConfig="save \"\"\nappendonly no"`},
		{name: "r", cmd: "/usr/bin/redis-server --port=6380", service: "redis", options: `port=6380`},
		{name: "redis", cmd: "redis-server --port ${REDIS_PORT}", why: "known only when the command runs"},
		{name: "redis", cmd: "redis-server --daemonize yes", service: "redis"},
		{name: "cache", cmd: "nix run nixpkgs#redis -- --port 6380", why: "redis-cli is named for Redis"},
		{name: "cache", cmd: "nix shell nixpkgs#redis -c redis-server --port 6380", service: "redis", options: "port=6380"},
		{name: "db", cmd: ".pgsql/run.sh", env: []string{"PGDATA=./.pgsql/data"}, service: "postgres"},
		{name: "db", cmd: ".pgsql/run.sh", why: "none of PGDATA is set"},
		{name: "db", cmd: "./run.sh", env: []string{"PGDATA=x"}},
		{name: "db", cmd: "PGDATA=./data ./scripts/postgres.sh", service: "postgres"},
		{name: "db", cmd: "./scripts/postgres.sh --fast", env: []string{"PGDATA=x"}, why: "an argument of the script"},
		{name: "postgres", cmd: "npm run watch:postgres-schema", why: "a name is not evidence"},
		{name: "redis", cmd: "node redis-dashboard.js", why: "a name is not evidence"},
		{name: "pg", cmd: "pg_ctl -D data -l log start -o '-p 5433 -c fsync=off'", service: "postgres", options: `port=5433 settings.fsync="off"`},
		{name: "pg", cmd: "pg_ctl stop", why: `only as "pg_ctl start"`},
		{name: "pg", cmd: "postgres -D data -i -N 50", service: "postgres", options: `listen_addresses="*" settings.max_connections=50`},
		{name: "pg", cmd: "postgres -c port=5439 -c listen_addresses=localhost", service: "postgres", options: `listen_addresses="localhost" port=5439`},
		{name: "pg", cmd: "postgres -c config_file=/etc/pg.conf", why: "config_file"},
		{name: "pg", cmd: "postgres -D data > pg.log 2>&1", why: "redirects"},
		{name: "pg", cmd: "postgres -D data &", why: "in a way a service cannot"},
		{name: "pg", cmd: "docker run -e POSTGRES_PASSWORD=pw postgres", service: "postgres",
			options: `initialDatabases=[ { name = "postgres"; user = "postgres"; pass = "pw"; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;"`},
		{name: "pg", cmd: "docker run -e POSTGRES_PASSWORD postgres", why: "takes POSTGRES_PASSWORD from the environment"},
		{name: "pg", cmd: "docker run -e POSTGRES_PASSWORD postgres:15", env: []string{"POSTGRES_PASSWORD=pw"}, service: "postgres",
			options: `initialDatabases=[ { name = "postgres"; user = "postgres"; pass = "pw"; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;" package=pkgs.postgresql_15`},
		{name: "pg", cmd: "docker run -p 5432 postgres", why: "at random"},
		{name: "pg", cmd: "docker run -v ./init.sql:/docker-entrypoint-initdb.d/init.sql postgres", service: "postgres",
			options: `initialDatabases=[ { name = "postgres"; user = "postgres"; schema = ./init.sql; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;"`},
		{name: "pg", cmd: "docker run -v ./conf:/etc/postgresql postgres", why: "mounts ./conf"},
		{name: "pg", cmd: "docker run --network mynet postgres", why: "host's network"},
		{name: "pg", cmd: "docker run --network host -e POSTGRES_PASSWORD=pw postgres", service: "postgres",
			options: `initialDatabases=[ { name = "postgres"; user = "postgres"; pass = "pw"; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;"`},
		{name: "pg", cmd: "docker run --network bridge postgres", why: "host's network"},
		{name: "pg", cmd: "docker run --network host --add-host db:127.0.0.1 postgres", service: "postgres"},
		{name: "pg", cmd: "docker run postgres:12", service: "postgres"},
		{name: "db", cmd: "docker run postgis/postgis", why: ""},
		{name: "db", cmd: "docker compose up -d db", why: "compose file"},
		{name: "db", cmd: "docker-compose up db", why: "compose file"},
		{name: "mysql", cmd: "docker run -e MYSQL_ROOT_PASSWORD=pw mysql:8.4", service: "mysql",
			options: `ensureUsers=[ { name = "root"; host = "%"; password = "pw"; ensurePermissions = { "*.*" = "ALL PRIVILEGES"; }; } ] package=pkgs.mysql84`},
		{name: "mysql", cmd: "docker run -e MYSQL_RANDOM_ROOT_PASSWORD=yes mysql:8.4", why: "root user has no password"},
		{name: "mysql", cmd: "mysql -u root", why: "mysql is named for MySQL"},
		{name: "mongo", cmd: "mongod --fork --logpath x", why: "forked"},
		{name: "m", cmd: "minio server /data", service: "minio"},
		{name: "m", cmd: "minio client ls", why: `only as "minio server"`},
		{name: "web", cmd: "gunicorn app:app"},
		{name: "influx", cmd: "docker run influxdb:1.8", why: "other versions"},
		{name: "ch", cmd: "clickhouse server", service: "clickhouse"},
		{name: "ch", cmd: "clickhouse client", why: `only as "clickhouse server"`},
		{name: "ddb", cmd: "java -Xmx1g -jar DynamoDBLocal.jar -inMemory", why: "keeps its data on disk"},
		{name: "mq", cmd: "java -jar elasticmq-server-1.5.jar", service: "elasticmq"},
		{name: "search", cmd: "meilisearch --master-key=abc", service: "meilisearch"},
		{name: "t", cmd: "temporal server start-dev --headless", service: "temporal", options: "ui.enable=false"},
		{name: "t", cmd: "temporal workflow list", why: `only as "temporal server start-dev"`},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			p := &ir.Project{Processes: []*ir.Process{process(tt.name, tt.cmd, tt.env...)}}
			res := Apply(p, Options{})
			if tt.service == "" {
				if len(p.Services) > 0 {
					t.Fatalf("became services.%s; want a process", p.Services[0].Attr)
				}
				if tt.why == "" {
					if len(res.Explanations) > 0 {
						t.Errorf("explained, want no explanation: %s", res.Explanations[0])
					}
					return
				}
				if len(res.Explanations) != 1 {
					t.Fatalf("%d explanations, want 1", len(res.Explanations))
				}
				if e := res.Explanations[0].String(); !strings.Contains(e, tt.why) {
					t.Errorf("explanation does not say %q:\n%s", tt.why, e)
				}
				return
			}
			if len(p.Services) != 1 {
				t.Fatalf("stays a process, want services.%s:\n%v", tt.service, res.Explanations)
			}
			s := p.Services[0]
			if s.Attr != tt.service {
				t.Errorf("became services.%s, want services.%s", s.Attr, tt.service)
			}
			if got := showOptions(s); got != tt.options {
				t.Errorf("options:\n got %s\nwant %s", got, tt.options)
			}
		})
	}
}

func TestParseImage(t *testing.T) {
	for _, tt := range []struct{ in, name, tag string }{
		{"postgres", "postgres", ""},
		{"postgres:16-alpine", "postgres", "16-alpine"},
		{"docker.io/library/redis:7.2", "redis", "7.2"},
		{"quay.io/minio/minio", "minio/minio", ""},
		{"localhost:5000/postgres:15", "postgres", "15"},
		{"ghcr.io/tursodatabase/libsql-server:latest", "tursodatabase/libsql-server", "latest"},
		{"postgres@sha256:abc", "postgres", ""},
		{"Library/Postgres", "postgres", ""},
	} {
		got := parseImage(tt.in)
		if got.name != tt.name || got.tag != tt.tag {
			t.Errorf("parseImage(%q) = %q, %q; want %q, %q", tt.in, got.name, got.tag, tt.name, tt.tag)
		}
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		in  string
		val string
		lit bool
	}{
		{`abc`, "abc", true},
		{`'a b'`, "a b", true},
		{`"a\"b\$c"`, `a"b$c`, true},
		{`a\ b`, "a b", true},
		{`"-k $PGHOST"`, "", false},
		{`$(pwd)/x`, "", false},
		{`''`, "", true},
		{`"a\nb"`, `a\nb`, true},
	} {
		inv, _, err := parseInvocation(nil, "prog "+tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		w := inv.args[1]
		if w.lit != tt.lit || w.val != tt.val {
			t.Errorf("%s: got %q (fixed %v), want %q (fixed %v)", tt.in, w.val, w.lit, tt.val, tt.lit)
		}
	}
}

// TestApplyDependencies checks that dependencies on a converted process,
// including those of another service's process, name the service's
// process.
func TestApplyDependencies(t *testing.T) {
	db := process("database", "postgres -D data")
	search := process("search", "meilisearch")
	search.DependsOn = []ir.Dependency{{Name: "database", Condition: ir.ProcessHealthy}}
	web := process("web", "npm start")
	web.DependsOn = []ir.Dependency{{Name: "database", Condition: ir.ProcessHealthy}, {Name: "search", Condition: ir.ProcessStarted}}
	p := &ir.Project{Processes: []*ir.Process{db, search, web}}
	res := Apply(p, Options{})
	if len(p.Processes) != 1 || p.Processes[0] != web {
		t.Fatalf("processes left: %v", p.Processes)
	}
	if got := []string{web.DependsOn[0].Name, web.DependsOn[1].Name}; got[0] != "postgres" || got[1] != "meilisearch" {
		t.Errorf("web depends on %v, want postgres and meilisearch", got)
	}
	ms := res.Replaced["search"]
	if ms == nil || ms.Process == nil || len(ms.Process.DependsOn) != 1 || ms.Process.DependsOn[0].Name != "postgres" {
		t.Errorf("the meilisearch process does not wait for postgres: %+v", ms)
	}
}

// TestApplyControls checks --no-services, --keep and --force-services.
func TestApplyControls(t *testing.T) {
	mk := func() *ir.Project {
		return &ir.Project{Processes: []*ir.Process{
			process("redis", "redis-server --port 6379"),
			process("pg", "postgres -D data"),
			process("caddy", "caddy run"),
		}}
	}
	count := func(p *ir.Project) int { return len(p.Services) }
	p := mk()
	Apply(p, Options{Off: true})
	if count(p) != 0 {
		t.Errorf("--no-services: %d services", count(p))
	}
	p = mk()
	res := Apply(p, Options{Keep: []string{"pg", "redis", "ghost"}})
	if count(p) != 0 {
		t.Errorf("--keep pg --keep redis: %d services", count(p))
	}
	unused := 0
	for _, d := range res.Diagnostics {
		if d.ID == ir.IDKeepUnused {
			unused++
		}
	}
	if unused != 1 {
		t.Errorf("--keep ghost: %d PC206 warnings, want 1: %v", unused, res.Diagnostics)
	}
	p = mk()
	Apply(p, Options{})
	if count(p) != 2 {
		t.Errorf("default: %d services, want 2 (caddy reads a Caddyfile)", count(p))
	}
	p = mk()
	res = Apply(p, Options{Force: true})
	if count(p) != 3 {
		t.Errorf("--force-services: %d services, want 3", count(p))
	}
	forced := 0
	for _, d := range res.Diagnostics {
		if d.ID == ir.IDServiceForced {
			forced++
		}
	}
	if forced != 1 {
		t.Errorf("--force-services: %d PC203 warnings, want 1", forced)
	}
}
