package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/rules"
)

// secretMark is in every value of the .env files below, and nowhere else;
// secretWord too, in values that look like names.
const (
	secretMark = "zq-SECRET-91f3"
	secretWord = "zqSECRETword91f3"
)

// secretEnv holds values in every shape a .env line can take, well formed
// or not, each with secretMark.
const secretEnv = `# a comment
PLAIN=plain-zq-SECRET-91f3
SINGLE='single-zq-SECRET-91f3'
DOUBLE="double-zq-SECRET-91f3\n"
EMPTY=
export EXPORTED=exported-zq-SECRET-91f3
SPACED = spaced-zq-SECRET-91f3
YAMLISH: yamlish-zq-SECRET-91f3
bare-zq-SECRET-91f3
zqSECRETword91f3
ghp_zqSECRETword91f3 and more
WORDY=zqSECRETword91f3
PORT=3000
PORTISH=zq-SECRET-91f3;rm -rf /
UNCLOSED="unclosed-zq-SECRET-91f3
`

// TestDotenvValuesStayOut converts projects whose .env holds secrets for
// every target and reads every output the command line can give — the
// devenv.nix, the diagnostics as text and as JSON, the key fates — for
// the secret. Only --inline-env may copy values, and then it must.
func TestDotenvValuesStayOut(t *testing.T) {
	projects := map[string]map[string]string{
		"procfile": {
			"Procfile": "web: bin/server --port $PORT --key $PLAIN\nworker: echo '$SINGLE' $PORTISH $DOUBLEX\nrelease: bin/migrate $EXPORTED\n",
		},
		"process-compose": {
			"process-compose.yml": "processes:\n  web:\n    command: bin/server --key ${PLAIN} $SINGLE\n    environment:\n      - KEY=${DOUBLE:-none}\n",
		},
		"named": {
			"Procfile":         "web: bin/server --port $PORT\n",
			".env.development": secretEnv,
		},
		// godotenv stops at the first line it cannot read: these put
		// each such line first.
		"process-compose-word": {
			"process-compose.yml": "processes:\n  web:\n    command: bin/server\n",
			".env":                "PLAIN=plain-zq-SECRET-91f3\nzqSECRETword91f3\n",
		},
		"process-compose-unclosed": {
			"process-compose.yml": "processes:\n  web:\n    command: bin/server\n",
			".env":                "PLAIN=plain-zq-SECRET-91f3\nUNCLOSED='unclosed-zq-SECRET-91f3\n",
		},
		// Containers of devenv services whose settings come from .env:
		// the services' options refer to config.env, never copy.
		"docker-services": {
			"Procfile": "db: docker run -p 5433:5432 -e POSTGRES_USER=$WORDY -e POSTGRES_PASSWORD=${SINGLE} -e POSTGRES_DB=app postgres:16\n" +
				"s3: docker run -e MINIO_ROOT_USER=$PLAIN -e \"MINIO_ROOT_PASSWORD=p-${DOUBLE}\" minio/minio server /data\n" +
				"mq: docker run -e RABBITMQ_DEFAULT_USER=$DOUBLE -e RABBITMQ_DEFAULT_PASS=$PORTISH rabbitmq:3\n" +
				"my: docker run -e MYSQL_ROOT_PASSWORD=$UNCLOSED -e MYSQL_DATABASE=app -e MYSQL_USER=$WORDY -e MYSQL_PASSWORD=$SINGLE mariadb:11.4\n",
		},
		"process-compose-docker": {
			"process-compose.yml": "processes:\n  db:\n    command: docker run -e POSTGRES_PASSWORD=${PLAIN} -e POSTGRES_USER=$SINGLE postgres:16\n  mongo:\n    command: docker run -e MONGO_INITDB_ROOT_USERNAME=root -e MONGO_INITDB_ROOT_PASSWORD=${SINGLE} mongo:7\n",
		},
		"process-compose-bad-name": {
			"process-compose.yml": "processes:\n  web:\n    command: bin/server\n",
			".env":                "PLAIN=plain-zq-SECRET-91f3\nzqSECRETword91f3-x=1\n",
		},
	}
	// refers holds, for projects whose services take values from .env,
	// what the output must say instead of the values.
	refers := map[string][]string{
		"docker-services":        {"pass = config.env.SINGLE", "accessKey = config.env.PLAIN", `"p-${config.env.DOUBLE}"`, "default_pass = config.env.PORTISH", "password = config.env.UNCLOSED", "dotenv.enable = true"},
		"process-compose-docker": {"pass = config.env.PLAIN", "initDatabasePassword = config.env.SINGLE", "dotenv.enable = true"},
	}
	for name, files := range projects {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		_, named := files[".env.development"]
		if _, ok := files[".env"]; !ok && !named {
			files[".env"] = secretEnv
		}
		var paths []string
		for f, content := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, filepath.Join(dir, f))
		}
		if name != "named" {
			paths = []string{dir}
		}
		for _, tg := range emit.Targets {
			for _, inline := range []bool{false, true} {
				res, err := Paths(paths, Options{Target: tg, InlineEnv: inline})
				if err != nil {
					t.Fatal(err)
				}
				if res.Output == nil {
					t.Fatalf("%s %s: not converted: %v", name, tg, res.Diagnostics)
				}
				var all strings.Builder
				all.Write(res.Output)
				for _, d := range res.Diagnostics {
					all.WriteString(d.String() + "\n")
				}
				for _, v := range []any{res.Diagnostics, res.Fates, res.Sources} {
					b, err := json.Marshal(v)
					if err != nil {
						t.Fatal(err)
					}
					all.Write(b)
				}
				leaked := strings.Count(all.String(), secretMark) + strings.Count(all.String(), secretWord)
				switch {
				case !inline && leaked > 0:
					t.Errorf("%s %s: a value from the .env file is in the output or the diagnostics:\n%s", name, tg, all.String())
				case inline && !strings.Contains(string(res.Output), "plain-"+secretMark):
					t.Errorf("%s %s: --inline-env did not copy the values:\n%s", name, tg, res.Output)
				}
				for _, want := range refers[name] {
					if inline && strings.HasPrefix(want, "dotenv") {
						continue
					}
					if !strings.Contains(string(res.Output), want) {
						t.Errorf("%s %s (inline %t): the output does not say %s:\n%s", name, tg, inline, want, res.Output)
					}
				}
			}
		}
	}
}

// TestComposeValuesStayOut converts docker-compose projects whose .env and
// env_files hold secrets, used in every place a compose file can use them
// (environment, command, entrypoint, ports, volumes, healthcheck, an
// image's variables, a built service's environment), for every target and
// with each of the flags that change the output: no value of .env or of
// an env_file is in any output.
func TestComposeValuesStayOut(t *testing.T) {
	const env = "PLAIN=plain-zq-SECRET-91f3\nQUOTED=\"quoted-zq-SECRET-91f3\"\nWORD=zqSECRETword91f3\nTAG=16\n"
	const envFile = "FILE_SECRET=file-zq-SECRET-91f3\nOTHER=zqSECRETword91f3\n"
	const composeFile = `name: shop
services:
  db:
    image: postgres:${TAG}
    environment:
      POSTGRES_PASSWORD: ${PLAIN}
      POSTGRES_USER: ${WORD}
    env_file: secrets.env
    healthcheck:
      test: pg_isready -U ${WORD}
  api:
    image: acme/api
    entrypoint: /bin/api --key ${QUOTED}
    command: serve --token=${PLAIN} "${WORD}"
    environment:
      - URL=postgres://u:${PLAIN}@db/app
      - FILE_SECRET
    env_file: [secrets.env]
    volumes:
      - ./${WORD}:/data
    healthcheck:
      test: ["CMD", "check", "${QUOTED}"]
  web:
    build: .
    command: ["serve", "${PLAIN:-x}"]
    environment:
      TOKEN: ${QUOTED}
    env_file: secrets.env
    profiles: ["${WORD}"]
`
	dir := t.TempDir()
	for f, content := range map[string]string{"compose.yaml": composeFile, ".env": env, "secrets.env": envFile} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tg := range emit.Targets {
		for _, opts := range []Options{{}, {Podman: true}, {NoContainers: true}, {Profiles: []string{"zqSECRETword91f3"}}, {Services: rules.Options{Force: true}}} {
			opts.Target = tg
			res, err := Paths([]string{dir}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Output == nil {
				t.Fatalf("%s %+v: not converted: %v", tg, opts, res.Diagnostics)
			}
			var all strings.Builder
			all.Write(res.Output)
			for _, d := range res.Diagnostics {
				all.WriteString(d.String() + "\n")
			}
			for _, v := range []any{res.Diagnostics, res.Fates, res.Sources} {
				b, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				all.Write(b)
			}
			if strings.Contains(all.String(), "zq-SECRET-91f3") || strings.Contains(all.String(), "zqSECRETword91f3") && len(opts.Profiles) == 0 {
				t.Errorf("%s %+v: a value from .env or an env_file is in the output or the diagnostics:\n%s", tg, opts, all.String())
			}
		}
	}
}
