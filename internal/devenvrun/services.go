package devenvrun

import (
	"maps"
	"slices"
	"strings"
)

// Readiness is how devenv tells that a service's process is ready.
type Readiness int

const (
	// ReadyNone: no readiness at all.
	ReadyNone Readiness = iota
	// ReadyPort: a port devenv allocates, which the native manager checks
	// with a TCP connect; process-compose has no probe for it.
	ReadyPort
	// ReadyProbe: an exec or HTTP probe, which both managers use.
	ReadyProbe
)

// service is what the module of a devenv service runs: its process, and
// how devenv tells it is ready (reference/devenv.md, section 4).
type service struct {
	process string
	ready   Readiness
}

// services are devenv's service modules, by option path under services.
var services = map[string]service{
	"adminer": {"adminer", ReadyPort}, "blackfire": {"blackfire-agent", ReadyPort},
	"caddy": {"caddy", ReadyNone}, "cassandra": {"cassandra", ReadyNone},
	"clickhouse": {"clickhouse-server", ReadyProbe}, "cockroachdb": {"cockroachdb", ReadyPort},
	"couchdb": {"couchdb", ReadyPort}, "dynamodb-local": {"dynamodb", ReadyProbe},
	"elasticmq": {"elasticmq-server", ReadyProbe}, "elasticsearch": {"elasticsearch", ReadyProbe},
	"garage": {"garage", ReadyProbe}, "httpbin": {"httpbin", ReadyPort},
	"influxdb": {"influxdb-server", ReadyProbe}, "kafka": {"kafka", ReadyProbe},
	"kafka.connect": {"kafka-connect", ReadyProbe}, "keycloak": {"keycloak", ReadyProbe},
	"mailhog": {"mailhog", ReadyPort}, "mailpit": {"mailpit", ReadyPort},
	"meilisearch": {"meilisearch", ReadyPort}, "memcached": {"memcached", ReadyProbe},
	"minio": {"minio", ReadyPort}, "mongodb": {"mongodb", ReadyNone},
	"mosquitto": {"mosquitto", ReadyPort}, "mysql": {"mysql", ReadyProbe},
	"nats": {"nats", ReadyProbe}, "nginx": {"nginx", ReadyNone},
	"nixseparatedebuginfod": {"nixseparatedebuginfod", ReadyPort},
	"opensearch":            {"opensearch", ReadyProbe}, "opentelemetry-collector": {"opentelemetry-collector", ReadyProbe},
	"postgres": {"postgres", ReadyProbe}, "prometheus": {"prometheus", ReadyProbe},
	"rabbitmq": {"rabbitmq", ReadyProbe}, "redis": {"redis", ReadyProbe},
	"rustfs": {"rustfs", ReadyProbe}, "sqld": {"sqld", ReadyProbe},
	"tailscale.funnel": {"tailscale-funnel", ReadyNone}, "temporal": {"temporal", ReadyPort},
	"tideways": {"tideways-daemon", ReadyNone}, "trafficserver": {"trafficserver", ReadyNone},
	"typesense": {"typesense", ReadyPort}, "varnish": {"varnish", ReadyPort},
	"vault": {"vault", ReadyPort}, "wiremock": {"wiremock", ReadyPort},
}

// ServiceProcess returns the process devenv's service at path (such as
// "services.postgres") runs, and how devenv tells it is ready.
func ServiceProcess(path string) (string, Readiness, bool) {
	s, ok := services[strings.TrimPrefix(path, "services.")]
	return s.process, s.ready, ok
}

// serviceOf returns the option path of the service whose process is
// named proc.
func serviceOf(proc string) string {
	for path, svc := range services {
		if svc.process == proc {
			return path
		}
	}
	return ""
}

// enabledServices returns the services the configuration enables, by
// option path under services.
func (c *Config) enabledServices() []string {
	var out []string
	for _, path := range slices.Sorted(maps.Keys(services)) {
		v := any(c.Services)
		for _, p := range strings.Split(path, ".") {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		if m, _ := v.(map[string]any); m != nil && m["enable"] == true {
			out = append(out, path)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
