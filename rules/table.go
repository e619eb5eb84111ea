package rules

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

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

var postgresSetting = Action{Kind: Setting, Option: "settings", Aliases: Actions{
	{"port", Action{Kind: Set, Option: "port", Type: Int}},
	{"listen_addresses", Action{Kind: Set, Option: "listen_addresses", Type: Str}},
	{"unix_socket_directories", Action{Kind: Drop, Why: whySocket + "/postgres and sets PGHOST to it"}},
	{"data_directory", Action{Kind: Drop, Why: whyData}},
	{"config_file", Action{Kind: Unsupported, Why: whyConfig}},
	{"hba_file", Action{Kind: Unsupported, Why: whyConfig}},
}}

var postgresProgram = &Program{
	Names: []string{"postgres", "postmaster"},
	Flags: []Flag{
		{Names: []string{"-p"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"-h"}, Arg: true, Do: Action{Kind: Set, Option: "listen_addresses", Type: Str}},
		{Names: []string{"-k"}, Arg: true, Do: Action{Kind: Drop, Why: whySocket + "/postgres and sets PGHOST to it"}},
		{Names: []string{"-D"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"-c"}, Arg: true, Do: postgresSetting},
		{Names: []string{"-i"}, Do: Action{Kind: Const, Option: "listen_addresses", Value: "*"}},
		{Names: []string{"-N"}, Arg: true, Do: Action{Kind: Set, Option: "settings.max_connections", Type: Int}},
		{Names: []string{"-B"}, Arg: true, Do: Action{Kind: Set, Option: "settings.shared_buffers", Type: Number}},
		{Names: []string{"-F"}, Do: Action{Kind: Const, Option: "settings.fsync", Value: false}},
		{Names: []string{"-S"}, Arg: true, Do: Action{Kind: Set, Option: "settings.work_mem", Type: Number}},
	},
	Other: postgresSetting,
}

var redisProgram = &Program{
	Names:       []string{"redis-server"},
	ConfigStyle: true,
	Flags: []Flag{
		{Names: []string{"--port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"--bind"}, Arg: true, Do: Action{Kind: Set, Option: "bind", Type: Str}},
		{Names: []string{"--dir"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--daemonize"}, Arg: true, Do: Action{Kind: Drop, Why: whyFg}},
		{Names: []string{"--logfile"}, Arg: true, Do: Action{Kind: Drop, Why: whyLog}},
		{Names: []string{"--pidfile"}, Arg: true, Do: Action{Kind: Drop, Why: whyPid}},
	},
	Other:      Action{Kind: ConfigLine, Option: "extraConfig"},
	Positional: Action{Kind: Unsupported, Why: "redis-server reads it as its configuration file, which the converter does not read"},
}

var mysqlSetting = Action{Kind: Setting, Option: `settings.mysqld`, Aliases: Actions{
	{"port", Action{Kind: Set, Option: "settings.mysqld.port", Type: Int}},
	{"bind-address", Action{Kind: Set, Option: "settings.mysqld.bind-address", Type: Str}},
	{"datadir", Action{Kind: Drop, Why: whyData}},
	{"socket", Action{Kind: Drop, Why: whySocket + " and sets MYSQL_UNIX_PORT to it"}},
	{"pid-file", Action{Kind: Drop, Why: whyPid}},
	{"log-error", Action{Kind: Drop, Why: whyLog}},
	{"user", Action{Kind: Unsupported, Why: "devenv runs MySQL as the user who runs devenv"}},
}}

var mysqlProgram = &Program{
	Names: []string{"mysqld", "mariadbd"},
	Flags: []Flag{
		{Names: []string{"--port", "-P"}, Arg: true, Do: Action{Kind: Set, Option: "settings.mysqld.port", Type: Int}},
		{Names: []string{"--bind-address"}, Arg: true, Do: Action{Kind: Set, Option: "settings.mysqld.bind-address", Type: Str}},
		{Names: []string{"--datadir", "-h"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--socket"}, Arg: true, Do: Action{Kind: Drop, Why: whySocket + " and sets MYSQL_UNIX_PORT to it"}},
		{Names: []string{"--defaults-file", "--defaults-extra-file"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
		{Names: []string{"--console"}, Do: Action{Kind: Drop, Why: whyLog}},
	},
	Other: mysqlSetting,
}

var minioProgram = &Program{
	Names: []string{"minio"},
	Sub:   []string{"server"},
	Flags: []Flag{
		{Names: []string{"--address"}, Arg: true, Do: Action{Kind: Set, Option: "listenAddress", Type: Str}},
		{Names: []string{"--console-address"}, Arg: true, Do: Action{Kind: Set, Option: "consoleAddress", Type: Str}},
		{Names: []string{"--config-dir", "-C"}, Arg: true, Do: Action{Kind: Drop, Why: whyConfig}},
		{Names: []string{"--json"}, Do: Action{Kind: Drop, Why: "devenv's minio logs as JSON anyway"}},
		{Names: []string{"--quiet"}, Do: Action{Kind: Drop, Why: "a flag that only quiets the startup banner"}},
	},
	Positional: Action{Kind: Drop, Why: whyData},
}

var memcachedProgram = &Program{
	Names: []string{"memcached"},
	Flags: []Flag{
		{Names: []string{"-p", "--port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"-l", "--listen"}, Arg: true, Do: Action{Kind: Set, Option: "bind", Type: Str}},
		{Names: []string{"-d", "--daemon"}, Do: Action{Kind: Drop, Why: whyFg}},
		{Names: []string{"-P", "--pidfile"}, Arg: true, Do: Action{Kind: Drop, Why: whyPid}},
	},
	Other: Action{Kind: AppendArgs, Option: "startArgs"},
}

var natsProgram = &Program{
	Names: []string{"nats-server"},
	Flags: []Flag{
		{Names: []string{"-p", "--port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"-a", "--addr", "--net"}, Arg: true, Do: Action{Kind: Set, Option: "host", Type: Str}},
		{Names: []string{"-n", "--name", "--server_name"}, Arg: true, Do: Action{Kind: Set, Option: "serverName", Type: Str}},
		{Names: []string{"-js", "--jetstream"}, Do: Action{Kind: Const, Option: "jetstream.enable", Value: true}},
		{Names: []string{"-sd", "--store_dir"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"-m", "--http_port"}, Arg: true, Do: Action{Kind: Set, Option: "monitoring.port", Type: Int}},
		{Names: []string{"--client_advertise"}, Arg: true, Do: Action{Kind: Set, Option: "clientAdvertise", Type: Str}},
		{Names: []string{"-D", "--debug"}, Do: Action{Kind: Const, Option: "debug", Value: true}},
		{Names: []string{"-V", "--trace"}, Do: Action{Kind: Const, Option: "trace", Value: true}},
		{Names: []string{"-l", "--log"}, Arg: true, Do: Action{Kind: Set, Option: "logFile", Type: Str}},
		{Names: []string{"-c", "--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
		{Names: []string{"--user"}, Arg: true, Do: Action{Kind: Set, Option: "authorization.user", Type: Str}},
		{Names: []string{"--pass"}, Arg: true, Do: Action{Kind: Set, Option: "authorization.password", Type: Str}},
		{Names: []string{"--auth"}, Arg: true, Do: Action{Kind: Set, Option: "authorization.token", Type: Str}},
	},
}

var meilisearchProgram = &Program{
	Names: []string{"meilisearch"},
	Flags: []Flag{
		{Names: []string{"--http-addr"}, Arg: true, Do: Action{Kind: Set, Option: "listenAddress", Option2: "listenPort", Type: HostPortSplit}},
		{Names: []string{"--env"}, Arg: true, Do: Action{Kind: Set, Option: "environment", Type: Str}},
		{Names: []string{"--no-analytics"}, Do: Action{Kind: Const, Option: "noAnalytics", Value: true}},
		{Names: []string{"--db-path"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--log-level"}, Arg: true, Do: Action{Kind: Set, Option: "logLevel", Type: Str}},
		{Names: []string{"--max-index-size"}, Arg: true, Do: Action{Kind: Set, Option: "maxIndexSize", Type: Str}},
		{Names: []string{"--master-key"}, Arg: true, Do: Action{Kind: KeepEnv, Option: "MEILI_MASTER_KEY"}},
	},
}

var typesenseProgram = &Program{
	Names: []string{"typesense-server"},
	Flags: []Flag{
		{Names: []string{"--api-key"}, Arg: true, Do: Action{Kind: Set, Option: "apiKey", Type: Str}},
		{Names: []string{"--api-host", "--api-address"}, Arg: true, Do: Action{Kind: Set, Option: "host", Type: Str}},
		{Names: []string{"--api-port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"--search-only-api-key"}, Arg: true, Do: Action{Kind: Set, Option: "searchOnlyKey", Type: Str}},
		{Names: []string{"--data-dir", "-d"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
	},
	Other: Action{Kind: AppendArgs, Option: "additionalArgs"},
}

var mailpitProgram = &Program{
	Names: []string{"mailpit"},
	Flags: []Flag{
		{Names: []string{"--listen", "-l"}, Arg: true, Do: Action{Kind: Set, Option: "uiListenAddress", Type: Str}},
		{Names: []string{"--smtp", "-s"}, Arg: true, Do: Action{Kind: Set, Option: "smtpListenAddress", Type: Str}},
		{Names: []string{"--database", "-d"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
	},
	Other: Action{Kind: AppendArgs, Option: "additionalArgs"},
}

var mailhogProgram = &Program{
	Names: []string{"MailHog", "mailhog"},
	Flags: []Flag{
		{Names: []string{"-api-bind-addr", "--api-bind-addr"}, Arg: true, Do: Action{Kind: Set, Option: "apiListenAddress", Type: Str}},
		{Names: []string{"-ui-bind-addr", "--ui-bind-addr"}, Arg: true, Do: Action{Kind: Set, Option: "uiListenAddress", Type: Str}},
		{Names: []string{"-smtp-bind-addr", "--smtp-bind-addr"}, Arg: true, Do: Action{Kind: Set, Option: "smtpListenAddress", Type: Str}},
	},
	Other: Action{Kind: AppendArgs, Option: "additionalArgs"},
}

var mongodProgram = &Program{
	Names: []string{"mongod"},
	Flags: []Flag{
		{Names: []string{"--dbpath"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--logpath"}, Arg: true, Do: Action{Kind: Drop, Why: whyLog}},
		{Names: []string{"--logappend"}, Do: Action{Kind: Drop, Why: whyLog}},
		{Names: []string{"--fork"}, Do: Action{Kind: Unsupported, Why: "devenv runs mongod in the foreground, and a forked mongod looks finished"}},
		{Names: []string{"--config", "-f"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
	},
	Other: Action{Kind: AppendArgs, Option: "additionalArgs"},
}

// clickhouseFlags are the options of both of clickhouse's programs. It is
// a variable of its own, not clickhouseProgram.Flags, so that the compiler
// lays out both programs statically instead of at start-up.
var clickhouseFlags = []Flag{
	{Names: []string{"--config-file", "-C", "--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
}

var clickhouseProgram = &Program{
	Names: []string{"clickhouse-server"},
	Flags: clickhouseFlags,
}

var clickhouseServer = &Program{
	Names: []string{"clickhouse"},
	Sub:   []string{"server"},
	Flags: clickhouseFlags,
}

var dynamodbProgram = &Program{
	Names: []string{"dynamodb-local"},
	Jar:   "DynamoDBLocal",
	Flags: []Flag{
		{Names: []string{"-port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"-sharedDb"}, Do: Action{Kind: Const, Option: "sharedDb", Value: true}},
		{Names: []string{"-dbPath"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"-inMemory"}, Do: Action{Kind: Unsupported, Why: "devenv's dynamodb-local keeps its data on disk"}},
		{Names: []string{"-delayTransientStatuses"}, Do: Action{Kind: Drop, Why: "an option that only affects the API's error messages"}},
	},
}

var elasticsearchSetting = Action{Kind: Setting, Aliases: Actions{
	{"http.port", Action{Kind: Set, Option: "port", Type: Int}},
	{"transport.port", Action{Kind: Set, Option: "tcp_port", Type: Int}},
	{"network.host", Action{Kind: Set, Option: "listenAddress", Type: Str}},
	{"cluster.name", Action{Kind: Set, Option: "cluster_name", Type: Str}},
	{"discovery.type", Action{Kind: Expect, Value: "single-node", Why: "devenv's elasticsearch runs a single node"}},
	{"path.data", Action{Kind: Drop, Why: whyData}},
	{"path.logs", Action{Kind: Drop, Why: whyLog}},
	{"xpack.security.enabled", Action{Kind: Expect, Value: "false", Why: "devenv's elasticsearch runs without security"}},
}}

var elasticsearchProgram = &Program{
	Names: []string{"elasticsearch"},
	Flags: []Flag{{Names: []string{"-E"}, Arg: true, Do: elasticsearchSetting}},
}

var opensearchSetting = Action{Kind: Setting, Option: "settings", Aliases: Actions{
	{"http.port", Action{Kind: Set, Option: `settings."http.port"`, Type: Int}},
	{"transport.port", Action{Kind: Set, Option: `settings."transport.port"`, Type: Int}},
	{"path.data", Action{Kind: Drop, Why: whyData}},
	{"path.logs", Action{Kind: Drop, Why: whyLog}},
	{"plugins.security.disabled", Action{Kind: Set, Option: `settings."plugins.security.disabled"`,
		Type: Bool}},
}}

var opensearchProgram = &Program{
	Names: []string{"opensearch"},
	Flags: []Flag{{Names: []string{"-E"}, Arg: true, Do: opensearchSetting}},
}

var rabbitmqProgram = &Program{
	Names: []string{"rabbitmq-server"},
	Flags: []Flag{{Names: []string{"-detached"}, Do: Action{Kind: Unsupported, Why: "devenv runs rabbitmq in the foreground, and a detached one looks finished"}}},
}

var influxdProgram = &Program{
	Names: []string{"influxd"},
	Flags: []Flag{
		{Names: []string{"--http-bind-address"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: PortOf}},
		{Names: []string{"--bolt-path", "--engine-path", "--sqlite-path"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: whyConfig}},
	},
	Other: Action{Kind: AppendArgs, Option: "extraArgs"},
}

var temporalProgram = &Program{
	Names: []string{"temporal"},
	Sub:   []string{"server", "start-dev"},
	Flags: []Flag{
		{Names: []string{"--port", "-p"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"--ip"}, Arg: true, Do: Action{Kind: Set, Option: "ip", Type: Str}},
		{Names: []string{"--ui-port"}, Arg: true, Do: Action{Kind: Set, Option: "ui.port", Type: Int}},
		{Names: []string{"--ui-ip"}, Arg: true, Do: Action{Kind: Set, Option: "ui.ip", Type: Str}},
		{Names: []string{"--headless"}, Do: Action{Kind: Const, Option: "ui.enable", Value: false}},
		{Names: []string{"--namespace", "-n"}, Arg: true, Do: Action{Kind: AppendValue, Option: "namespaces"}},
		{Names: []string{"--db-filename", "-f"}, Arg: true, Do: Action{Kind: Const, Option: "state.ephemeral", Value: false}},
		{Names: []string{"--dynamic-config-value"}, Arg: true, Do: Action{Kind: Setting, Option: "dynamicConfig", Type: Str}},
		{Names: []string{"--sqlite-pragma"}, Arg: true, Do: Action{Kind: Setting, Option: "state.sqlite-pragma", Type: Str}},
		{Names: []string{"--log-format"}, Arg: true, Do: Action{Kind: Drop, Why: "devenv's temporal chooses its log format"}},
	},
}

var prometheusProgram = &Program{
	Names: []string{"prometheus"},
	Flags: []Flag{
		{Names: []string{"--config.file"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's prometheus builds its configuration from scrapeConfigs and its other options"}},
		{Names: []string{"--web.listen-address"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: PortOf}},
		{Names: []string{"--storage.tsdb.path"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--storage.tsdb.retention.time"}, Arg: true, Do: Action{Kind: Set, Option: "storage.retentionTime", Type: Str}},
	},
	ImplicitConfig: "without --config.file, prometheus reads ./prometheus.yml, which the converter does not read",
	ConfigFlags:    []string{"--config.file"},
}

var couchdbProgram = &Program{Names: []string{"couchdb"}}

var cassandraProgram = &Program{
	Names: []string{"cassandra"},
	Flags: []Flag{
		{Names: []string{"-f"}, Do: Action{Kind: Drop, Why: whyFg}},
		{Names: []string{"-R"}, Do: Action{Kind: Drop, Why: "devenv runs cassandra as the user who runs devenv"}},
		{Names: []string{"-p"}, Arg: true, Do: Action{Kind: Drop, Why: whyPid}},
	},
}

var kafkaProgram = &Program{
	Names:      []string{"kafka-server-start.sh", "kafka-server-start"},
	Positional: Action{Kind: Unsupported, Why: "kafka reads it as its configuration file, which the converter does not read"},
	Flags:      []Flag{{Names: []string{"-daemon"}, Do: Action{Kind: Unsupported, Why: "devenv runs kafka in the foreground, and a daemon looks finished"}}},
}

var kafkaConnectProgram = &Program{
	Names:      []string{"connect-distributed.sh", "connect-distributed", "connect-standalone.sh", "connect-standalone"},
	Positional: Action{Kind: Unsupported, Why: "kafka connect reads it as its configuration file, which the converter does not read"},
}

var elasticmqProgram = &Program{
	Names: []string{"elasticmq-server"},
	Jar:   "elasticmq-server",
}

var wiremockProgram = &Program{
	Names: []string{"wiremock"},
	Jar:   "wiremock-standalone",
	Flags: []Flag{
		{Names: []string{"--port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"--verbose"}, Do: Action{Kind: Const, Option: "verbose", Value: true}},
		{Names: []string{"--disable-banner"}, Do: Action{Kind: Const, Option: "disableBanner", Value: true}},
		{Names: []string{"--root-dir"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's wiremock takes its mappings from its mappings option"}},
	},
}

var caddyProgram = &Program{
	Names: []string{"caddy"},
	Sub:   []string{"run"},
	Flags: []Flag{
		{Names: []string{"--config", "-c"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's caddy takes its configuration from its config and virtualHosts options"}},
		{Names: []string{"--adapter", "-a"}, Arg: true, Do: Action{Kind: Set, Option: "adapter", Type: Str}},
		{Names: []string{"--resume", "-r"}, Do: Action{Kind: Const, Option: "resume", Value: true}},
		{Names: []string{"--environ", "-e"}, Do: Action{Kind: Drop, Why: "caddy prints its environment at start"}},
		{Names: []string{"--watch", "-w"}, Do: Action{Kind: Drop, Why: whyDefault}},
	},
	ImplicitConfig: "without --config, caddy run reads ./Caddyfile when there is one, which the converter does not read",
	ConfigFlags:    []string{"--config", "-c", "--resume", "-r"},
}

var nginxProgram = &Program{
	Names: []string{"nginx"},
	Flags: []Flag{
		{Names: []string{"-c"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's nginx writes its own configuration from httpConfig and eventsConfig"}},
		{Names: []string{"-g"}, Arg: true, Do: Action{Kind: Expect, Value: "daemon off;", Why: whyFg}},
		{Names: []string{"-p"}, Arg: true, Do: Action{Kind: Drop, Why: "devenv gives nginx a prefix of its own"}},
	},
	ImplicitConfig: "without -c, nginx reads the nginx.conf compiled into it, not devenv's configuration",
	ConfigFlags:    []string{"-c"},
}

var cockroachProgram = &Program{
	Names: []string{"cockroach", "cockroachdb"},
	Sub:   []string{"start-single-node"},
	Flags: []Flag{
		{Names: []string{"--insecure"}, Do: Action{Kind: Drop, Why: "devenv's cockroachdb runs insecure too"}},
		{Names: []string{"--listen-addr"}, Arg: true, Do: Action{Kind: Set, Option: "listen_addr", Type: Str}},
		{Names: []string{"--http-addr"}, Arg: true, Do: Action{Kind: Set, Option: "http_addr", Type: Str}},
		{Names: []string{"--store", "-s"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
		{Names: []string{"--background"}, Do: Action{Kind: Unsupported, Why: "devenv runs cockroach in the foreground, and a background one looks finished"}},
	},
}

var varnishProgram = &Program{
	Names: []string{"varnishd"},
	Flags: []Flag{
		{Names: []string{"-a"}, Arg: true, Do: Action{Kind: Set, Option: "listen", Type: Str}},
		{Names: []string{"-f"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's varnish takes its VCL from its vcl option"}},
		{Names: []string{"-b"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's varnish takes its backend from its vcl option"}},
		{Names: []string{"-F"}, Do: Action{Kind: Drop, Why: whyFg}},
		{Names: []string{"-n"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
	},
	ImplicitConfig: "varnishd needs a VCL file (-f) or a backend (-b)",
	ConfigFlags:    []string{"-f", "-b"},
}

var sqldProgram = &Program{
	Names: []string{"sqld"},
	Flags: []Flag{
		{Names: []string{"--http-listen-addr"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: PortOf}},
		{Names: []string{"--db-path", "-d"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
	},
	Other: Action{Kind: AppendArgs, Option: "extraArgs"},
}

var httpbinProgram = &Program{
	Names:   []string{"gunicorn"},
	Generic: true,
	Sub:     []string{"httpbin:app"},
	Flags: []Flag{
		{Names: []string{"-b", "--bind"}, Arg: true, Do: Action{Kind: AppendValue, Option: "bind"}},
	},
	Other: Action{Kind: AppendArgs, Option: "extraArgs"},
}

var keycloakProgram = &Program{
	Names: []string{"kc.sh", "keycloak"},
	Sub:   []string{"start-dev"},
	Flags: []Flag{
		{Names: []string{"--http-port"}, Arg: true, Do: Action{Kind: Set, Option: "settings.http-port", Type: Int}},
		{Names: []string{"--http-host"}, Arg: true, Do: Action{Kind: Set, Option: "settings.http-host", Type: Str}},
		{Names: []string{"--hostname"}, Arg: true, Do: Action{Kind: Set, Option: "settings.hostname", Type: Str}},
		{Names: []string{"--http-relative-path"}, Arg: true, Do: Action{Kind: Set, Option: "settings.http-relative-path", Type: Str}},
	},
}

var garageProgram = &Program{
	Names:          []string{"garage"},
	Sub:            []string{"server"},
	Flags:          []Flag{{Names: []string{"-c", "--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's garage writes its own configuration"}}},
	ImplicitConfig: "without -c, garage reads /etc/garage.toml, which the converter does not read",
	ConfigFlags:    []string{"-c", "--config"},
}

var rustfsProgram = &Program{
	Names: []string{"rustfs"},
	Flags: []Flag{
		{Names: []string{"--address"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: PortOf}},
		{Names: []string{"--console-address"}, Arg: true, Do: Action{Kind: Set, Option: "consolePort", Type: PortOf}},
		{Names: []string{"--access-key"}, Arg: true, Do: Action{Kind: Set, Option: "accessKey", Type: Str}},
		{Names: []string{"--secret-key"}, Arg: true, Do: Action{Kind: Set, Option: "secretKey", Type: Str}},
		{Names: []string{"--console-enable"}, Do: Action{Kind: Const, Option: "consoleEnable", Value: true}},
	},
	Positional: Action{Kind: Drop, Why: whyData},
}

var adminerProgram = &Program{
	Names:   []string{"php"},
	Generic: true,
	Sub:     []string{"adminer.php"},
	Flags:   []Flag{{Names: []string{"-S"}, Arg: true, Do: Action{Kind: Set, Option: "listen", Type: Str}}},
}

// blackfireFlags are the options of both of blackfire's programs (see
// clickhouseFlags).
var blackfireFlags = []Flag{
	{Names: []string{"--socket"}, Arg: true, Do: Action{Kind: Set, Option: "socket", Type: Str}},
	{Names: []string{"--server-id"}, Arg: true, Do: Action{Kind: Set, Option: "server-id", Type: Str}},
	{Names: []string{"--server-token"}, Arg: true, Do: Action{Kind: Set, Option: "server-token", Type: Str}},
}

var blackfireProgram = &Program{
	Names: []string{"blackfire-agent"},
	Flags: blackfireFlags,
}

var blackfireAgent = &Program{
	Names: []string{"blackfire"},
	Sub:   []string{"agent:start"},
	Flags: blackfireFlags,
}

var otelProgram = &Program{
	Names:          []string{"otelcol", "otelcol-contrib", "otelcol-core"},
	Flags:          []Flag{{Names: []string{"--config"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's collector takes its configuration from its settings option"}}},
	ImplicitConfig: "the collector needs a configuration (--config)",
	ConfigFlags:    []string{"--config"},
}

var mosquittoProgram = &Program{
	Names: []string{"mosquitto"},
	Flags: []Flag{
		{Names: []string{"-p", "--port"}, Arg: true, Do: Action{Kind: Set, Option: "port", Type: Int}},
		{Names: []string{"-c", "--config-file"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's mosquitto takes its configuration from its extraConfig option"}},
		{Names: []string{"-d", "--daemon"}, Do: Action{Kind: Drop, Why: whyFg}},
		{Names: []string{"-v", "--verbose"}, Do: Action{Kind: Const, Option: "extraConfig", Value: "log_type all"}},
	},
}

var trafficserverProgram = &Program{
	Names:          []string{"traffic_server", "traffic_manager"},
	ImplicitConfig: "it reads the configuration directory compiled into it, which the converter does not read",
	ConfigFlags:    []string{},
}

var nixseparatedebuginfodProgram = &Program{
	Names: []string{"nixseparatedebuginfod"},
	Flags: []Flag{{Names: []string{"-l", "--listen-address"}, Arg: true, Do: Action{Kind: Set, Option: "host", Option2: "port", Type: HostPortSplit}}},
}

var tailscaleProgram = &Program{
	Names:      []string{"tailscale"},
	Sub:        []string{"funnel"},
	Positional: Action{Kind: Set, Option: "target", Type: Str},
	Flags: []Flag{
		{Names: []string{"--bg"}, Do: Action{Kind: Unsupported, Why: "devenv runs the funnel in the foreground"}},
		{Names: []string{"--https"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's funnel serves on the default HTTPS port"}},
	},
}

var tidewaysProgram = &Program{Names: []string{"tideways-daemon"}}

var vaultProgram = &Program{
	Names: []string{"vault"},
	Sub:   []string{"server"},
	Flags: []Flag{
		{Names: []string{"-dev"}, Do: Action{Kind: Unsupported, Why: "a development server keeps its data in memory and is unsealed with a root token it prints; devenv's vault keeps its data and unseals itself"}},
		{Names: []string{"-config"}, Arg: true, Do: Action{Kind: Unsupported, Why: "devenv's vault writes its own configuration"}},
		{Names: []string{"-dev-listen-address"}, Arg: true, Do: Action{Kind: Set, Option: "address", Type: Str}},
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
			Ports: []ImagePort{{Container: 8080, Port: Action{Kind: Set, Option: "listen", Type: Str}, HostPort: true}}}}},
	{Service: "blackfire", Title: "Blackfire", Process: "blackfire-agent", Readiness: ReadyPorts,
		Names:    []string{"blackfire"},
		Programs: []*Program{blackfireProgram, blackfireAgent},
		Env: Actions{
			{"BLACKFIRE_SERVER_ID", Action{Kind: Set, Option: "server-id", Type: Str}}, {"BLACKFIRE_SERVER_TOKEN", Action{Kind: Set, Option: "server-token", Type: Str}},
			{"BLACKFIRE_CLIENT_ID", Action{Kind: Set, Option: "client-id", Type: Str}}, {"BLACKFIRE_CLIENT_TOKEN", Action{Kind: Set, Option: "client-token", Type: Str}},
			{"BLACKFIRE_SOCKET", Action{Kind: Set, Option: "socket", Type: Str}}}},
	{Service: "caddy", Title: "Caddy", Process: "caddy", Readiness: ReadyNone,
		Names:    []string{"caddy"},
		Programs: []*Program{caddyProgram}},
	{Service: "cassandra", Title: "Cassandra", Process: "cassandra", Readiness: ReadyNone,
		Names:    []string{"cassandra"},
		Programs: []*Program{cassandraProgram},
		Images: []*Image{{Names: []string{"cassandra"}, Data: []string{"/var/lib/cassandra"},
			Ports: []ImagePort{{Container: 9042, Port: Action{Kind: Expect, Value: "9042", Why: "devenv's cassandra listens on port 9042"},
				Listen: Action{Kind: Drop, Why: "devenv's cassandra listens on its listenAddress, which cannot be a wildcard address"}}},
			Env: Actions{{"CASSANDRA_CLUSTER_NAME", Action{Kind: Set, Option: "clusterName", Type: Str}}}}}},
	{Service: "clickhouse", Title: "ClickHouse", Process: "clickhouse-server", Readiness: ReadyProbe,
		Names:    []string{"clickhouse"},
		Programs: []*Program{clickhouseProgram, clickhouseServer},
		Images: []*Image{{Names: []string{"clickhouse/clickhouse-server", "yandex/clickhouse-server", "clickhouse"},
			Data: []string{"/var/lib/clickhouse"},
			Env: Actions{
				{"CLICKHOUSE_USER", Action{Kind: Expect, Value: "default", Why: "devenv's clickhouse has the user default only; other users need its usersConfig, which the converter does not write"}},
				{"CLICKHOUSE_PASSWORD", Action{Kind: Expect, Value: "", Why: "devenv's clickhouse user default has no password; a password needs its usersConfig, which the converter does not write"}},
				{"CLICKHOUSE_DB", Action{Kind: Unsupported, Why: "devenv's clickhouse creates no database of its own; create it with clickhouse-client"}},
				{"CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", Action{Kind: Unsupported, Why: "devenv's clickhouse takes its access management from usersConfig, which the converter does not write"}},
				{"CLICKHOUSE_SKIP_USER_SETUP", Action{Kind: Drop, Why: "devenv's clickhouse sets up no user anyway"}}},
			Ports: []ImagePort{
				{Container: 9000, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Drop, Why: "devenv's clickhouse listens where its configuration says"}},
				{Container: 8123, Port: Action{Kind: Set, Option: "httpPort", Type: Int}, Listen: Action{Kind: Drop, Why: "devenv's clickhouse listens where its configuration says"}}}}}},
	{Service: "cockroachdb", Title: "CockroachDB", Process: "cockroachdb", Readiness: ReadyPorts,
		Names:    []string{"cockroach", "cockroachdb"},
		Programs: []*Program{cockroachProgram},
		Images: []*Image{{Names: []string{"cockroachdb/cockroach"}, Data: []string{"/cockroach/cockroach-data"},
			Program: cockroachProgram,
			Ports: []ImagePort{
				{Container: 26257, Port: Action{Kind: Set, Option: "listen_addr", Type: Str}, HostPort: true},
				{Container: 8080, Port: Action{Kind: Set, Option: "http_addr", Type: Str}, HostPort: true}}}}},
	{Service: "couchdb", Title: "CouchDB", Process: "couchdb", Readiness: ReadyPorts,
		Names:    []string{"couchdb"},
		Programs: []*Program{couchdbProgram},
		Images: []*Image{{Names: []string{"couchdb"}, Data: []string{"/opt/couchdb/data"},
			Ports: []ImagePort{{Container: 5984, Port: Action{Kind: Set, Option: "settings.chttpd.port", Type: Int}, Listen: Action{Kind: Set, Option: "settings.chttpd.bind_address", Type: Str}}},
			Env:   Actions{{"COUCHDB_USER", Action{Kind: Collect}}, {"COUCHDB_PASSWORD", Action{Kind: Collect}}},
			Build: couchdbAdmins}}},
	{Service: "dynamodb-local", Title: "DynamoDB Local", Process: "dynamodb", Readiness: ReadyProbe,
		Names:    []string{"dynamodb"},
		Programs: []*Program{dynamodbProgram},
		Images: []*Image{{Names: []string{"amazon/dynamodb-local"}, Program: dynamodbProgram,
			Ports: []ImagePort{{Container: 8000, Port: Action{Kind: Set, Option: "port", Type: Int}}}}}},
	{Service: "elasticmq", Title: "ElasticMQ", Process: "elasticmq-server", Readiness: ReadyProbe,
		Names:    []string{"elasticmq"},
		Programs: []*Program{elasticmqProgram},
		Images: []*Image{{Names: []string{"softwaremill/elasticmq", "softwaremill/elasticmq-native"},
			Ports: []ImagePort{{Container: 9324, Port: Action{Kind: Expect, Value: "9324", Why: "devenv's elasticmq listens on port 9324"}}}}}},
	{Service: "elasticsearch", Title: "Elasticsearch", Process: "elasticsearch", Readiness: ReadyProbe,
		Names:    []string{"elasticsearch", "elastic"},
		Programs: []*Program{elasticsearchProgram},
		Env:      Actions{{"ES_JAVA_OPTS", Action{Kind: Set, Option: "extraJavaOptions", Type: StrList}}},
		Images: []*Image{{Names: []string{"elasticsearch", "elasticsearch/elasticsearch"},
			Data:       []string{"/usr/share/elasticsearch/data"},
			DottedConf: "extraConf",
			Packages:   map[string]string{"7": "elasticsearch7"},
			Ports: []ImagePort{
				{Container: 9200, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "listenAddress", Type: Str}},
				{Container: 9300, Port: Action{Kind: Set, Option: "tcp_port", Type: Int}}},
			Env: Actions{
				{"discovery.type", Action{Kind: Expect, Value: "single-node", Why: "devenv's elasticsearch runs a single node"}},
				{"xpack.security.enabled", Action{Kind: Expect, Value: "false", Why: "devenv's elasticsearch runs without security"}},
				{"ES_JAVA_OPTS", Action{Kind: Set, Option: "extraJavaOptions", Type: StrList}},
				{"cluster.name", Action{Kind: Set, Option: "cluster_name", Type: Str}}},
			NoPackage: "devenv's default is Elasticsearch 7, the only version in nixpkgs"}}},
	{Service: "garage", Title: "Garage", Process: "garage", Helpers: []string{"garage-configure", "garage-web-ui"}, Readiness: ReadyProbe,
		Names:    []string{"garage"},
		Programs: []*Program{garageProgram}},
	{Service: "httpbin", Title: "httpbin", Process: "httpbin", Readiness: ReadyPorts,
		Names:    []string{"httpbin"},
		Programs: []*Program{httpbinProgram},
		Images: []*Image{{Names: []string{"kennethreitz/httpbin"},
			Ports: []ImagePort{{Container: 80, Port: Action{Kind: AppendValue, Option: "bind"}, HostPort: true, Native: 8080}}}}},
	{Service: "influxdb", Title: "InfluxDB 2", Process: "influxdb-server", Readiness: ReadyProbe,
		Names:    []string{"influxdb", "influx", "influxd"},
		Programs: []*Program{influxdProgram},
		Images: []*Image{{Names: []string{"influxdb"}, Data: []string{"/var/lib/influxdb2"}, Tags: []string{"2"},
			Ports: []ImagePort{{Container: 8086, Port: Action{Kind: Set, Option: "port", Type: Int}}}}}},
	{Service: "kafka", Title: "Kafka", Process: "kafka", Readiness: ReadyProbe,
		Names:    []string{"kafka"},
		Programs: []*Program{kafkaProgram},
		Images: []*Image{{Names: []string{"apache/kafka", "apache/kafka-native"},
			Ports: []ImagePort{{Container: 9092, Port: Action{Kind: Expect, Value: "9092", Why: "devenv's kafka listens on port 9092"}}}}}},
	{Service: "kafka.connect", Title: "Kafka Connect", Process: "kafka-connect", Readiness: ReadyProbe,
		Names:    []string{"connect"},
		Programs: []*Program{kafkaConnectProgram},
		Note:     "services.kafka.connect needs services.kafka.enable as well"},
	{Service: "keycloak", Title: "Keycloak", Process: "keycloak", Helpers: []string{"keycloak-realm-export-all"}, Readiness: ReadyProbe,
		Names:    []string{"keycloak"},
		Programs: []*Program{keycloakProgram},
		Images: []*Image{{Names: []string{"keycloak/keycloak", "jboss/keycloak"}, Program: keycloakProgram,
			Ports: []ImagePort{{Container: 8080, Port: Action{Kind: Set, Option: "settings.http-port", Type: Int}}},
			Env: Actions{
				{"KEYCLOAK_ADMIN", Action{Kind: Expect, Value: "admin", Why: "devenv's keycloak names its admin admin"}},
				{"KC_BOOTSTRAP_ADMIN_USERNAME", Action{Kind: Expect, Value: "admin", Why: "devenv's keycloak names its admin admin"}},
				{"KEYCLOAK_ADMIN_PASSWORD", Action{Kind: Set, Option: "initialAdminPassword", Type: Str}},
				{"KC_BOOTSTRAP_ADMIN_PASSWORD", Action{Kind: Set, Option: "initialAdminPassword", Type: Str}},
				{"KC_HTTP_PORT", Action{Kind: Set, Option: "settings.http-port", Type: Int}},
				{"KC_HOSTNAME", Action{Kind: Set, Option: "settings.hostname", Type: Str}},
				{"KC_HTTP_RELATIVE_PATH", Action{Kind: Set, Option: "settings.http-relative-path", Type: Str}},
				{"KC_HEALTH_ENABLED", Action{Kind: Expect, Value: "true", Why: "devenv's keycloak enables health checks"}},
				{"KC_BOOTSTRAP_ADMIN_CLIENT_ID", Action{Kind: Unsupported, Why: "devenv's keycloak has no admin client"}}}}}},
	{Service: "mailhog", Title: "MailHog", Process: "mailhog", Readiness: ReadyPorts,
		Names:    []string{"mailhog"},
		Programs: []*Program{mailhogProgram},
		Images: []*Image{{Names: []string{"mailhog/mailhog"}, Program: mailhogProgram,
			Ports: []ImagePort{
				{Container: 8025, Port: Action{Kind: Set, Option: "uiListenAddress", Option2: "apiListenAddress"}, HostPort: true},
				{Container: 1025, Port: Action{Kind: Set, Option: "smtpListenAddress", Type: Str}, HostPort: true}}}}},
	{Service: "mailpit", Title: "Mailpit", Process: "mailpit", Readiness: ReadyPorts,
		Names:    []string{"mailpit"},
		Programs: []*Program{mailpitProgram},
		Images: []*Image{{Names: []string{"axllent/mailpit"}, Program: mailpitProgram, Data: []string{"/data"},
			EnvPrefixes: []string{"MP_"},
			Ports: []ImagePort{
				{Container: 8025, Port: Action{Kind: Set, Option: "uiListenAddress", Type: Str}, HostPort: true},
				{Container: 1025, Port: Action{Kind: Set, Option: "smtpListenAddress", Type: Str}, HostPort: true}}}}},
	{Service: "meilisearch", Title: "Meilisearch", Process: "meilisearch", Readiness: ReadyPorts,
		Names:    []string{"meilisearch", "meili"},
		Programs: []*Program{meilisearchProgram},
		Env: Actions{
			{"MEILI_NO_ANALYTICS", Action{Kind: Set, Option: "noAnalytics", Type: Bool}},
			{"MEILI_ENV", Action{Kind: Set, Option: "environment", Type: Str}},
			{"MEILI_HTTP_ADDR", Action{Kind: Set, Option: "listenAddress", Option2: "listenPort", Type: HostPortSplit}},
			{"MEILI_DB_PATH", Action{Kind: Drop, Why: whyData}},
			{"MEILI_LOG_LEVEL", Action{Kind: Set, Option: "logLevel", Type: Str}},
		},
		Images: []*Image{{Names: []string{"getmeili/meilisearch"}, Program: meilisearchProgram,
			Data: []string{"/meili_data"}, EnvPrefixes: []string{"MEILI_"},
			Ports: []ImagePort{{Container: 7700, Port: Action{Kind: Set, Option: "listenPort", Type: Int}, Listen: Action{Kind: Set, Option: "listenAddress", Type: Str}}},
			Env: Actions{
				{"MEILI_NO_ANALYTICS", Action{Kind: Set, Option: "noAnalytics", Type: Bool}},
				{"MEILI_ENV", Action{Kind: Set, Option: "environment", Type: Str}},
				{"MEILI_DB_PATH", Action{Kind: Drop, Why: whyData}},
				{"MEILI_LOG_LEVEL", Action{Kind: Set, Option: "logLevel", Type: Str}}}}}},
	{Service: "memcached", Title: "Memcached", Process: "memcached", Readiness: ReadyProbe,
		Names:    []string{"memcached", "memcache"},
		Programs: []*Program{memcachedProgram},
		Images: []*Image{{Names: []string{"memcached"}, Program: memcachedProgram,
			Ports: []ImagePort{{Container: 11211, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "bind", Type: Str}}}}}},
	{Service: "minio", Title: "MinIO", Process: "minio", Readiness: ReadyPorts,
		Names:    []string{"minio"},
		Programs: []*Program{minioProgram},
		Env: Actions{
			{"MINIO_ROOT_USER", Action{Kind: Set, Option: "accessKey", Type: Str}},
			{"MINIO_ROOT_PASSWORD", Action{Kind: Set, Option: "secretKey", Type: Str}},
			{"MINIO_REGION", Action{Kind: Set, Option: "region", Type: Str}},
			{"MINIO_BROWSER", Action{Kind: Set, Option: "browser", Type: OnOff}},
		},
		Images: []*Image{{Names: []string{"minio/minio"}, Program: minioProgram, Data: []string{"/data"},
			Ports: []ImagePort{
				{Container: 9000, Port: Action{Kind: Set, Option: "listenAddress", Type: Str}, HostPort: true},
				{Container: 9001, Port: Action{Kind: Set, Option: "consoleAddress", Type: Str}, HostPort: true}},
			Env: Actions{
				{"MINIO_ROOT_USER", Action{Kind: Set, Option: "accessKey", Type: Str}},
				{"MINIO_ROOT_PASSWORD", Action{Kind: Set, Option: "secretKey", Type: Str}},
				{"MINIO_ACCESS_KEY", Action{Kind: Set, Option: "accessKey", Type: Str}},
				{"MINIO_SECRET_KEY", Action{Kind: Set, Option: "secretKey", Type: Str}},
				{"MINIO_REGION", Action{Kind: Set, Option: "region", Type: Str}},
				{"MINIO_REGION_NAME", Action{Kind: Set, Option: "region", Type: Str}},
				{"MINIO_BROWSER", Action{Kind: Set, Option: "browser", Type: OnOff}}}}}},
	{Service: "mongodb", Title: "MongoDB", Process: "mongodb", Helpers: []string{"mongodb-configure"}, Readiness: ReadyNone,
		Names:    []string{"mongo", "mongodb", "mongod"},
		Programs: []*Program{mongodProgram},
		Images: []*Image{{Names: []string{"mongo"}, Program: mongodProgram, Data: []string{"/data/db"},
			Ports: []ImagePort{{Container: 27017, Port: Action{Kind: Expect, Value: "27017", Why: "devenv's mongodb listens on port 27017 unless additionalArgs says otherwise"},
				Listen: Action{Kind: Drop, Why: "devenv's mongod listens on the local address"}}},
			Env: Actions{
				{"MONGO_INITDB_ROOT_USERNAME", Action{Kind: Set, Option: "initDatabaseUsername", Type: Str}},
				{"MONGO_INITDB_ROOT_PASSWORD", Action{Kind: Set, Option: "initDatabasePassword", Type: Str}},
				{"MONGO_INITDB_DATABASE", Action{Kind: Drop, Why: "the image uses it only for its init scripts, and there are none"}}}}}},
	{Service: "mosquitto", Title: "Mosquitto", Process: "mosquitto", Readiness: ReadyPorts,
		Names:    []string{"mosquitto", "mqtt"},
		Programs: []*Program{mosquittoProgram},
		Images: []*Image{{Names: []string{"eclipse-mosquitto"}, Data: []string{"/mosquitto/data"},
			Ports: []ImagePort{{Container: 1883, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "bind", Type: Str}}}}}},
	{Service: "mysql", Title: "MySQL", Process: "mysql", Readiness: ReadyProbe,
		Names:    []string{"mysql", "mysqld", "mariadb"},
		Programs: []*Program{mysqlProgram},
		Images: []*Image{
			{Names: []string{"mysql"}, Program: mysqlProgram, Data: []string{"/var/lib/mysql"}, InitScripts: true,
				Ports:     []ImagePort{{Container: 3306, Port: Action{Kind: Set, Option: "settings.mysqld.port", Type: Int}, Listen: Action{Kind: Set, Option: "settings.mysqld.bind-address", Type: Str}}},
				Env:       mysqlImageEnv("MYSQL_"),
				Build:     mysqlDatabases("MYSQL_"),
				Packages:  map[string]string{"8.0": "mysql80", "8.4": "mysql84"},
				NoPackage: "devenv's services.mysql runs MariaDB unless its package is set; set package to a MySQL of nixpkgs (pkgs.mysql84, say)"},
			{Names: []string{"mariadb"}, Program: mysqlProgram, Data: []string{"/var/lib/mysql"}, InitScripts: true,
				Ports:    []ImagePort{{Container: 3306, Port: Action{Kind: Set, Option: "settings.mysqld.port", Type: Int}, Listen: Action{Kind: Set, Option: "settings.mysqld.bind-address", Type: Str}}},
				Env:      mariadbImageEnv(),
				Build:    mariadbDatabases,
				Packages: map[string]string{"10.11": "mariadb_1011", "11.4": "mariadb_114", "11.8": "mariadb_118"}},
		}},
	{Service: "nats", Title: "NATS", Process: "nats", Readiness: ReadyProbe,
		Names:    []string{"nats"},
		Programs: []*Program{natsProgram},
		Images: []*Image{{Names: []string{"nats"}, Program: natsProgram,
			Ports: []ImagePort{
				{Container: 4222, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "host", Type: Str}},
				{Container: 8222, Port: Action{Kind: Set, Option: "monitoring.port", Type: Int}}}}}},
	{Service: "nginx", Title: "nginx", Process: "nginx", Readiness: ReadyNone,
		Names:    []string{"nginx"},
		Programs: []*Program{nginxProgram},
		Images: []*Image{{Names: []string{"nginx"},
			Ports: []ImagePort{{Container: 80, Port: Action{Kind: Unsupported, Why: "devenv's nginx listens where its httpConfig says, and the image's site is not devenv's"}}}}}},
	{Service: "nixseparatedebuginfod", Title: "nixseparatedebuginfod", Process: "nixseparatedebuginfod", Readiness: ReadyPorts,
		Names:    []string{"nixseparatedebuginfod", "debuginfod"},
		Programs: []*Program{nixseparatedebuginfodProgram}},
	{Service: "opensearch", Title: "OpenSearch", Process: "opensearch", Readiness: ReadyProbe,
		Names:    []string{"opensearch"},
		Programs: []*Program{opensearchProgram},
		Env:      Actions{{"OPENSEARCH_JAVA_OPTS", Action{Kind: Set, Option: "extraJavaOptions", Type: StrList}}},
		Images: []*Image{{Names: []string{"opensearchproject/opensearch"}, Data: []string{"/usr/share/opensearch/data"},
			Ports: []ImagePort{
				{Container: 9200, Port: Action{Kind: Set, Option: `settings."http.port"`, Type: Int}, Listen: Action{Kind: Set, Option: `settings."network.host"`, Type: Str}},
				{Container: 9300, Port: Action{Kind: Set, Option: `settings."transport.port"`, Type: Int}}},
			Env: Actions{
				{"discovery.type", Action{Kind: Set, Option: `settings."discovery.type"`, Type: Str}},
				{"cluster.name", Action{Kind: Set, Option: `settings."cluster.name"`, Type: Str}},
				{"plugins.security.disabled", Action{Kind: Set, Option: `settings."plugins.security.disabled"`, Type: Bool}},
				{"DISABLE_SECURITY_PLUGIN", Action{Kind: Expect, Value: "true", Why: "devenv's opensearch runs without its security plugin"}},
				{"OPENSEARCH_INITIAL_ADMIN_PASSWORD", Action{Kind: Drop, Why: "devenv's opensearch runs without its security plugin, so no admin password is needed"}},
				{"OPENSEARCH_JAVA_OPTS", Action{Kind: Set, Option: "extraJavaOptions", Type: StrList}}}}}},
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
				{Names: []string{"-D", "--pgdata"}, Arg: true, Do: Action{Kind: Drop, Why: whyData}},
				{Names: []string{"-l", "--log"}, Arg: true, Do: Action{Kind: Drop, Why: whyLog}},
				{Names: []string{"-o", "--options"}, Arg: true, Do: Action{Kind: Nested, Program: postgresProgram}},
				{Names: []string{"-w", "--wait", "-W", "--no-wait"}, Do: Action{Kind: Drop, Why: "devenv waits for PostgreSQL with its readiness probe"}},
				{Names: []string{"-s", "--silent"}, Do: Action{Kind: Drop, Why: "an option of pg_ctl's own output"}},
				{Names: []string{"-t", "--timeout"}, Arg: true, Do: Action{Kind: Drop, Why: "devenv waits for PostgreSQL with its readiness probe"}},
			},
		}},
		Wrapper: &Wrapper{Env: []string{"PGDATA"}},
		Env: Actions{
			{"PGDATA", Action{Kind: Drop, Why: whyData}},
			{"PGHOST", Action{Kind: Drop, Why: "PostgreSQL does not read it; devenv sets it for clients"}},
			{"PGPORT", Action{Kind: Set, Option: "port", Type: Int}},
		},
		Images: []*Image{{Names: []string{"postgres"}, Program: postgresProgram,
			Data:        []string{"/var/lib/postgresql/data", "/var/lib/postgresql"},
			InitScripts: true, InitDirs: true,
			Ports: []ImagePort{{Container: 5432, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "listen_addresses", Type: Str}}},
			Env: Actions{
				{"POSTGRES_USER", Action{Kind: Collect}},
				{"POSTGRES_PASSWORD", Action{Kind: Collect}},
				{"POSTGRES_DB", Action{Kind: Collect}},
				{"PGDATA", Action{Kind: Drop, Why: whyData}},
				{"POSTGRES_HOST_AUTH_METHOD", Action{Kind: Expect, Value: "trust", Why: "devenv's postgres trusts local connections"}},
				{"POSTGRES_INITDB_ARGS", Action{Kind: Set, Option: "initdbArgs", Type: StrList}},
			},
			Build: postgresDatabases,
			Packages: map[string]string{
				"14": "postgresql_14", "15": "postgresql_15", "16": "postgresql_16", "17": "postgresql_17", "18": "postgresql_18",
			}}}},
	{Service: "prometheus", Title: "Prometheus", Process: "prometheus", Readiness: ReadyProbe,
		Names:    []string{"prometheus"},
		Programs: []*Program{prometheusProgram},
		Images: []*Image{{Names: []string{"prom/prometheus"}, Data: []string{"/prometheus"},
			Ports: []ImagePort{{Container: 9090, Port: Action{Kind: Set, Option: "port", Type: Int}}}}}},
	{Service: "rabbitmq", Title: "RabbitMQ", Process: "rabbitmq", Readiness: ReadyProbe,
		Names:    []string{"rabbitmq", "rabbit", "amqp"},
		Programs: []*Program{rabbitmqProgram},
		Env: Actions{
			{"RABBITMQ_NODE_PORT", Action{Kind: Set, Option: "port", Type: Int}},
			{"RABBITMQ_NODE_IP_ADDRESS", Action{Kind: Set, Option: "listenAddress", Type: Str}},
			{"RABBITMQ_NODENAME", Action{Kind: Set, Option: "nodeName", Type: Str}},
			{"RABBITMQ_MNESIA_BASE", Action{Kind: Drop, Why: whyData}},
			{"RABBITMQ_LOG_BASE", Action{Kind: Drop, Why: whyLog}},
		},
		Images: []*Image{{Names: []string{"rabbitmq"}, Data: []string{"/var/lib/rabbitmq"},
			Ports: []ImagePort{
				{Container: 5672, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "listenAddress", Type: Str}},
				{Container: 15672, Port: Action{Kind: Set, Option: "managementPlugin.port", Type: Int}}},
			TagOptions: map[string][]setting{"management": {{"managementPlugin.enable", true}}},
			Env: Actions{
				{"RABBITMQ_NODENAME", Action{Kind: Set, Option: "nodeName", Type: Str}},
				{"RABBITMQ_ERLANG_COOKIE", Action{Kind: Set, Option: "cookie", Type: Str}},
				{"RABBITMQ_DEFAULT_USER", Action{Kind: Set, Option: "configItems.default_user", Type: Str}},
				{"RABBITMQ_DEFAULT_PASS", Action{Kind: Set, Option: "configItems.default_pass", Type: Str}},
				{"RABBITMQ_DEFAULT_VHOST", Action{Kind: Set, Option: "configItems.default_vhost", Type: Str}}}}}},
	{Service: "redis", Title: "Redis", Process: "redis", Readiness: ReadyProbe,
		Names:    []string{"redis"},
		Programs: []*Program{redisProgram},
		Images: []*Image{{Names: []string{"redis"}, Program: redisProgram, Data: []string{"/data"},
			Ports: []ImagePort{{Container: 6379, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "bind", Type: Str}}}}}},
	{Service: "rustfs", Title: "RustFS", Process: "rustfs", Readiness: ReadyProbe,
		Names:    []string{"rustfs"},
		Programs: []*Program{rustfsProgram},
		Env: Actions{
			{"RUSTFS_ACCESS_KEY", Action{Kind: Set, Option: "accessKey", Type: Str}},
			{"RUSTFS_SECRET_KEY", Action{Kind: Set, Option: "secretKey", Type: Str}},
			{"RUSTFS_CONSOLE_ENABLE", Action{Kind: Set, Option: "consoleEnable", Type: Bool}},
		},
		Note: "devenv's services.rustfs takes its package from a rustfs input in devenv.yaml"},
	{Service: "sqld", Title: "sqld (libSQL)", Process: "sqld", Readiness: ReadyProbe,
		Names:    []string{"sqld", "libsql"},
		Programs: []*Program{sqldProgram},
		Images: []*Image{{Names: []string{"tursodatabase/libsql-server", "libsql/sqld"}, Program: sqldProgram,
			Data:  []string{"/var/lib/sqld"},
			Ports: []ImagePort{{Container: 8080, Port: Action{Kind: Set, Option: "port", Type: Int}}}}}},
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
		Env: Actions{
			{"TYPESENSE_API_KEY", Action{Kind: Set, Option: "apiKey", Type: Str}},
			{"TYPESENSE_DATA_DIR", Action{Kind: Drop, Why: whyData}},
		},
		Images: []*Image{{Names: []string{"typesense/typesense"}, Program: typesenseProgram, Data: []string{"/data"},
			Ports: []ImagePort{{Container: 8108, Port: Action{Kind: Set, Option: "port", Type: Int}, Listen: Action{Kind: Set, Option: "host", Type: Str}}},
			Env: Actions{
				{"TYPESENSE_API_KEY", Action{Kind: Set, Option: "apiKey", Type: Str}},
				{"TYPESENSE_DATA_DIR", Action{Kind: Drop, Why: whyData}}}}}},
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
			Ports: []ImagePort{{Container: 8080, Port: Action{Kind: Set, Option: "port", Type: Int}}}}}},
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

func mysqlImageEnv(prefix string) Actions {
	return Actions{
		{prefix + "DATABASE", Action{Kind: Collect}},
		{prefix + "USER", Action{Kind: Collect}},
		{prefix + "PASSWORD", Action{Kind: Collect}},
		{prefix + "ROOT_PASSWORD", Action{Kind: Collect}},
		{prefix + "ROOT_HOST", Action{Kind: Collect}},
		{prefix + "RANDOM_ROOT_PASSWORD", Action{Kind: Unsupported, Why: "devenv's MySQL root user has no password"}},
		{prefix + "ALLOW_EMPTY_PASSWORD", Action{Kind: Drop, Why: "devenv's MySQL root user has no password anyway"}},
	}
}

func mariadbImageEnv() Actions {
	env := append(mysqlImageEnv("MYSQL_"), mysqlImageEnv("MARIADB_")...)
	return append(env, NamedAction{"MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", Action{Kind: Drop, Why: "devenv's MySQL root user has no password anyway"}})
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
