package rules

import (
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestEnvRefOptions checks that image variables whose values refer to
// the project's .env variables become config.env references, and that
// others keep the process.
func TestEnvRefOptions(t *testing.T) {
	tests := []struct {
		cmd string
		// service is the service the process becomes, "" when it
		// stays a process; why is then in the explanation.
		service, options, why string
	}{
		{cmd: `docker run -e POSTGRES_USER=$DB_USER -e POSTGRES_PASSWORD="${DB_PASSWORD}" -e POSTGRES_DB=app postgres`, service: "postgres",
			options: `initialDatabases=[ { name = "app"; user = config.env.DB_USER; pass = config.env.DB_PASSWORD; } ]`},
		{cmd: `docker run -e POSTGRES_PASSWORD=$DB_PASSWORD -e POSTGRES_DB=${DB_NAME} postgres`, service: "postgres",
			options: `initialDatabases=[ { name = config.env.DB_NAME; user = "postgres"; pass = config.env.DB_PASSWORD; } ] initialScript="ALTER ROLE \"postgres\" SUPERUSER;"`},
		{cmd: `docker run -e MINIO_ROOT_USER=${DB_USER} -e "MINIO_ROOT_PASSWORD=pre-${DB_PASSWORD}-x" minio/minio server /data`, service: "minio",
			options: `accessKey=config.env.DB_USER secretKey="pre-${config.env.DB_PASSWORD}-x"`},
		{cmd: `docker run -e MYSQL_DATABASE=shop -e MYSQL_USER=$DB_USER -e MYSQL_PASSWORD=$DB_PASSWORD mariadb:11.4`, service: "mysql",
			options: `ensureUsers=[ { name = config.env.DB_USER; password = config.env.DB_PASSWORD; ensurePermissions = { "shop.*" = "ALL PRIVILEGES"; }; } ] initialDatabases=[ { name = "shop"; } ] package=pkgs.mariadb_114`},
		{cmd: `docker run -e MYSQL_DATABASE=$DB_NAME -e MYSQL_USER=app mysql:8.0`, why: "ensurePermissions needs it in an attribute name"},
		{cmd: `docker run -e MONGO_INITDB_ROOT_USERNAME=root -e MONGO_INITDB_ROOT_PASSWORD=$DB_PASSWORD mongo`, service: "mongodb",
			options: `initDatabasePassword=config.env.DB_PASSWORD initDatabaseUsername="root"`},
		{cmd: `docker run -e KC_BOOTSTRAP_ADMIN_PASSWORD=$DB_PASSWORD keycloak/keycloak start-dev`, service: "keycloak",
			options: `initialAdminPassword=config.env.DB_PASSWORD`},
		{cmd: `docker run -e POSTGRES_PASSWORD=$UNKNOWN postgres`, why: "neither the project's .env nor its environment defines"},
		{cmd: `docker run -e DB_PASSWORD -e MINIO_ROOT_USER=$DB_USER minio/minio server /data`, why: "no option for the image's variable DB_PASSWORD"},
		{cmd: `docker run -e POSTGRES_USER=$DB_USER -e POSTGRES_PASSWORD postgres`, service: "postgres",
			options: `initialDatabases=[ { name = config.env.DB_USER; user = config.env.DB_USER; pass = config.env.POSTGRES_PASSWORD; } ]`},
		{cmd: `docker run -e MYSQL_DATABASE=app -e MYSQL_USER=app -e MYSQL_PASSWORD mysql:8.0`, why: "takes MYSQL_PASSWORD from the environment"},
		{cmd: `docker run -e POSTGRES_PASSWORD=${DB_PASSWORD:-pw} postgres`, why: "known only when the command runs"},
		{cmd: `docker run -e POSTGRES_PASSWORD=$(cat pw) postgres`, why: "known only when the command runs"},
		{cmd: `docker run -e POSTGRES_INITDB_ARGS=$DB_USER postgres`, why: "known only when the command runs"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			p := &ir.Project{
				Processes: []*ir.Process{process("db", tt.cmd)},
				Env:       []ir.EnvVar{{Name: "DB_NAME", Value: ir.Plain("app", ir.Pos{})}},
				Dotenv:    &ir.Dotenv{Files: []string{".env"}, Names: []string{"DB_USER", "DB_PASSWORD", "POSTGRES_PASSWORD"}},
			}
			res := Apply(p, Options{})
			if tt.service == "" {
				if len(p.Services) > 0 {
					t.Fatalf("became services.%s; want a process", p.Services[0].Attr)
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
			if !hasID(res.Diagnostics, ir.IDServiceEnvRef) {
				t.Errorf("no %s note:\n%v", ir.IDServiceEnvRef, res.Diagnostics)
			}
			// A postgres role named by a reference cannot be made a
			// superuser in initialScript: a warning says so.
			if strings.Contains(tt.options, "user = config.env.") && !hasID(res.Diagnostics, ir.IDServiceNeeds) {
				t.Errorf("no %s warning for the role that is not a superuser:\n%v", ir.IDServiceNeeds, res.Diagnostics)
			}
		})
	}
}

func hasID(ds ir.Diagnostics, id ir.ID) bool {
	for _, d := range ds {
		if d.ID == id {
			return true
		}
	}
	return false
}

// TestEnvRefWithoutDotenv checks that a project without .env files never
// gets a config.env reference, which would not evaluate.
func TestEnvRefWithoutDotenv(t *testing.T) {
	p := &ir.Project{Processes: []*ir.Process{process("db", `docker run -e POSTGRES_PASSWORD=$DB_PASSWORD postgres`)}}
	Apply(p, Options{})
	if len(p.Services) != 0 {
		t.Fatalf("became services.%s: %s", p.Services[0].Attr, showOptions(p.Services[0]))
	}
}
