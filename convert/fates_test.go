package convert

import (
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/ir"
)

// TestFatesOfDottedNames checks that a key belongs to the process whose
// name it holds, when names hold dots: redis becomes a service and
// redis.web does not, so the keys of redis.web are not the service's; db
// is a daemon whose shutdown.command its exec runs, and the command of
// db.shutdown, which prints as the same text, is an ordinary command.
func TestFatesOfDottedNames(t *testing.T) {
	src := []byte(`processes:
  redis:
    command: redis-server --port 6379
  redis.web:
    command: npm start
    depends_on:
      redis:
        condition: process_started
  db:
    command: ./mydb start
    is_daemon: true
    shutdown:
      command: ./mydb stop
  db.shutdown:
    command: ./backup.sh
`)
	for _, tg := range emit.Targets {
		res := Source("process-compose.yml", src, ir.FormatProcessCompose, Options{Target: tg})
		if res.Output == nil {
			t.Fatalf("%s: not converted: %v", tg, res.Diagnostics)
		}
		if res.Replaced["redis"] != "services.redis" {
			t.Fatalf("%s: redis did not become services.redis: %v", tg, res.Replaced)
		}
		got := map[string]emit.KeyFate{}
		for _, k := range res.Fates {
			got[k.Path.Quote()] = k
		}
		want := map[string]string{
			`processes.redis`:                        "mapped: services.redis",
			`processes.redis.command`:                "mapped: services.redis",
			`processes."redis.web"`:                  "mapped: processes.<name>",
			`processes."redis.web".command`:          "mapped: processes.<name>.exec",
			`processes."redis.web".depends_on.redis`: "",
			`processes."db.shutdown".command`:        "mapped: processes.<name>.exec",
			`processes.db.shutdown`:                  "",
			`processes.db.shutdown.command`:          "",
		}
		if tg == emit.Devenv2 {
			want[`processes.db.shutdown.command`] = "mapped: run by processes.<name>.exec when the daemon is stopped"
		}
		for path, w := range want {
			k, ok := got[path]
			if !ok {
				t.Errorf("%s: no fate for %s", tg, path)
				continue
			}
			if strings.Contains(k.To, "services.") && !strings.HasPrefix(path, "processes.redis") {
				t.Errorf("%s: %s is attributed to a service: %s: %s", tg, path, k.Fate, k.To)
			}
			if w != "" && string(k.Fate)+": "+k.To != w {
				t.Errorf("%s: %s is %s: %s, want %s", tg, path, k.Fate, k.To, w)
			}
		}
	}
}

// TestFatesOverGoldens checks the fate of every key of every golden case
// under every target against the fate table: a key's fate is its row's,
// unless the reader decided it (unknown, consumed or left out keys), the
// lowering decided it by the key's value (the rows whose text says so),
// or its process became a service, which then names that service and no
// other.
func TestFatesOverGoldens(t *testing.T) {
	cases := goldenCases(t)
	// The rows whose fate the lowering may decide from the key's value.
	byValue := map[string]bool{
		"processes.*.replicas":           true,
		"processes.*.shutdown":           true,
		"processes.*.shutdown.command":   true,
		"processes.*.is_dotenv_disabled": true,
		"processes.*.is_elevated":        true,
	}
	keys := 0
	for _, c := range cases {
		dir := extractCase(t, c)
		args := caseArgs(t, c, dir)
		for _, tg := range args.targets {
			res, err := args.convert(dir, tg)
			if err != nil {
				t.Fatalf("%s: %s: %v", c.Name, tg, err)
			}
			for _, k := range res.Fates {
				keys++
				where := c.Name + ": " + tg.String() + ": " + k.Path.Quote()
				if k.Key != k.Path.String() {
					t.Errorf("%s: Key %q is not its path's text %q", where, k.Key, k.Path.String())
				}
				row := emit.FatesFor(k.Path.Pattern())
				if row == nil {
					if k.Fate != emit.Reported || k.To != "unknown key" {
						t.Errorf("%s: no row in the fate table for %s, and not an unknown key: %s: %s", where, k.Path.Pattern(), k.Fate, k.To)
					}
					continue
				}
				if name, _, ok := k.Path.Process(); ok {
					if svc, replaced := res.Replaced[name]; replaced {
						if !strings.Contains(k.To, svc) {
							t.Errorf("%s: process %q became %s, but its key's fate is %s: %s", where, name, svc, k.Fate, k.To)
						}
						continue
					}
				}
				if strings.Contains(k.To, "services.") {
					t.Errorf("%s: a key of a process that stayed one is attributed to a service: %s: %s", where, k.Fate, k.To)
				}
				f := row.Fates[tg]
				switch {
				case k.Fate == f.Kind && k.To == f.String():
				case k.Fate == emit.Consumed || k.Fate == emit.Reported:
					// Decided by the reader (or by value, below).
				case byValue[row.Pattern]:
				default:
					t.Errorf("%s: fate %s: %s, but its row (%s) says %s: %s", where, k.Fate, k.To, row.Pattern, f.Kind, f)
				}
			}
		}
	}
	if keys == 0 {
		t.Fatal("no keys in the golden cases")
	}
}
