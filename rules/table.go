package rules

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// Constructors that keep the table short.

func set(opt string, t ValueType) Action { return Action{Kind: Set, Option: opt, Type: t} }
func drop(why string) Action             { return Action{Kind: Drop, Why: why} }
func never(why string) Action            { return Action{Kind: Unsupported, Why: why} }
func constant(opt string, v any) Action  { return Action{Kind: Const, Option: opt, Value: v} }
func appendArgs(opt string) Action       { return Action{Kind: AppendArgs, Option: opt} }
func appendValue(opt string) Action      { return Action{Kind: AppendValue, Option: opt} }
func keepEnv(name string) Action         { return Action{Kind: KeepEnv, Option: name} }
func collect() Action                    { return Action{Kind: Collect} }
func expect(v any, why string) Action    { return Action{Kind: Expect, Value: v, Why: why} }
func nested(p *Program) Action           { return Action{Kind: Nested, Program: p} }

// arg is an option that takes a value; flag one that does not.
func arg(a Action, names ...string) Flag  { return Flag{Names: names, Arg: true, Do: a} }
func flag(a Action, names ...string) Flag { return Flag{Names: names, Do: a} }

// The reasons the table gives for leaving settings out.
const (
	whyData    = "devenv keeps the service's data in $DEVENV_STATE"
	whyLog     = "devenv keeps the process's output in its own logs"
	whyFg      = "devenv runs the service's process in the foreground"
	whyPid     = "devenv tracks the process itself"
	whyConfig  = "the converter does not read configuration files, and the service writes its own"
	whySocket  = "devenv puts the service's socket in $DEVENV_RUNTIME"
	whyDefault = "it is what the service does anyway"
)

var postgresSetting = Action{Kind: Setting, Option: "settings", Aliases: map[string]Action{
	"port":                    set("port", Int),
	"listen_addresses":        set("listen_addresses", Str),
	"unix_socket_directories": drop(whySocket + "/postgres and sets PGHOST to it"),
	"data_directory":          drop(whyData),
	"config_file":             never(whyConfig),
	"hba_file":                never(whyConfig),
}}

var postgresProgram = &Program{
	Names: []string{"postgres", "postmaster"},
	Flags: []Flag{
		arg(set("port", Int), "-p"),
		arg(set("listen_addresses", Str), "-h"),
		arg(drop(whySocket+"/postgres and sets PGHOST to it"), "-k"),
		arg(drop(whyData), "-D"),
		arg(postgresSetting, "-c"),
		flag(constant("listen_addresses", "*"), "-i"),
		arg(set("settings.max_connections", Int), "-N"),
		arg(set("settings.shared_buffers", Number), "-B"),
		flag(constant("settings.fsync", false), "-F"),
		arg(set("settings.work_mem", Number), "-S"),
	},
	Other: postgresSetting,
}

var redisProgram = &Program{
	Names:       []string{"redis-server"},
	ConfigStyle: true,
	Flags: []Flag{
		arg(set("port", Int), "--port"),
		arg(set("bind", Str), "--bind"),
		arg(drop(whyData), "--dir"),
		arg(drop(whyFg), "--daemonize"),
		arg(drop(whyLog), "--logfile"),
		arg(drop(whyPid), "--pidfile"),
	},
	Other:      Action{Kind: ConfigLine, Option: "extraConfig"},
	Positional: never("redis-server reads it as its configuration file, which the converter does not read"),
}

var mysqlSetting = Action{Kind: Setting, Option: `settings.mysqld`, Aliases: map[string]Action{
	"port":         set("settings.mysqld.port", Int),
	"bind-address": set("settings.mysqld.bind-address", Str),
	"datadir":      drop(whyData),
	"socket":       drop(whySocket + " and sets MYSQL_UNIX_PORT to it"),
	"pid-file":     drop(whyPid),
	"log-error":    drop(whyLog),
	"user":         never("devenv runs MySQL as the user who runs devenv"),
}}

var mysqlProgram = &Program{
	Names: []string{"mysqld", "mariadbd"},
	Flags: []Flag{
		arg(set("settings.mysqld.port", Int), "--port", "-P"),
		arg(set("settings.mysqld.bind-address", Str), "--bind-address"),
		arg(drop(whyData), "--datadir", "-h"),
		arg(drop(whySocket+" and sets MYSQL_UNIX_PORT to it"), "--socket"),
		arg(never(whyConfig), "--defaults-file", "--defaults-extra-file"),
		flag(drop(whyLog), "--console"),
	},
	Other: mysqlSetting,
}

var minioProgram = &Program{
	Names: []string{"minio"},
	Sub:   []string{"server"},
	Flags: []Flag{
		arg(set("listenAddress", Str), "--address"),
		arg(set("consoleAddress", Str), "--console-address"),
		arg(drop(whyConfig), "--config-dir", "-C"),
		flag(drop("devenv's minio logs as JSON anyway"), "--json"),
		flag(drop("a flag that only quiets the startup banner"), "--quiet"),
	},
	Positional: drop(whyData),
}

var memcachedProgram = &Program{
	Names: []string{"memcached"},
	Flags: []Flag{
		arg(set("port", Int), "-p", "--port"),
		arg(set("bind", Str), "-l", "--listen"),
		flag(drop(whyFg), "-d", "--daemon"),
		arg(drop(whyPid), "-P", "--pidfile"),
	},
	Other: appendArgs("startArgs"),
}

var natsProgram = &Program{
	Names: []string{"nats-server"},
	Flags: []Flag{
		arg(set("port", Int), "-p", "--port"),
		arg(set("host", Str), "-a", "--addr", "--net"),
		arg(set("serverName", Str), "-n", "--name", "--server_name"),
		flag(constant("jetstream.enable", true), "-js", "--jetstream"),
		arg(drop(whyData), "-sd", "--store_dir"),
		arg(set("monitoring.port", Int), "-m", "--http_port"),
		arg(set("clientAdvertise", Str), "--client_advertise"),
		flag(constant("debug", true), "-D", "--debug"),
		flag(constant("trace", true), "-V", "--trace"),
		arg(set("logFile", Str), "-l", "--log"),
		arg(never(whyConfig), "-c", "--config"),
		arg(set("authorization.user", Str), "--user"),
		arg(set("authorization.password", Str), "--pass"),
		arg(set("authorization.token", Str), "--auth"),
	},
}

var meilisearchProgram = &Program{
	Names: []string{"meilisearch"},
	Flags: []Flag{
		arg(Action{Kind: Set, Option: "listenAddress", Option2: "listenPort", Type: HostPortSplit}, "--http-addr"),
		arg(set("environment", Str), "--env"),
		flag(constant("noAnalytics", true), "--no-analytics"),
		arg(drop(whyData), "--db-path"),
		arg(set("logLevel", Str), "--log-level"),
		arg(set("maxIndexSize", Str), "--max-index-size"),
		arg(keepEnv("MEILI_MASTER_KEY"), "--master-key"),
	},
}

var typesenseProgram = &Program{
	Names: []string{"typesense-server"},
	Flags: []Flag{
		arg(set("apiKey", Str), "--api-key"),
		arg(set("host", Str), "--api-host", "--api-address"),
		arg(set("port", Int), "--api-port"),
		arg(set("searchOnlyKey", Str), "--search-only-api-key"),
		arg(drop(whyData), "--data-dir", "-d"),
		arg(never(whyConfig), "--config"),
	},
	Other: appendArgs("additionalArgs"),
}

var mailpitProgram = &Program{
	Names: []string{"mailpit"},
	Flags: []Flag{
		arg(set("uiListenAddress", Str), "--listen", "-l"),
		arg(set("smtpListenAddress", Str), "--smtp", "-s"),
		arg(drop(whyData), "--database", "-d"),
	},
	Other: appendArgs("additionalArgs"),
}

var mailhogProgram = &Program{
	Names: []string{"MailHog", "mailhog"},
	Flags: []Flag{
		arg(set("apiListenAddress", Str), "-api-bind-addr", "--api-bind-addr"),
		arg(set("uiListenAddress", Str), "-ui-bind-addr", "--ui-bind-addr"),
		arg(set("smtpListenAddress", Str), "-smtp-bind-addr", "--smtp-bind-addr"),
	},
	Other: appendArgs("additionalArgs"),
}

var mongodProgram = &Program{
	Names: []string{"mongod"},
	Flags: []Flag{
		arg(drop(whyData), "--dbpath"),
		arg(drop(whyLog), "--logpath"),
		flag(drop(whyLog), "--logappend"),
		flag(never("devenv runs mongod in the foreground, and a forked mongod looks finished"), "--fork"),
		arg(never(whyConfig), "--config", "-f"),
	},
	Other: appendArgs("additionalArgs"),
}

var clickhouseProgram = &Program{
	Names: []string{"clickhouse-server"},
	Flags: []Flag{
		arg(never(whyConfig), "--config-file", "-C", "--config"),
	},
}

var clickhouseServer = &Program{
	Names: []string{"clickhouse"},
	Sub:   []string{"server"},
	Flags: clickhouseProgram.Flags,
}

var dynamodbProgram = &Program{
	Names: []string{"dynamodb-local"},
	Jar:   "DynamoDBLocal",
	Flags: []Flag{
		arg(set("port", Int), "-port"),
		flag(constant("sharedDb", true), "-sharedDb"),
		arg(drop(whyData), "-dbPath"),
		flag(never("devenv's dynamodb-local keeps its data on disk"), "-inMemory"),
		flag(drop("an option that only affects the API's error messages"), "-delayTransientStatuses"),
	},
}

var elasticsearchSetting = Action{Kind: Setting, Aliases: map[string]Action{
	"http.port":      set("port", Int),
	"transport.port": set("tcp_port", Int),
	"network.host":   set("listenAddress", Str),
	"cluster.name":   set("cluster_name", Str),
	"discovery.type": expect("single-node", "devenv's elasticsearch runs a single node"),
	"path.data":      drop(whyData),
	"path.logs":      drop(whyLog),
	"xpack.security.enabled": expect("false",
		"devenv's elasticsearch runs without security"),
}}

var elasticsearchProgram = &Program{
	Names: []string{"elasticsearch"},
	Flags: []Flag{arg(elasticsearchSetting, "-E")},
}

var opensearchSetting = Action{Kind: Setting, Option: "settings", Aliases: map[string]Action{
	"http.port":      set(`settings."http.port"`, Int),
	"transport.port": set(`settings."transport.port"`, Int),
	"path.data":      drop(whyData),
	"path.logs":      drop(whyLog),
	"plugins.security.disabled": {Kind: Set, Option: `settings."plugins.security.disabled"`,
		Type: Bool},
}}

var opensearchProgram = &Program{
	Names: []string{"opensearch"},
	Flags: []Flag{arg(opensearchSetting, "-E")},
}

var rabbitmqProgram = &Program{
	Names: []string{"rabbitmq-server"},
	Flags: []Flag{flag(never("devenv runs rabbitmq in the foreground, and a detached one looks finished"), "-detached")},
}

var influxdProgram = &Program{
	Names: []string{"influxd"},
	Flags: []Flag{
		arg(Action{Kind: Set, Option: "port", Type: PortOf}, "--http-bind-address"),
		arg(drop(whyData), "--bolt-path", "--engine-path", "--sqlite-path"),
		arg(never(whyConfig), "--config"),
	},
	Other: appendArgs("extraArgs"),
}

var temporalProgram = &Program{
	Names: []string{"temporal"},
	Sub:   []string{"server", "start-dev"},
	Flags: []Flag{
		arg(set("port", Int), "--port", "-p"),
		arg(set("ip", Str), "--ip"),
		arg(set("ui.port", Int), "--ui-port"),
		arg(set("ui.ip", Str), "--ui-ip"),
		flag(constant("ui.enable", false), "--headless"),
		arg(appendValue("namespaces"), "--namespace", "-n"),
		arg(Action{Kind: Const, Option: "state.ephemeral", Value: false}, "--db-filename", "-f"),
		arg(Action{Kind: Setting, Option: "dynamicConfig", Type: Str}, "--dynamic-config-value"),
		arg(Action{Kind: Setting, Option: "state.sqlite-pragma", Type: Str}, "--sqlite-pragma"),
		arg(drop("devenv's temporal chooses its log format"), "--log-format"),
	},
}

var prometheusProgram = &Program{
	Names: []string{"prometheus"},
	Flags: []Flag{
		arg(never("devenv's prometheus builds its configuration from scrapeConfigs and its other options"), "--config.file"),
		arg(Action{Kind: Set, Option: "port", Type: PortOf}, "--web.listen-address"),
		arg(drop(whyData), "--storage.tsdb.path"),
		arg(set("storage.retentionTime", Str), "--storage.tsdb.retention.time"),
	},
	ImplicitConfig: "without --config.file, prometheus reads ./prometheus.yml, which the converter does not read",
	ConfigFlags:    []string{"--config.file"},
}

var couchdbProgram = &Program{Names: []string{"couchdb"}}

var cassandraProgram = &Program{
	Names: []string{"cassandra"},
	Flags: []Flag{
		flag(drop(whyFg), "-f"),
		flag(drop("devenv runs cassandra as the user who runs devenv"), "-R"),
		arg(drop(whyPid), "-p"),
	},
}

var kafkaProgram = &Program{
	Names:      []string{"kafka-server-start.sh", "kafka-server-start"},
	Positional: never("kafka reads it as its configuration file, which the converter does not read"),
	Flags:      []Flag{flag(never("devenv runs kafka in the foreground, and a daemon looks finished"), "-daemon")},
}

var kafkaConnectProgram = &Program{
	Names:      []string{"connect-distributed.sh", "connect-distributed", "connect-standalone.sh", "connect-standalone"},
	Positional: never("kafka connect reads it as its configuration file, which the converter does not read"),
}

var elasticmqProgram = &Program{
	Names: []string{"elasticmq-server"},
	Jar:   "elasticmq-server",
}

var wiremockProgram = &Program{
	Names: []string{"wiremock"},
	Jar:   "wiremock-standalone",
	Flags: []Flag{
		arg(set("port", Int), "--port"),
		flag(constant("verbose", true), "--verbose"),
		flag(constant("disableBanner", true), "--disable-banner"),
		arg(never("devenv's wiremock takes its mappings from its mappings option"), "--root-dir"),
	},
}

var caddyProgram = &Program{
	Names: []string{"caddy"},
	Sub:   []string{"run"},
	Flags: []Flag{
		arg(never("devenv's caddy takes its configuration from its config and virtualHosts options"), "--config", "-c"),
		arg(set("adapter", Str), "--adapter", "-a"),
		flag(constant("resume", true), "--resume", "-r"),
		flag(drop("caddy prints its environment at start"), "--environ", "-e"),
		flag(drop(whyDefault), "--watch", "-w"),
	},
	ImplicitConfig: "without --config, caddy run reads ./Caddyfile when there is one, which the converter does not read",
	ConfigFlags:    []string{"--config", "-c", "--resume", "-r"},
}

var nginxProgram = &Program{
	Names: []string{"nginx"},
	Flags: []Flag{
		arg(never("devenv's nginx writes its own configuration from httpConfig and eventsConfig"), "-c"),
		arg(expect("daemon off;", whyFg), "-g"),
		arg(drop("devenv gives nginx a prefix of its own"), "-p"),
	},
	ImplicitConfig: "without -c, nginx reads the nginx.conf compiled into it, not devenv's configuration",
	ConfigFlags:    []string{"-c"},
}

var cockroachProgram = &Program{
	Names: []string{"cockroach", "cockroachdb"},
	Sub:   []string{"start-single-node"},
	Flags: []Flag{
		flag(drop("devenv's cockroachdb runs insecure too"), "--insecure"),
		arg(set("listen_addr", Str), "--listen-addr"),
		arg(set("http_addr", Str), "--http-addr"),
		arg(drop(whyData), "--store", "-s"),
		flag(never("devenv runs cockroach in the foreground, and a background one looks finished"), "--background"),
	},
}

var varnishProgram = &Program{
	Names: []string{"varnishd"},
	Flags: []Flag{
		arg(set("listen", Str), "-a"),
		arg(never("devenv's varnish takes its VCL from its vcl option"), "-f"),
		arg(never("devenv's varnish takes its backend from its vcl option"), "-b"),
		flag(drop(whyFg), "-F"),
		arg(drop(whyData), "-n"),
	},
	ImplicitConfig: "varnishd needs a VCL file (-f) or a backend (-b)",
	ConfigFlags:    []string{"-f", "-b"},
}

var sqldProgram = &Program{
	Names: []string{"sqld"},
	Flags: []Flag{
		arg(Action{Kind: Set, Option: "port", Type: PortOf}, "--http-listen-addr"),
		arg(drop(whyData), "--db-path", "-d"),
	},
	Other: appendArgs("extraArgs"),
}

var httpbinProgram = &Program{
	Names:   []string{"gunicorn"},
	Generic: true,
	Sub:     []string{"httpbin:app"},
	Flags: []Flag{
		arg(appendValue("bind"), "-b", "--bind"),
	},
	Other: appendArgs("extraArgs"),
}

var keycloakProgram = &Program{
	Names: []string{"kc.sh", "keycloak"},
	Sub:   []string{"start-dev"},
	Flags: []Flag{
		arg(set("settings.http-port", Int), "--http-port"),
		arg(set("settings.http-host", Str), "--http-host"),
		arg(set("settings.hostname", Str), "--hostname"),
		arg(set("settings.http-relative-path", Str), "--http-relative-path"),
	},
}

var garageProgram = &Program{
	Names:          []string{"garage"},
	Sub:            []string{"server"},
	Flags:          []Flag{arg(never("devenv's garage writes its own configuration"), "-c", "--config")},
	ImplicitConfig: "without -c, garage reads /etc/garage.toml, which the converter does not read",
	ConfigFlags:    []string{"-c", "--config"},
}

var rustfsProgram = &Program{
	Names: []string{"rustfs"},
	Flags: []Flag{
		arg(Action{Kind: Set, Option: "port", Type: PortOf}, "--address"),
		arg(Action{Kind: Set, Option: "consolePort", Type: PortOf}, "--console-address"),
		arg(set("accessKey", Str), "--access-key"),
		arg(set("secretKey", Str), "--secret-key"),
		flag(constant("consoleEnable", true), "--console-enable"),
	},
	Positional: drop(whyData),
}

var adminerProgram = &Program{
	Names:   []string{"php"},
	Generic: true,
	Sub:     []string{"adminer.php"},
	Flags:   []Flag{arg(set("listen", Str), "-S")},
}

var blackfireProgram = &Program{
	Names: []string{"blackfire-agent"},
	Flags: []Flag{
		arg(set("socket", Str), "--socket"),
		arg(set("server-id", Str), "--server-id"),
		arg(set("server-token", Str), "--server-token"),
	},
}

var blackfireAgent = &Program{
	Names: []string{"blackfire"},
	Sub:   []string{"agent:start"},
	Flags: blackfireProgram.Flags,
}

var otelProgram = &Program{
	Names:          []string{"otelcol", "otelcol-contrib", "otelcol-core"},
	Flags:          []Flag{arg(never("devenv's collector takes its configuration from its settings option"), "--config")},
	ImplicitConfig: "the collector needs a configuration (--config)",
	ConfigFlags:    []string{"--config"},
}

var mosquittoProgram = &Program{
	Names: []string{"mosquitto"},
	Flags: []Flag{
		arg(set("port", Int), "-p", "--port"),
		arg(never("devenv's mosquitto takes its configuration from its extraConfig option"), "-c", "--config-file"),
		flag(drop(whyFg), "-d", "--daemon"),
		flag(Action{Kind: Const, Option: "extraConfig", Value: "log_type all"}, "-v", "--verbose"),
	},
}

var trafficserverProgram = &Program{
	Names:          []string{"traffic_server", "traffic_manager"},
	ImplicitConfig: "it reads the configuration directory compiled into it, which the converter does not read",
	ConfigFlags:    []string{},
}

var nixseparatedebuginfodProgram = &Program{
	Names: []string{"nixseparatedebuginfod"},
	Flags: []Flag{arg(Action{Kind: Set, Option: "host", Option2: "port", Type: HostPortSplit}, "-l", "--listen-address")},
}

var tailscaleProgram = &Program{
	Names:      []string{"tailscale"},
	Sub:        []string{"funnel"},
	Positional: set("target", Str),
	Flags: []Flag{
		flag(never("devenv runs the funnel in the foreground"), "--bg"),
		arg(never("devenv's funnel serves on the default HTTPS port"), "--https"),
	},
}

var tidewaysProgram = &Program{Names: []string{"tideways-daemon"}}

var vaultProgram = &Program{
	Names: []string{"vault"},
	Sub:   []string{"server"},
	Flags: []Flag{
		flag(never("a development server keeps its data in memory and is unsealed with a root token it prints; devenv's vault keeps its data and unseals itself"), "-dev"),
		arg(never("devenv's vault writes its own configuration"), "-config"),
		arg(set("address", Str), "-dev-listen-address"),
	},
	ImplicitConfig: "vault server needs -config or -dev",
	ConfigFlags:    []string{"-config", "-dev"},
}

// Table is every devenv service pc2devenv can turn a process into, in
// the order of devenv's documentation.
var Table = []*Rule{
	{Service: "adminer", Title: "Adminer", Process: "adminer", Readiness: ReadyPorts,
		Names:    []string{"adminer"},
		Programs: []*Program{adminerProgram},
		Images: []*Image{{Names: []string{"adminer"},
			Ports: []ImagePort{{Container: 8080, Port: set("listen", Str), HostPort: true}}}}},
	{Service: "blackfire", Title: "Blackfire", Process: "blackfire-agent", Readiness: ReadyPorts,
		Names:    []string{"blackfire"},
		Programs: []*Program{blackfireProgram, blackfireAgent},
		Env: map[string]Action{
			"BLACKFIRE_SERVER_ID": set("server-id", Str), "BLACKFIRE_SERVER_TOKEN": set("server-token", Str),
			"BLACKFIRE_CLIENT_ID": set("client-id", Str), "BLACKFIRE_CLIENT_TOKEN": set("client-token", Str),
			"BLACKFIRE_SOCKET": set("socket", Str)}},
	{Service: "caddy", Title: "Caddy", Process: "caddy", Readiness: ReadyNone,
		Names:    []string{"caddy"},
		Programs: []*Program{caddyProgram}},
	{Service: "cassandra", Title: "Cassandra", Process: "cassandra", Readiness: ReadyNone,
		Names:    []string{"cassandra"},
		Programs: []*Program{cassandraProgram},
		Images: []*Image{{Names: []string{"cassandra"}, Data: []string{"/var/lib/cassandra"},
			Ports: []ImagePort{{Container: 9042, Port: expect("9042", "devenv's cassandra listens on port 9042"),
				Listen: drop("devenv's cassandra listens on its listenAddress, which cannot be a wildcard address")}},
			Env: map[string]Action{"CASSANDRA_CLUSTER_NAME": set("clusterName", Str)}}}},
	{Service: "clickhouse", Title: "ClickHouse", Process: "clickhouse-server", Readiness: ReadyProbe,
		Names:    []string{"clickhouse"},
		Programs: []*Program{clickhouseProgram, clickhouseServer},
		Images: []*Image{{Names: []string{"clickhouse/clickhouse-server", "yandex/clickhouse-server", "clickhouse"},
			Data: []string{"/var/lib/clickhouse"},
			Env: map[string]Action{
				"CLICKHOUSE_USER":                      expect("default", "devenv's clickhouse has the user default only; other users need its usersConfig, which the converter does not write"),
				"CLICKHOUSE_PASSWORD":                  expect("", "devenv's clickhouse user default has no password; a password needs its usersConfig, which the converter does not write"),
				"CLICKHOUSE_DB":                        never("devenv's clickhouse creates no database of its own; create it with clickhouse-client"),
				"CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT": never("devenv's clickhouse takes its access management from usersConfig, which the converter does not write"),
				"CLICKHOUSE_SKIP_USER_SETUP":           drop("devenv's clickhouse sets up no user anyway")},
			Ports: []ImagePort{
				{Container: 9000, Port: set("port", Int), Listen: drop("devenv's clickhouse listens where its configuration says")},
				{Container: 8123, Port: set("httpPort", Int), Listen: drop("devenv's clickhouse listens where its configuration says")}}}}},
	{Service: "cockroachdb", Title: "CockroachDB", Process: "cockroachdb", Readiness: ReadyPorts,
		Names:    []string{"cockroach", "cockroachdb"},
		Programs: []*Program{cockroachProgram},
		Images: []*Image{{Names: []string{"cockroachdb/cockroach"}, Data: []string{"/cockroach/cockroach-data"},
			Program: cockroachProgram,
			Ports: []ImagePort{
				{Container: 26257, Port: set("listen_addr", Str), HostPort: true},
				{Container: 8080, Port: set("http_addr", Str), HostPort: true}}}}},
	{Service: "couchdb", Title: "CouchDB", Process: "couchdb", Readiness: ReadyPorts,
		Names:    []string{"couchdb"},
		Programs: []*Program{couchdbProgram},
		Images: []*Image{{Names: []string{"couchdb"}, Data: []string{"/opt/couchdb/data"},
			Ports: []ImagePort{{Container: 5984, Port: set("settings.chttpd.port", Int), Listen: set("settings.chttpd.bind_address", Str)}},
			Env:   map[string]Action{"COUCHDB_USER": collect(), "COUCHDB_PASSWORD": collect()},
			Build: couchdbAdmins}}},
	{Service: "dynamodb-local", Title: "DynamoDB Local", Process: "dynamodb", Readiness: ReadyProbe,
		Names:    []string{"dynamodb"},
		Programs: []*Program{dynamodbProgram},
		Images: []*Image{{Names: []string{"amazon/dynamodb-local"}, Program: dynamodbProgram,
			Ports: []ImagePort{{Container: 8000, Port: set("port", Int)}}}}},
	{Service: "elasticmq", Title: "ElasticMQ", Process: "elasticmq-server", Readiness: ReadyProbe,
		Names:    []string{"elasticmq"},
		Programs: []*Program{elasticmqProgram},
		Images: []*Image{{Names: []string{"softwaremill/elasticmq", "softwaremill/elasticmq-native"},
			Ports: []ImagePort{{Container: 9324, Port: expect("9324", "devenv's elasticmq listens on port 9324")}}}}},
	{Service: "elasticsearch", Title: "Elasticsearch", Process: "elasticsearch", Readiness: ReadyProbe,
		Names:    []string{"elasticsearch", "elastic"},
		Programs: []*Program{elasticsearchProgram},
		Env:      map[string]Action{"ES_JAVA_OPTS": set("extraJavaOptions", StrList)},
		Images: []*Image{{Names: []string{"elasticsearch", "elasticsearch/elasticsearch"},
			Data:       []string{"/usr/share/elasticsearch/data"},
			DottedConf: "extraConf",
			Packages:   map[string]string{"7": "elasticsearch7"},
			Ports: []ImagePort{
				{Container: 9200, Port: set("port", Int), Listen: set("listenAddress", Str)},
				{Container: 9300, Port: set("tcp_port", Int)}},
			Env: map[string]Action{
				"discovery.type":         expect("single-node", "devenv's elasticsearch runs a single node"),
				"xpack.security.enabled": expect("false", "devenv's elasticsearch runs without security"),
				"ES_JAVA_OPTS":           set("extraJavaOptions", StrList),
				"cluster.name":           set("cluster_name", Str)},
			NoPackage: "devenv's default is Elasticsearch 7, the only version in nixpkgs"}}},
	{Service: "garage", Title: "Garage", Process: "garage", Helpers: []string{"garage-configure", "garage-web-ui"}, Readiness: ReadyProbe,
		Names:    []string{"garage"},
		Programs: []*Program{garageProgram}},
	{Service: "httpbin", Title: "httpbin", Process: "httpbin", Readiness: ReadyPorts,
		Names:    []string{"httpbin"},
		Programs: []*Program{httpbinProgram},
		Images: []*Image{{Names: []string{"kennethreitz/httpbin"},
			Ports: []ImagePort{{Container: 80, Port: appendValue("bind"), HostPort: true, Native: 8080}}}}},
	{Service: "influxdb", Title: "InfluxDB 2", Process: "influxdb-server", Readiness: ReadyProbe,
		Names:    []string{"influxdb", "influx", "influxd"},
		Programs: []*Program{influxdProgram},
		Images: []*Image{{Names: []string{"influxdb"}, Data: []string{"/var/lib/influxdb2"}, Tags: []string{"2"},
			Ports: []ImagePort{{Container: 8086, Port: set("port", Int)}}}}},
	{Service: "kafka", Title: "Kafka", Process: "kafka", Readiness: ReadyProbe,
		Names:    []string{"kafka"},
		Programs: []*Program{kafkaProgram},
		Images: []*Image{{Names: []string{"apache/kafka", "apache/kafka-native"},
			Ports: []ImagePort{{Container: 9092, Port: expect("9092", "devenv's kafka listens on port 9092")}}}}},
	{Service: "kafka.connect", Title: "Kafka Connect", Process: "kafka-connect", Readiness: ReadyProbe,
		Names:    []string{"connect"},
		Programs: []*Program{kafkaConnectProgram},
		Note:     "services.kafka.connect needs services.kafka.enable as well"},
	{Service: "keycloak", Title: "Keycloak", Process: "keycloak", Helpers: []string{"keycloak-realm-export-all"}, Readiness: ReadyProbe,
		Names:    []string{"keycloak"},
		Programs: []*Program{keycloakProgram},
		Images: []*Image{{Names: []string{"keycloak/keycloak", "jboss/keycloak"}, Program: keycloakProgram,
			Ports: []ImagePort{{Container: 8080, Port: set("settings.http-port", Int)}},
			Env: map[string]Action{
				"KEYCLOAK_ADMIN":               expect("admin", "devenv's keycloak names its admin admin"),
				"KC_BOOTSTRAP_ADMIN_USERNAME":  expect("admin", "devenv's keycloak names its admin admin"),
				"KEYCLOAK_ADMIN_PASSWORD":      set("initialAdminPassword", Str),
				"KC_BOOTSTRAP_ADMIN_PASSWORD":  set("initialAdminPassword", Str),
				"KC_HTTP_PORT":                 set("settings.http-port", Int),
				"KC_HOSTNAME":                  set("settings.hostname", Str),
				"KC_HTTP_RELATIVE_PATH":        set("settings.http-relative-path", Str),
				"KC_HEALTH_ENABLED":            expect("true", "devenv's keycloak enables health checks"),
				"KC_BOOTSTRAP_ADMIN_CLIENT_ID": never("devenv's keycloak has no admin client")}}}},
	{Service: "mailhog", Title: "MailHog", Process: "mailhog", Readiness: ReadyPorts,
		Names:    []string{"mailhog"},
		Programs: []*Program{mailhogProgram},
		Images: []*Image{{Names: []string{"mailhog/mailhog"}, Program: mailhogProgram,
			Ports: []ImagePort{
				{Container: 8025, Port: Action{Kind: Set, Option: "uiListenAddress", Option2: "apiListenAddress"}, HostPort: true},
				{Container: 1025, Port: set("smtpListenAddress", Str), HostPort: true}}}}},
	{Service: "mailpit", Title: "Mailpit", Process: "mailpit", Readiness: ReadyPorts,
		Names:    []string{"mailpit"},
		Programs: []*Program{mailpitProgram},
		Images: []*Image{{Names: []string{"axllent/mailpit"}, Program: mailpitProgram, Data: []string{"/data"},
			EnvPrefixes: []string{"MP_"},
			Ports: []ImagePort{
				{Container: 8025, Port: set("uiListenAddress", Str), HostPort: true},
				{Container: 1025, Port: set("smtpListenAddress", Str), HostPort: true}}}}},
	{Service: "meilisearch", Title: "Meilisearch", Process: "meilisearch", Readiness: ReadyPorts,
		Names:    []string{"meilisearch", "meili"},
		Programs: []*Program{meilisearchProgram},
		Env: map[string]Action{
			"MEILI_NO_ANALYTICS": set("noAnalytics", Bool),
			"MEILI_ENV":          set("environment", Str),
			"MEILI_HTTP_ADDR":    {Kind: Set, Option: "listenAddress", Option2: "listenPort", Type: HostPortSplit},
			"MEILI_DB_PATH":      drop(whyData),
			"MEILI_LOG_LEVEL":    set("logLevel", Str),
		},
		Images: []*Image{{Names: []string{"getmeili/meilisearch"}, Program: meilisearchProgram,
			Data: []string{"/meili_data"}, EnvPrefixes: []string{"MEILI_"},
			Ports: []ImagePort{{Container: 7700, Port: set("listenPort", Int), Listen: set("listenAddress", Str)}},
			Env: map[string]Action{
				"MEILI_NO_ANALYTICS": set("noAnalytics", Bool),
				"MEILI_ENV":          set("environment", Str),
				"MEILI_DB_PATH":      drop(whyData),
				"MEILI_LOG_LEVEL":    set("logLevel", Str)}}}},
	{Service: "memcached", Title: "Memcached", Process: "memcached", Readiness: ReadyProbe,
		Names:    []string{"memcached", "memcache"},
		Programs: []*Program{memcachedProgram},
		Images: []*Image{{Names: []string{"memcached"}, Program: memcachedProgram,
			Ports: []ImagePort{{Container: 11211, Port: set("port", Int), Listen: set("bind", Str)}}}}},
	{Service: "minio", Title: "MinIO", Process: "minio", Readiness: ReadyPorts,
		Names:    []string{"minio"},
		Programs: []*Program{minioProgram},
		Env: map[string]Action{
			"MINIO_ROOT_USER":     set("accessKey", Str),
			"MINIO_ROOT_PASSWORD": set("secretKey", Str),
			"MINIO_REGION":        set("region", Str),
			"MINIO_BROWSER":       set("browser", OnOff),
		},
		Images: []*Image{{Names: []string{"minio/minio"}, Program: minioProgram, Data: []string{"/data"},
			Ports: []ImagePort{
				{Container: 9000, Port: set("listenAddress", Str), HostPort: true},
				{Container: 9001, Port: set("consoleAddress", Str), HostPort: true}},
			Env: map[string]Action{
				"MINIO_ROOT_USER":     set("accessKey", Str),
				"MINIO_ROOT_PASSWORD": set("secretKey", Str),
				"MINIO_ACCESS_KEY":    set("accessKey", Str),
				"MINIO_SECRET_KEY":    set("secretKey", Str),
				"MINIO_REGION":        set("region", Str),
				"MINIO_REGION_NAME":   set("region", Str),
				"MINIO_BROWSER":       set("browser", OnOff)}}}},
	{Service: "mongodb", Title: "MongoDB", Process: "mongodb", Helpers: []string{"mongodb-configure"}, Readiness: ReadyNone,
		Names:    []string{"mongo", "mongodb", "mongod"},
		Programs: []*Program{mongodProgram},
		Images: []*Image{{Names: []string{"mongo"}, Program: mongodProgram, Data: []string{"/data/db"},
			Ports: []ImagePort{{Container: 27017, Port: expect("27017", "devenv's mongodb listens on port 27017 unless additionalArgs says otherwise"),
				Listen: drop("devenv's mongod listens on the local address")}},
			Env: map[string]Action{
				"MONGO_INITDB_ROOT_USERNAME": set("initDatabaseUsername", Str),
				"MONGO_INITDB_ROOT_PASSWORD": set("initDatabasePassword", Str),
				"MONGO_INITDB_DATABASE":      drop("the image uses it only for its init scripts, and there are none")}}}},
	{Service: "mosquitto", Title: "Mosquitto", Process: "mosquitto", Readiness: ReadyPorts,
		Names:    []string{"mosquitto", "mqtt"},
		Programs: []*Program{mosquittoProgram},
		Images: []*Image{{Names: []string{"eclipse-mosquitto"}, Data: []string{"/mosquitto/data"},
			Ports: []ImagePort{{Container: 1883, Port: set("port", Int), Listen: set("bind", Str)}}}}},
	{Service: "mysql", Title: "MySQL", Process: "mysql", Readiness: ReadyProbe,
		Names:    []string{"mysql", "mysqld", "mariadb"},
		Programs: []*Program{mysqlProgram},
		Images: []*Image{
			{Names: []string{"mysql"}, Program: mysqlProgram, Data: []string{"/var/lib/mysql"}, InitScripts: true,
				Ports:     []ImagePort{{Container: 3306, Port: set("settings.mysqld.port", Int), Listen: set("settings.mysqld.bind-address", Str)}},
				Env:       mysqlImageEnv("MYSQL_"),
				Build:     mysqlDatabases("MYSQL_"),
				Packages:  map[string]string{"8.0": "mysql80", "8.4": "mysql84"},
				NoPackage: "devenv's services.mysql runs MariaDB unless its package is set; set package to a MySQL of nixpkgs (pkgs.mysql84, say)"},
			{Names: []string{"mariadb"}, Program: mysqlProgram, Data: []string{"/var/lib/mysql"}, InitScripts: true,
				Ports:    []ImagePort{{Container: 3306, Port: set("settings.mysqld.port", Int), Listen: set("settings.mysqld.bind-address", Str)}},
				Env:      mariadbImageEnv(),
				Build:    mariadbDatabases,
				Packages: map[string]string{"10.11": "mariadb_1011", "11.4": "mariadb_114", "11.8": "mariadb_118"}},
		}},
	{Service: "nats", Title: "NATS", Process: "nats", Readiness: ReadyProbe,
		Names:    []string{"nats"},
		Programs: []*Program{natsProgram},
		Images: []*Image{{Names: []string{"nats"}, Program: natsProgram,
			Ports: []ImagePort{
				{Container: 4222, Port: set("port", Int), Listen: set("host", Str)},
				{Container: 8222, Port: set("monitoring.port", Int)}}}}},
	{Service: "nginx", Title: "nginx", Process: "nginx", Readiness: ReadyNone,
		Names:    []string{"nginx"},
		Programs: []*Program{nginxProgram},
		Images: []*Image{{Names: []string{"nginx"},
			Ports: []ImagePort{{Container: 80, Port: never("devenv's nginx listens where its httpConfig says, and the image's site is not devenv's")}}}}},
	{Service: "nixseparatedebuginfod", Title: "nixseparatedebuginfod", Process: "nixseparatedebuginfod", Readiness: ReadyPorts,
		Names:    []string{"nixseparatedebuginfod", "debuginfod"},
		Programs: []*Program{nixseparatedebuginfodProgram}},
	{Service: "opensearch", Title: "OpenSearch", Process: "opensearch", Readiness: ReadyProbe,
		Names:    []string{"opensearch"},
		Programs: []*Program{opensearchProgram},
		Env:      map[string]Action{"OPENSEARCH_JAVA_OPTS": set("extraJavaOptions", StrList)},
		Images: []*Image{{Names: []string{"opensearchproject/opensearch"}, Data: []string{"/usr/share/opensearch/data"},
			Ports: []ImagePort{
				{Container: 9200, Port: set(`settings."http.port"`, Int), Listen: set(`settings."network.host"`, Str)},
				{Container: 9300, Port: set(`settings."transport.port"`, Int)}},
			Env: map[string]Action{
				"discovery.type":                    set(`settings."discovery.type"`, Str),
				"cluster.name":                      set(`settings."cluster.name"`, Str),
				"plugins.security.disabled":         set(`settings."plugins.security.disabled"`, Bool),
				"DISABLE_SECURITY_PLUGIN":           expect("true", "devenv's opensearch runs without its security plugin"),
				"OPENSEARCH_INITIAL_ADMIN_PASSWORD": drop("devenv's opensearch runs without its security plugin, so no admin password is needed"),
				"OPENSEARCH_JAVA_OPTS":              set("extraJavaOptions", StrList)}}}},
	{Service: "opentelemetry-collector", Title: "the OpenTelemetry Collector", Process: "opentelemetry-collector", Readiness: ReadyProbe,
		Names:    []string{"otel", "otelcol", "collector"},
		Programs: []*Program{otelProgram}},
	{Service: "postgres", Title: "PostgreSQL", Process: "postgres", Readiness: ReadyProbe,
		Names: []string{"postgres", "postgresql", "pgsql"},
		Programs: []*Program{postgresProgram, {
			Names:  []string{"pg_ctl"},
			Sub:    []string{"start"},
			Daemon: true,
			Flags: []Flag{
				arg(drop(whyData), "-D", "--pgdata"),
				arg(drop(whyLog), "-l", "--log"),
				arg(nested(postgresProgram), "-o", "--options"),
				flag(drop("devenv waits for PostgreSQL with its readiness probe"), "-w", "--wait", "-W", "--no-wait"),
				flag(drop("an option of pg_ctl's own output"), "-s", "--silent"),
				arg(drop("devenv waits for PostgreSQL with its readiness probe"), "-t", "--timeout"),
			},
		}},
		Wrapper: &Wrapper{Env: []string{"PGDATA"}},
		Env: map[string]Action{
			"PGDATA": drop(whyData),
			"PGHOST": drop("PostgreSQL does not read it; devenv sets it for clients"),
			"PGPORT": set("port", Int),
		},
		Images: []*Image{{Names: []string{"postgres"}, Program: postgresProgram,
			Data:        []string{"/var/lib/postgresql/data", "/var/lib/postgresql"},
			InitScripts: true, InitDirs: true,
			Ports: []ImagePort{{Container: 5432, Port: set("port", Int), Listen: set("listen_addresses", Str)}},
			Env: map[string]Action{
				"POSTGRES_USER":             collect(),
				"POSTGRES_PASSWORD":         collect(),
				"POSTGRES_DB":               collect(),
				"PGDATA":                    drop(whyData),
				"POSTGRES_HOST_AUTH_METHOD": expect("trust", "devenv's postgres trusts local connections"),
				"POSTGRES_INITDB_ARGS":      set("initdbArgs", StrList),
			},
			Build: postgresDatabases,
			Packages: map[string]string{
				"14": "postgresql_14", "15": "postgresql_15", "16": "postgresql_16", "17": "postgresql_17", "18": "postgresql_18",
			}}}},
	{Service: "prometheus", Title: "Prometheus", Process: "prometheus", Readiness: ReadyProbe,
		Names:    []string{"prometheus"},
		Programs: []*Program{prometheusProgram},
		Images: []*Image{{Names: []string{"prom/prometheus"}, Data: []string{"/prometheus"},
			Ports: []ImagePort{{Container: 9090, Port: set("port", Int)}}}}},
	{Service: "rabbitmq", Title: "RabbitMQ", Process: "rabbitmq", Readiness: ReadyProbe,
		Names:    []string{"rabbitmq", "rabbit", "amqp"},
		Programs: []*Program{rabbitmqProgram},
		Env: map[string]Action{
			"RABBITMQ_NODE_PORT":       set("port", Int),
			"RABBITMQ_NODE_IP_ADDRESS": set("listenAddress", Str),
			"RABBITMQ_NODENAME":        set("nodeName", Str),
			"RABBITMQ_MNESIA_BASE":     drop(whyData),
			"RABBITMQ_LOG_BASE":        drop(whyLog),
		},
		Images: []*Image{{Names: []string{"rabbitmq"}, Data: []string{"/var/lib/rabbitmq"},
			Ports: []ImagePort{
				{Container: 5672, Port: set("port", Int), Listen: set("listenAddress", Str)},
				{Container: 15672, Port: set("managementPlugin.port", Int)}},
			TagOptions: map[string][]setting{"management": {{"managementPlugin.enable", true}}},
			Env: map[string]Action{
				"RABBITMQ_NODENAME":      set("nodeName", Str),
				"RABBITMQ_ERLANG_COOKIE": set("cookie", Str),
				"RABBITMQ_DEFAULT_USER":  set("configItems.default_user", Str),
				"RABBITMQ_DEFAULT_PASS":  set("configItems.default_pass", Str),
				"RABBITMQ_DEFAULT_VHOST": set("configItems.default_vhost", Str)}}}},
	{Service: "redis", Title: "Redis", Process: "redis", Readiness: ReadyProbe,
		Names:    []string{"redis"},
		Programs: []*Program{redisProgram},
		Images: []*Image{{Names: []string{"redis"}, Program: redisProgram, Data: []string{"/data"},
			Ports: []ImagePort{{Container: 6379, Port: set("port", Int), Listen: set("bind", Str)}}}}},
	{Service: "rustfs", Title: "RustFS", Process: "rustfs", Readiness: ReadyProbe,
		Names:    []string{"rustfs"},
		Programs: []*Program{rustfsProgram},
		Env: map[string]Action{
			"RUSTFS_ACCESS_KEY":     set("accessKey", Str),
			"RUSTFS_SECRET_KEY":     set("secretKey", Str),
			"RUSTFS_CONSOLE_ENABLE": set("consoleEnable", Bool),
		},
		Note: "devenv's services.rustfs takes its package from a rustfs input in devenv.yaml"},
	{Service: "sqld", Title: "sqld (libSQL)", Process: "sqld", Readiness: ReadyProbe,
		Names:    []string{"sqld", "libsql"},
		Programs: []*Program{sqldProgram},
		Images: []*Image{{Names: []string{"tursodatabase/libsql-server", "libsql/sqld"}, Program: sqldProgram,
			Data:  []string{"/var/lib/sqld"},
			Ports: []ImagePort{{Container: 8080, Port: set("port", Int)}}}}},
	{Service: "tailscale.funnel", Title: "Tailscale Funnel", Process: "tailscale-funnel", Readiness: ReadyNone,
		Names:    []string{"funnel", "tailscale"},
		Programs: []*Program{tailscaleProgram}},
	{Service: "temporal", Title: "Temporal", Process: "temporal", Readiness: ReadyPorts,
		Names:    []string{"temporal"},
		Programs: []*Program{temporalProgram}},
	{Service: "tideways", Title: "Tideways", Process: "tideways-daemon", Readiness: ReadyNone,
		Names:    []string{"tideways"},
		Programs: []*Program{tidewaysProgram}},
	{Service: "trafficserver", Title: "Apache Traffic Server", Process: "trafficserver", Readiness: ReadyNone,
		Names:    []string{"trafficserver"},
		Programs: []*Program{trafficserverProgram}},
	{Service: "typesense", Title: "Typesense", Process: "typesense", Readiness: ReadyPorts,
		Names:    []string{"typesense"},
		Programs: []*Program{typesenseProgram},
		Env: map[string]Action{
			"TYPESENSE_API_KEY":  set("apiKey", Str),
			"TYPESENSE_DATA_DIR": drop(whyData),
		},
		Images: []*Image{{Names: []string{"typesense/typesense"}, Program: typesenseProgram, Data: []string{"/data"},
			Ports: []ImagePort{{Container: 8108, Port: set("port", Int), Listen: set("host", Str)}},
			Env: map[string]Action{
				"TYPESENSE_API_KEY":  set("apiKey", Str),
				"TYPESENSE_DATA_DIR": drop(whyData)}}}},
	{Service: "varnish", Title: "Varnish", Process: "varnish", Readiness: ReadyPorts,
		Names:    []string{"varnish", "varnishd"},
		Programs: []*Program{varnishProgram}},
	{Service: "vault", Title: "Vault", Process: "vault", Helpers: []string{"vault-configure"}, Readiness: ReadyPorts,
		Names:    []string{"vault"},
		Programs: []*Program{vaultProgram}},
	{Service: "wiremock", Title: "WireMock", Process: "wiremock", Readiness: ReadyPorts,
		Names:    []string{"wiremock"},
		Programs: []*Program{wiremockProgram},
		Images: []*Image{{Names: []string{"wiremock/wiremock"}, Program: wiremockProgram,
			Ports: []ImagePort{{Container: 8080, Port: set("port", Int)}}}}},
}

// postgresDatabases turns the postgres image's POSTGRES_USER,
// POSTGRES_PASSWORD and POSTGRES_DB into the database it creates.
func postgresDatabases(c *collected) []finding {
	user, hasUser := c.value("POSTGRES_USER")
	pass, hasPass := c.value("POSTGRES_PASSWORD")
	db, hasDB := c.value("POSTGRES_DB")
	if !hasUser {
		user = ir.StringValue("postgres", c.pos)
	}
	if !hasDB {
		db = user
	}
	fields := []ir.Field{{Key: "name", Value: db}, {Key: "user", Value: user}}
	if hasPass {
		fields = append(fields, ir.Field{Key: "pass", Value: pass})
	}
	schema, mount := c.schemaField()
	fields = append(fields, schema...)
	out := []finding{{
		kind: fOption, what: joinWhat(c.names("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"), mount), pos: c.pos,
		path:  "initialDatabases",
		value: ir.Value{Kind: ir.KindList, List: []ir.Value{ir.MapValue(c.pos, fields...)}, Pos: c.pos},
	}}
	// The image makes its user a superuser; devenv's initialDatabases
	// creates the role as a plain owner of its database, and the
	// superuser is the one who runs devenv.
	what := c.names("POSTGRES_USER")
	if !hasUser {
		what = "the image's user postgres"
	}
	if name, ok := user.Str.Literal(); ok && user.Kind == ir.KindString {
		out = append(out, finding{kind: fOption, what: what, pos: c.pos, path: "initialScript",
			value: ir.StringValue("ALTER ROLE "+sqlIdent(name)+" SUPERUSER;", c.pos)})
	} else {
		out = append(out, finding{kind: fNote, id: ir.IDServiceNeeds, sev: ir.Warning, pos: c.pos,
			why: fmt.Sprintf("%s: the role is not a superuser, as the image's is; make it one in initialScript if the app needs it", what)})
	}
	return out
}

// sqlIdent quotes a name as an SQL identifier.
func sqlIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// given returns a collected variable that was given a value: a reference
// to devenv's env, or a string that is not empty.
func (c *collected) given(name string) (ir.Value, bool) {
	if v, ok := c.refs[name]; ok {
		return v, true
	}
	if s := c.vals[name]; s != "" {
		return ir.StringValue(s, c.pos), true
	}
	return ir.Value{}, false
}

// names lists which of the variables were given.
func (c *collected) names(vars ...string) string {
	var out []string
	for _, v := range vars {
		if r, ok := c.refs[v]; ok {
			out = append(out, v+"="+r.Str.Shell())
		} else if val, ok := c.vals[v]; ok {
			out = append(out, v+"="+val)
		}
	}
	return fmt.Sprint(joinComma(out))
}

// joinWhat joins the settings an option comes from, leaving out those
// not given.
func joinWhat(what ...string) string {
	var out []string
	for _, w := range what {
		if w != "" {
			out = append(out, w)
		}
	}
	return joinComma(out)
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func mysqlImageEnv(prefix string) map[string]Action {
	return map[string]Action{
		prefix + "DATABASE":             collect(),
		prefix + "USER":                 collect(),
		prefix + "PASSWORD":             collect(),
		prefix + "ROOT_PASSWORD":        collect(),
		prefix + "ROOT_HOST":            collect(),
		prefix + "RANDOM_ROOT_PASSWORD": never("devenv's MySQL root user has no password"),
		prefix + "ALLOW_EMPTY_PASSWORD": drop("devenv's MySQL root user has no password anyway"),
	}
}

func mariadbImageEnv() map[string]Action {
	env := mysqlImageEnv("MYSQL_")
	for k, v := range mysqlImageEnv("MARIADB_") {
		env[k] = v
	}
	env["MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"] = drop("devenv's MySQL root user has no password anyway")
	return env
}

// mysqlDatabases turns the mysql image's MYSQL_DATABASE, MYSQL_USER,
// MYSQL_PASSWORD and MYSQL_ROOT_PASSWORD into the database and users it
// creates: the user gets every privilege on the database, as the image
// grants.
func mysqlDatabases(prefix string) func(c *collected) []finding {
	return func(c *collected) []finding {
		get := func(name string) (ir.Value, bool) { return c.given(prefix + name) }
		return mysqlFindings(c, get, c.names(prefix+"DATABASE", prefix+"USER", prefix+"PASSWORD"),
			c.names(prefix+"ROOT_PASSWORD", prefix+"ROOT_HOST"))
	}
}

// mariadbDatabases is mysqlDatabases for the mariadb image, which reads
// MARIADB_* before the MYSQL_* it also accepts.
func mariadbDatabases(c *collected) []finding {
	get := func(name string) (ir.Value, bool) {
		if v, ok := c.given("MARIADB_" + name); ok {
			return v, true
		}
		return c.given("MYSQL_" + name)
	}
	return mysqlFindings(c, get,
		c.names("MARIADB_DATABASE", "MARIADB_USER", "MARIADB_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD"),
		c.names("MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_HOST", "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_HOST"))
}

// mysqlFindings makes the options of the mysql and mariadb images'
// variables, which get returns without their prefix. devenv's root user
// has no password and logs in through the socket only; the image's root
// password is for root@'%' (MYSQL_ROOT_HOST), the account that clients
// connecting over TCP use, which ensureUsers creates.
func mysqlFindings(c *collected, get func(string) (ir.Value, bool), what, rootWhat string) []finding {
	var out []finding
	db, hasDB := get("DATABASE")
	user, hasUser := get("USER")
	pass, hasPass := get("PASSWORD")
	schema, mount := c.schemaField()
	switch {
	case hasDB:
		fields := append([]ir.Field{{Key: "name", Value: db}}, schema...)
		out = append(out, finding{kind: fOption, what: joinWhat(what, mount), pos: c.pos, path: "initialDatabases",
			value: ir.Value{Kind: ir.KindList, List: []ir.Value{ir.MapValue(c.pos, fields...)}}})
	case mount != "":
		out = append(out, finding{kind: fUnsupported, what: mount, pos: c.pos,
			why: "the image runs it with no database chosen, and devenv's schema belongs to a database of initialDatabases"})
	}
	switch {
	case hasUser && !hasDB:
		out = append(out, finding{kind: fUnsupported, what: what, pos: c.pos,
			why: "the image creates the user with no database to grant it"})
	case hasUser && db.Kind != ir.KindString:
		out = append(out, finding{kind: fUnsupported, what: what, pos: c.pos,
			why: "the database's name comes from the environment, and ensurePermissions needs it in an attribute name"})
	case hasUser:
		u := []ir.Field{{Key: "name", Value: user}}
		if hasPass {
			u = append(u, ir.Field{Key: "password", Value: pass})
		}
		dbName, _ := db.Str.Literal()
		u = append(u, ir.Field{Key: "ensurePermissions", Value: ir.MapValue(c.pos,
			ir.Field{Key: dbName + ".*", Value: ir.StringValue("ALL PRIVILEGES", c.pos)})})
		out = append(out, finding{kind: fOption, what: what, pos: c.pos, path: "ensureUsers",
			value: ir.Value{Kind: ir.KindList, List: []ir.Value{ir.MapValue(c.pos, u...)}}})
	case hasPass:
		out = append(out, finding{kind: fUnsupported, what: what, pos: c.pos,
			why: "a password without a user"})
	}
	if rootPass, ok := get("ROOT_PASSWORD"); ok {
		host, ok := get("ROOT_HOST")
		if !ok {
			host = ir.StringValue("%", c.pos)
		}
		out = append(out, finding{kind: fOption, what: rootWhat, pos: c.pos, path: "ensureUsers",
			op: opAppend,
			value: ir.Value{Kind: ir.KindList, List: []ir.Value{ir.MapValue(c.pos,
				ir.Field{Key: "name", Value: ir.StringValue("root", c.pos)},
				ir.Field{Key: "host", Value: host},
				ir.Field{Key: "password", Value: rootPass},
				ir.Field{Key: "ensurePermissions", Value: ir.MapValue(c.pos,
					ir.Field{Key: "*.*", Value: ir.StringValue("ALL PRIVILEGES", c.pos)})})}}},
			finding{kind: fNote, pos: c.pos, id: ir.IDServiceNeeds, sev: ir.Warning,
				why: fmt.Sprintf("%s: devenv's MySQL root@localhost has no password and logs in through the socket; the password is given to root@'%%' through ensureUsers, which devenv creates only when its configure task runs (devenv up --mode all)", rootWhat)})
	}
	return out
}

// couchdbAdmins turns the couchdb image's COUCHDB_USER and
// COUCHDB_PASSWORD into the admin it creates.
func couchdbAdmins(c *collected) []finding {
	user, hasUser := c.given("COUCHDB_USER")
	pass, hasPass := c.given("COUCHDB_PASSWORD")
	what := c.names("COUCHDB_USER", "COUCHDB_PASSWORD")
	if !hasUser || !hasPass {
		return []finding{{kind: fUnsupported, what: what, pos: c.pos, why: "the image needs both to create an admin"}}
	}
	name, ok := user.Str.Literal()
	if user.Kind != ir.KindString || !ok {
		return []finding{{kind: fUnsupported, what: what, pos: c.pos, why: "the admin's name comes from the environment, and settings.admins needs it in an attribute name"}}
	}
	return []finding{{kind: fOption, what: what, pos: c.pos, path: "settings.admins." + optionPath(name), value: pass}}
}
