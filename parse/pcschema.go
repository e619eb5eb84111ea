package parse

// The keys process-compose defines, per object, as its loader reads them
// (process-compose v1.122.0). Keys outside these lists are reported as
// unknown unless they start with "x-".
var (
	pcTopKeys = []string{
		"version", "name", "processes", "environment", "env_cmds", "vars",
		"log_location", "log_level", "log_length", "log_configuration", "log_format",
		"shell", "is_strict", "disable_env_expansion", "is_tui_disabled", "extends",
		"ordered_shutdown", "mcp_server", "file_names", "env_file_names", "dot_env_vars",
	}
	pcProcessKeys = []string{
		"command", "entrypoint", "working_dir", "environment", "env_file",
		"is_dotenv_disabled", "depends_on", "availability", "readiness_probe",
		"liveness_probe", "ready_log_line", "shutdown", "disabled", "is_disabled",
		"is_daemon", "launch_timeout_seconds", "is_foreground", "is_tty",
		"is_interactive", "is_elevated", "description", "namespace", "replicas",
		"vars", "log_location", "log_configuration", "disable_ansi_colors",
		"truncate_log", "is_template_disabled", "success_exit_codes", "extends",
		"schedule", "watch", "mcp", "monitor_for", "monitor_silence_threshold", "name",
	}
	pcDependencyKeys   = []string{"condition"}
	pcAvailabilityKeys = []string{"restart", "backoff_seconds", "max_restarts", "exit_on_end", "exit_on_skipped"}
	pcProbeKeys        = []string{"exec", "http_get", "initial_delay_seconds", "period_seconds", "timeout_seconds", "success_threshold", "failure_threshold"}
	pcExecProbeKeys    = []string{"command", "working_dir"}
	pcHTTPProbeKeys    = []string{"host", "scheme", "path", "port", "headers", "status_code", "num_port"}
	pcShutdownKeys     = []string{"command", "signal", "timeout_seconds", "parent_only", "send_keys"}
)

// misplaced maps keys people often write in the wrong object, or borrow
// from other tools, to where process-compose expects them.
var misplaced = map[string]string{
	"restart":          "availability.restart",
	"max_restarts":     "availability.max_restarts",
	"backoff_seconds":  "availability.backoff_seconds",
	"exit_on_end":      "availability.exit_on_end",
	"exit_on_failure":  `availability.restart: "exit_on_failure"`,
	"env":              "environment (a list of KEY=VALUE)",
	"cwd":              "working_dir",
	"workdir":          "working_dir",
	"stop_command":     "shutdown.command",
	"stop_signal":      "shutdown.signal",
	"healthcheck":      "readiness_probe",
	"depends":          "depends_on",
	"interval_seconds": "period_seconds",
	"timeout":          "timeout_seconds",
}
