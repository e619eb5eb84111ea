package emit

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// FateKind says what becomes of a source key in the output.
type FateKind string

// The fates a key can have.
const (
	// Mapped keys are expressed with a devenv option.
	Mapped FateKind = "mapped"
	// PassedThrough keys are written as raw process-compose keys, which
	// the target's process-compose reads as the source's did.
	PassedThrough FateKind = "passed through"
	// Reported keys have no equivalent in the target: a diagnostic and a
	// TODO comment in the output say so.
	Reported FateKind = "reported"
	// Consumed keys are read by the converter itself and need nothing in
	// the output (version, disable_env_expansion, extension keys).
	Consumed FateKind = "consumed"
)

// Fate is what becomes of a key under one target.
type Fate struct {
	Kind FateKind
	// To names the devenv option or process-compose key it becomes, or,
	// for Reported and Consumed keys, why.
	To string
}

// KeyRule gives the fate of the keys matching Pattern under each target.
type KeyRule struct {
	// Pattern is a key path with "*" for user-chosen names, as in
	// ir.Key.Pattern.
	Pattern string
	// Fates is indexed by Target.
	Fates [3]Fate
}

func mapped(to string) Fate    { return Fate{Mapped, to} }
func passed(to string) Fate    { return Fate{PassedThrough, to} }
func reported(why string) Fate { return Fate{Reported, why} }
func consumed(why string) Fate { return Fate{Consumed, why} }

// all gives one fate for every target.
func all(f Fate) [3]Fate { return [3]Fate{f, f, f} }

// nativeOr gives fate f under devenv 2's native manager and passes the key
// through to process-compose under the other targets.
func nativeOr(f Fate, pcKey string) [3]Fate {
	return [3]Fate{f, passed(pcKey), passed(pcKey)}
}

// typedOr maps the key to a typed devenv 2 option, and passes it through
// under devenv 1.
func typedOr(option, pcKey string) [3]Fate {
	return [3]Fate{mapped(option), mapped(option), passed(pcKey)}
}

const pcProc = "processes.<name>.process-compose."
const pcSettings = "process.managers.process-compose.settings."

// KeyRules is the fate of every process-compose key, per target: the one
// table the emitter follows for keys it has no typed lowering for, the
// --format json report lists, and the README's "supported keys" table is
// generated from. A key matches the longest pattern that is a prefix of it
// at a "." boundary.
var KeyRules = []KeyRule{
	{"version", all(consumed("informational; process-compose never reads it"))},
	{"name", nativeOr(reported("the project name only titles process-compose's TUI"), pcSettings+"name")},
	{"processes", all(mapped("processes"))},
	{"processes.*", all(mapped("processes.<name>"))},
	{"environment", [3]Fate{mapped("env"), mapped("env"), mapped("env")}},
	{"env_cmds", nativeOr(reported("commands run before start to set variables"), pcSettings+"env_cmds")},
	{"vars", all(reported("template variables: {{.NAME}} is not rendered"))},
	{"log_location", nativeOr(reported("devenv keeps process logs itself"), pcSettings+"log_location")},
	{"log_level", nativeOr(reported("process-compose's own log level"), pcSettings+"log_level")},
	{"log_length", nativeOr(reported("process-compose's log buffer size"), pcSettings+"log_length")},
	{"log_configuration", nativeOr(reported("process-compose's log file format"), pcSettings+"log_configuration")},
	{"log_format", nativeOr(reported("process-compose's log format"), pcSettings+"log_format")},
	{"shell", all(reported("devenv runs every command with bash"))},
	{"is_strict", nativeOr(reported("process-compose's validation mode; devenv validates the configuration itself"), pcSettings+"is_strict")},
	{"disable_env_expansion", all(consumed("the converter reads the file without ${} substitution, as process-compose would"))},
	{"is_tui_disabled", [3]Fate{reported("run devenv up -d for no TUI"), mapped("process.managers.process-compose.tui.enable"), mapped("process.managers.process-compose.tui.enable")}},
	{"extends", all(reported("the extended file is not read"))},
	{"ordered_shutdown", nativeOr(reported("devenv stops processes in its own order"), pcSettings+"ordered_shutdown")},
	{"mcp_server", nativeOr(reported("process-compose's MCP server"), pcSettings+"mcp_server")},
	{"file_names", all(reported("an internal process-compose key, not meant to be written"))},
	{"env_file_names", all(reported("an internal process-compose key, not meant to be written"))},
	{"dot_env_vars", all(reported("an internal process-compose key, not meant to be written"))},
	{"x-*", all(consumed("an extension key: anchors in it are used where they are referenced"))},

	{"processes.*.command", all(mapped("processes.<name>.exec"))},
	{"processes.*.entrypoint", all(reported("entrypoint is not converted yet"))},
	{"processes.*.working_dir", typedOr("processes.<name>.cwd", "working_dir")},
	{"processes.*.environment", typedOr("processes.<name>.env", "environment")},
	{"processes.*.env_file", all(reported("the process's env file is not loaded"))},
	{"processes.*.is_dotenv_disabled", all(reported("devenv loads .env for the whole environment"))},
	{"processes.*.depends_on", typedOr("processes.<name>.after", "depends_on")},
	{"processes.*.availability", typedOr("processes.<name>.restart", "availability")},
	{"processes.*.availability.restart", typedOr("processes.<name>.restart.on", "availability.restart")},
	{"processes.*.availability.max_restarts", typedOr("processes.<name>.restart.max", "availability.max_restarts")},
	{"processes.*.availability.backoff_seconds", nativeOr(reported("devenv restarts without a delay"), "availability.backoff_seconds")},
	{"processes.*.availability.exit_on_end", nativeOr(reported("devenv does not stop the environment when one process ends"), "availability.exit_on_end")},
	{"processes.*.availability.exit_on_skipped", nativeOr(reported("devenv does not stop the environment when a process is skipped"), "availability.exit_on_skipped")},
	{"processes.*.readiness_probe", typedOr("processes.<name>.ready", "readiness_probe")},
	{"processes.*.readiness_probe.exec.working_dir", [3]Fate{reported("devenv's ready.exec has no working directory"), reported("devenv's ready.exec has no working directory"), passed("readiness_probe.exec.working_dir")}},
	{"processes.*.readiness_probe.http_get.headers", [3]Fate{reported("devenv's ready.http.get sends no headers"), reported("devenv's ready.http.get sends no headers"), passed("readiness_probe.http_get.headers")}},
	{"processes.*.readiness_probe.http_get.status_code", [3]Fate{reported("devenv's ready.http.get expects status 200"), reported("devenv's ready.http.get expects status 200"), passed("readiness_probe.http_get.status_code")}},
	{"processes.*.liveness_probe", nativeOr(reported("devenv 2 has no liveness probe (its watchdog is the nearest thing)"), "liveness_probe")},
	{"processes.*.ready_log_line", nativeOr(reported("devenv 2 cannot wait for a log line"), "ready_log_line")},
	{"processes.*.shutdown", nativeOr(reported("devenv 2.2.2 has no shutdown options"), "shutdown")},
	{"processes.*.disabled", typedOr("processes.<name>.start.enable", "disabled")},
	{"processes.*.is_disabled", all(reported("is_disabled is not converted yet"))},
	{"processes.*.is_daemon", [3]Fate{reported("devenv expects processes to stay in the foreground"), reported("devenv's task runner waits for the command, so a daemon looks finished"), passed("is_daemon")}},
	{"processes.*.launch_timeout_seconds", [3]Fate{reported("only daemons use it"), reported("only daemons use it"), passed("launch_timeout_seconds")}},
	{"processes.*.is_foreground", nativeOr(reported("devenv 2 has no foreground processes"), "is_foreground")},
	{"processes.*.is_tty", nativeOr(reported("devenv 2 runs processes without a terminal"), "is_tty")},
	{"processes.*.is_interactive", nativeOr(reported("devenv 2 has no interactive processes"), "is_interactive")},
	{"processes.*.is_elevated", nativeOr(reported("devenv 2 does not run processes with sudo"), "is_elevated")},
	{"processes.*.description", all(mapped("a comment above the process"))},
	{"processes.*.namespace", nativeOr(reported("devenv 2 has no namespaces"), "namespace")},
	{"processes.*.replicas", nativeOr(reported("replicas are not converted yet"), "replicas")},
	{"processes.*.vars", all(reported("template variables: {{.NAME}} is not rendered"))},
	{"processes.*.log_location", nativeOr(reported("devenv keeps process logs itself"), "log_location")},
	{"processes.*.log_configuration", nativeOr(reported("devenv keeps process logs itself"), "log_configuration")},
	{"processes.*.disable_ansi_colors", nativeOr(reported("a process-compose TUI setting"), "disable_ansi_colors")},
	{"processes.*.truncate_log", nativeOr(reported("a process-compose TUI setting"), "truncate_log")},
	{"processes.*.is_template_disabled", all(reported("templates are not rendered"))},
	{"processes.*.success_exit_codes", nativeOr(reported("devenv treats only exit status 0 as success"), "success_exit_codes")},
	{"processes.*.extends", all(reported("process-level extends is not resolved yet"))},
	{"processes.*.schedule", nativeOr(reported("devenv 2 has no scheduled processes"), "schedule")},
	{"processes.*.watch", nativeOr(reported("watch is not converted yet"), "watch")},
	{"processes.*.mcp", nativeOr(reported("process-compose's MCP tools"), "mcp")},
	{"processes.*.monitor_for", nativeOr(reported("a process-compose TUI notification"), "monitor_for")},
	{"processes.*.monitor_silence_threshold", nativeOr(reported("a process-compose TUI notification"), "monitor_silence_threshold")},
	{"processes.*.name", all(consumed("process-compose replaces it with the key under processes"))},
	{"processes.*.x-*", all(consumed("an extension key, which process-compose ignores"))},
}

// rulesByPattern indexes KeyRules.
var rulesByPattern = func() map[string]*KeyRule {
	m := make(map[string]*KeyRule, len(KeyRules))
	for i := range KeyRules {
		m[KeyRules[i].Pattern] = &KeyRules[i]
	}
	return m
}()

// RuleFor returns the rule for a key pattern: the longest rule pattern
// that equals pattern or is a prefix of it at a "." boundary. Extension
// keys match "x-*" at their level.
func RuleFor(pattern string) *KeyRule {
	for p := pattern; p != ""; {
		if r := rulesByPattern[p]; r != nil {
			return r
		}
		if r := rulesByPattern[extensionPattern(p)]; r != nil {
			return r
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return nil
}

// extensionPattern replaces a last component starting with "x-" by "x-*".
func extensionPattern(p string) string {
	i := strings.LastIndexByte(p, '.')
	if strings.HasPrefix(p[i+1:], "x-") {
		return p[:i+1] + "x-*"
	}
	return p
}

// KeyFate is what became of one source key, for reports.
type KeyFate struct {
	Key  string   `json:"key"`
	Pos  ir.Pos   `json:"-"`
	Fate FateKind `json:"fate"`
	To   string   `json:"to,omitempty"`
}

// Fates returns the fate of each key of keys under target t. Unknown keys
// are always reported.
func Fates(keys []ir.Key, t Target) []KeyFate {
	out := make([]KeyFate, 0, len(keys))
	for _, k := range keys {
		f := KeyFate{Key: k.Path, Pos: k.Pos}
		if k.Unknown {
			f.Fate, f.To = Reported, "unknown key"
		} else if r := RuleFor(k.Pattern); r != nil {
			f.Fate, f.To = r.Fates[t].Kind, r.Fates[t].To
		} else {
			f.Fate, f.To = Reported, "no rule"
		}
		out = append(out, f)
	}
	return out
}
