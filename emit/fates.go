package emit

import (
	"strings"
	"sync"

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
	// Kind says whether the key is mapped, passed through, reported or
	// consumed.
	Kind FateKind
	// To names the devenv option or process-compose key it becomes, or,
	// for Reported and Consumed keys, why. For a PassedThrough key it is
	// exactly the process-compose key path.
	To string
	// Note adds when the fate is another.
	Note string
}

// String describes the fate's destination, with its note.
func (f Fate) String() string {
	if f.Note == "" {
		return f.To
	}
	return f.To + "; " + f.Note
}

// PatternFates is a row of FateTable: the fate of the keys matching
// Pattern under each target.
type PatternFates struct {
	// Pattern is a key path with "*" for user-chosen names, as
	// ir.Path.Pattern writes it.
	Pattern string
	// Fates is indexed by Target.
	Fates [3]Fate
}

// The constructors of a Fate, which the compiler inlines: FateTable is laid
// out when the program is built, not computed when it starts. A row's
// fates are written out per target ([3]Fate{devenv2, devenv2 with
// process-compose, devenv1}) for the same reason: a function returning the
// array would run at start-up.
func mapped(to string) Fate    { return Fate{Kind: Mapped, To: to} }
func passed(to string) Fate    { return Fate{Kind: PassedThrough, To: to} }
func reported(why string) Fate { return Fate{Kind: Reported, To: why} }
func consumed(why string) Fate { return Fate{Kind: Consumed, To: why} }

// passedNote passes a key through, with a note on when it is not.
func passedNote(to, note string) Fate { return Fate{Kind: PassedThrough, To: to, Note: note} }

const pcProc = "processes.<name>.process-compose."
const pcSettings = "process.managers.process-compose.settings."

// FateTable is the fate of every process-compose key, per target: the one
// table the emitter follows for keys it has no typed lowering for, the
// --format json report lists, and the table of supported keys in
// docs/keys.md is generated from. A key matches the longest pattern that is a prefix of it
// at a "." boundary. Where a key's fate depends on its value (a default
// value is consumed, say), the row's text says so, and the report gives
// the fate of each key as it was decided.
var FateTable = []PatternFates{
	{"version", [3]Fate{consumed("informational; process-compose never reads it"), consumed("informational; process-compose never reads it"), consumed("informational; process-compose never reads it")}},
	{"name", [3]Fate{reported("the project name only titles process-compose's TUI"), passed(pcSettings + "name"), passed(pcSettings + "name")}},
	{"processes", [3]Fate{mapped("processes"), mapped("processes"), mapped("processes")}},
	{"processes.*", [3]Fate{mapped("processes.<name>"), mapped("processes.<name>"), mapped("processes.<name>")}},
	{"environment", [3]Fate{mapped("env; values that refer to variables are exported at the start of each command"), mapped("env; values that refer to variables are exported at the start of each command"), mapped("env; values that refer to variables are exported at the start of each command")}},
	{"env_cmds", [3]Fate{mapped("exported at the start of each process's command: `export NAME=\"$(command)\"`"), passed(pcSettings + "env_cmds"), passed(pcSettings + "env_cmds")}},
	{"vars", [3]Fate{consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them"), consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them"), consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them")}},
	{"log_location", [3]Fate{reported("devenv keeps process logs itself"), passed(pcSettings + "log_location"), passed(pcSettings + "log_location")}},
	{"log_level", [3]Fate{reported("process-compose's own log level"), passed(pcSettings + "log_level"), passed(pcSettings + "log_level")}},
	{"log_length", [3]Fate{reported("process-compose's log buffer size"), passed(pcSettings + "log_length"), passed(pcSettings + "log_length")}},
	{"log_configuration", [3]Fate{reported("process-compose's log file format"), passed(pcSettings + "log_configuration"), passed(pcSettings + "log_configuration")}},
	{"log_format", [3]Fate{reported("process-compose's log format"), passed(pcSettings + "log_format"), passed(pcSettings + "log_format")}},
	{"shell", [3]Fate{reported("devenv runs every command with bash; consumed when it says bash -c (and sudo -S), process-compose's default"), reported("devenv runs every command with bash; consumed when it says bash -c (and sudo -S), process-compose's default"), reported("devenv runs every command with bash; consumed when it says bash -c (and sudo -S), process-compose's default")}},
	{"is_strict", [3]Fate{consumed("the converter reports what strict mode refuses"), passed(pcSettings + "is_strict"), passed(pcSettings + "is_strict")}},
	{"disable_env_expansion", [3]Fate{consumed("the converter reads the file without ${} substitution, as process-compose would"), consumed("the converter reads the file without ${} substitution, as process-compose would"), consumed("the converter reads the file without ${} substitution, as process-compose would")}},
	{"is_tui_disabled", [3]Fate{reported("run devenv up -d for no TUI"), mapped("process.managers.process-compose.tui.enable"), mapped("process.managers.process-compose.tui.enable")}},
	{"extends", [3]Fate{consumed("the extended file is read and merged first, as process-compose does"), consumed("the extended file is read and merged first, as process-compose does"), consumed("the extended file is read and merged first, as process-compose does")}},
	{"ordered_shutdown", [3]Fate{reported("devenv stops processes in its own order"), passed(pcSettings + "ordered_shutdown"), passed(pcSettings + "ordered_shutdown")}},
	{"mcp_server", [3]Fate{reported("process-compose's MCP server"), passed(pcSettings + "mcp_server"), passed(pcSettings + "mcp_server")}},
	{"file_names", [3]Fate{reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written")}},
	{"env_file_names", [3]Fate{reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written")}},
	{"dot_env_vars", [3]Fate{reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written"), reported("an internal process-compose key, not meant to be written")}},
	{"x-*", [3]Fate{consumed("an extension key: anchors in it are used where they are referenced"), consumed("an extension key: anchors in it are used where they are referenced"), consumed("an extension key: anchors in it are used where they are referenced")}},

	{"processes.*.command", [3]Fate{mapped("processes.<name>.exec"), mapped("processes.<name>.exec"), mapped("processes.<name>.exec")}},
	{"processes.*.entrypoint", [3]Fate{mapped("processes.<name>.exec, as a quoted command line; reported when command is set too, since command wins"), mapped("processes.<name>.exec, as a quoted command line; reported when command is set too, since command wins"), mapped("processes.<name>.exec, as a quoted command line; reported when command is set too, since command wins")}},
	{"processes.*.working_dir", [3]Fate{mapped("processes.<name>.cwd"), mapped("processes.<name>.cwd"), passed("working_dir")}},
	{"processes.*.environment", [3]Fate{mapped("processes.<name>.env"), mapped("processes.<name>.env"), passed("environment")}},
	{"processes.*.env_file", [3]Fate{mapped("sourced at the start of `processes.<name>.exec`; never copied"), mapped("sourced at the start of `processes.<name>.exec`; never copied"), passed("env_file")}},
	{"processes.*.is_dotenv_disabled", [3]Fate{reported("devenv loads .env for every process; consumed when the project has no .env"), reported("devenv loads .env for every process; consumed when the project has no .env"), reported("devenv loads .env for every process; consumed when the project has no .env")}},
	{"processes.*.depends_on", [3]Fate{mapped("processes.<name>.after"), mapped("processes.<name>.after"), passed("depends_on")}},
	{"processes.*.availability", [3]Fate{mapped("processes.<name>.restart"), mapped("processes.<name>.restart"), passed("availability")}},
	{"processes.*.availability.restart", [3]Fate{mapped("processes.<name>.restart.on"), mapped("processes.<name>.restart.on"), passed("availability.restart")}},
	{"processes.*.availability.max_restarts", [3]Fate{mapped("processes.<name>.restart.max"), mapped("processes.<name>.restart.max"), passed("availability.max_restarts")}},
	{"processes.*.availability.backoff_seconds", [3]Fate{reported("devenv restarts without a delay"), passed("availability.backoff_seconds"), passed("availability.backoff_seconds")}},
	{"processes.*.availability.exit_on_end", [3]Fate{reported("devenv does not stop the environment when one process ends"), passed("availability.exit_on_end"), passed("availability.exit_on_end")}},
	{"processes.*.availability.exit_on_skipped", [3]Fate{reported("devenv does not stop the environment when a process is skipped"), passed("availability.exit_on_skipped"), passed("availability.exit_on_skipped")}},
	{"processes.*.readiness_probe", [3]Fate{mapped("processes.<name>.ready"), mapped("processes.<name>.ready"), passed("readiness_probe")}},
	{"processes.*.readiness_probe.exec.working_dir", [3]Fate{reported("devenv's ready.exec has no working directory"), reported("devenv's ready.exec has no working directory"), passed("readiness_probe.exec.working_dir")}},
	{"processes.*.readiness_probe.http_get.headers", [3]Fate{reported("devenv's ready.http.get sends no headers"), reported("devenv's ready.http.get sends no headers"), passed("readiness_probe.http_get.headers")}},
	{"processes.*.readiness_probe.http_get.status_code", [3]Fate{reported("devenv's ready.http.get expects status 200"), reported("devenv's ready.http.get expects status 200"), passed("readiness_probe.http_get.status_code")}},
	{"processes.*.liveness_probe", [3]Fate{reported("devenv 2 has no liveness probe (its watchdog is the nearest thing)"), passed("liveness_probe"), passed("liveness_probe")}},
	{"processes.*.ready_log_line", [3]Fate{reported("devenv 2 cannot wait for a log line"), passed("ready_log_line"), passed("ready_log_line")}},
	{"processes.*.shutdown", [3]Fate{reported("devenv 2.2.2 has no shutdown options"), passed("shutdown"), passed("shutdown")}},
	{"processes.*.shutdown.command", [3]Fate{reported("devenv 2.2.2 has no shutdown command; mapped for a daemon, whose exec runs it when stopped"), passedNote("shutdown.command", "mapped for a daemon, whose exec runs it when stopped"), passed("shutdown.command")}},
	{"processes.*.disabled", [3]Fate{mapped("processes.<name>.start.enable"), mapped("processes.<name>.start.enable"), passed("disabled")}},
	{"processes.*.is_disabled", [3]Fate{mapped("processes.<name>.start.enable (is_disabled wins over disabled)"), mapped("processes.<name>.start.enable (is_disabled wins over disabled)"), passedNote("disabled", "is_disabled wins over disabled")}},
	{"processes.*.is_daemon", [3]Fate{mapped("`processes.<name>.exec` keeps the daemon in the foreground: it waits after the command and runs `shutdown.command` when stopped"), mapped("`processes.<name>.exec` keeps the daemon in the foreground: it waits after the command and runs `shutdown.command` when stopped"), passed("is_daemon")}},
	{"processes.*.launch_timeout_seconds", [3]Fate{consumed("the daemon's command is waited for, not its output"), consumed("the daemon's command is waited for, not its output"), passed("launch_timeout_seconds")}},
	{"processes.*.is_foreground", [3]Fate{reported("devenv 2 has no foreground processes"), passed("is_foreground"), passed("is_foreground")}},
	{"processes.*.is_tty", [3]Fate{reported("devenv 2 runs processes without a terminal"), passed("is_tty"), passed("is_tty")}},
	{"processes.*.is_interactive", [3]Fate{reported("devenv 2 has no interactive processes"), passed("is_interactive"), passed("is_interactive")}},
	{"processes.*.is_elevated", [3]Fate{reported("devenv 2 does not run processes with sudo; mapped to `processes.<name>.linux.capabilities` when the command needs a known one"), passed("is_elevated"), passed("is_elevated")}},
	{"processes.*.description", [3]Fate{mapped("a comment above the process"), mapped("a comment above the process"), mapped("a comment above the process")}},
	{"processes.*.namespace", [3]Fate{reported("devenv 2 has no namespaces"), passed("namespace"), passed("namespace")}},
	{"processes.*.replicas", [3]Fate{mapped("one process per replica, `<name>-0` … `<name>-N`, with `PC_REPLICA_NUM` in env"), passedNote("replicas", "unrolled like devenv2 when the replicas' templates differ"), passedNote("replicas", "unrolled like devenv2 when the replicas' templates differ")}},
	{"processes.*.vars", [3]Fate{consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them"), consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them"), consumed("rendered into the `{{.NAME}}` templates that use them, as process-compose renders them")}},
	{"processes.*.log_location", [3]Fate{reported("devenv keeps process logs itself"), passed("log_location"), passed("log_location")}},
	{"processes.*.log_configuration", [3]Fate{reported("devenv keeps process logs itself"), passed("log_configuration"), passed("log_configuration")}},
	{"processes.*.disable_ansi_colors", [3]Fate{reported("a process-compose TUI setting"), passed("disable_ansi_colors"), passed("disable_ansi_colors")}},
	{"processes.*.truncate_log", [3]Fate{reported("a process-compose TUI setting"), passed("truncate_log"), passed("truncate_log")}},
	{"processes.*.is_template_disabled", [3]Fate{consumed("the converter renders templates, and leaves the command alone, as process-compose does"), consumed("the converter renders templates, and leaves the command alone, as process-compose does"), consumed("the converter renders templates, and leaves the command alone, as process-compose does")}},
	{"processes.*.success_exit_codes", [3]Fate{reported("devenv treats only exit status 0 as success"), passed("success_exit_codes"), passed("success_exit_codes")}},
	{"processes.*.extends", [3]Fate{consumed("resolved: the process gets the extended process's keys, as process-compose merges them"), consumed("resolved: the process gets the extended process's keys, as process-compose merges them"), consumed("resolved: the process gets the extended process's keys, as process-compose merges them")}},
	{"processes.*.schedule", [3]Fate{reported("devenv 2 has no scheduled processes"), passed("schedule"), passed("schedule")}},
	{"processes.*.watch", [3]Fate{mapped("processes.<name>.watch"), mapped("processes.<name>.watch"), passed("watch")}},
	{"processes.*.watch.paths", [3]Fate{mapped("processes.<name>.watch.paths, as paths relative to devenv.nix"), mapped("processes.<name>.watch.paths, as paths relative to devenv.nix"), passed("watch.paths")}},
	{"processes.*.watch.paths.include", [3]Fate{mapped("processes.<name>.watch.extensions, for *.EXT patterns; reported otherwise"), mapped("processes.<name>.watch.extensions, for *.EXT patterns; reported otherwise"), passed("watch.paths.include")}},
	{"processes.*.watch.paths.exclude", [3]Fate{mapped("processes.<name>.watch.ignore"), mapped("processes.<name>.watch.ignore"), passed("watch.paths.exclude")}},
	{"processes.*.watch.debounce", [3]Fate{reported("devenv's watch has no debounce setting"), reported("devenv's watch has no debounce setting"), passed("watch.debounce")}},
	{"processes.*.watch.cascade", [3]Fate{reported("devenv's watch does not restart dependents"), reported("devenv's watch does not restart dependents"), passed("watch.cascade")}},
	{"processes.*.watch.max_entries", [3]Fate{reported("devenv's watch has no such limit"), reported("devenv's watch has no such limit"), passed("watch.max_entries")}},
	{"processes.*.watch.buffer_size", [3]Fate{reported("devenv's watch has no such setting"), reported("devenv's watch has no such setting"), passed("watch.buffer_size")}},
	{"processes.*.watch.disable_default_excludes", [3]Fate{reported("devenv's watch has its own default ignores"), reported("devenv's watch has its own default ignores"), passed("watch.disable_default_excludes")}},
	{"processes.*.mcp", [3]Fate{reported("process-compose's MCP tools"), passed("mcp"), passed("mcp")}},
	{"processes.*.monitor_for", [3]Fate{reported("a process-compose TUI notification"), passed("monitor_for"), passed("monitor_for")}},
	{"processes.*.monitor_silence_threshold", [3]Fate{reported("a process-compose TUI notification"), passed("monitor_silence_threshold"), passed("monitor_silence_threshold")}},
	{"processes.*.name", [3]Fate{consumed("process-compose replaces it with the key under processes"), consumed("process-compose replaces it with the key under processes"), consumed("process-compose replaces it with the key under processes")}},
	{"processes.*.x-*", [3]Fate{consumed("an extension key, which process-compose ignores"), consumed("an extension key, which process-compose ignores"), consumed("an extension key, which process-compose ignores")}},
	// docker-compose services (package parse/compose lowers them).
	{"services", [3]Fate{mapped("processes.<name>, or the devenv service its image runs"), mapped("processes.<name>, or the devenv service its image runs"), mapped("processes.<name>, or the devenv service its image runs")}},
	{"services.*.image", [3]Fate{mapped("processes.<name>.exec (docker run IMAGE), or the devenv service the image runs"), mapped("processes.<name>.exec (docker run IMAGE), or the devenv service the image runs"), mapped("processes.<name>.exec (docker run IMAGE), or the devenv service the image runs")}},
	{"services.*.command", [3]Fate{mapped("processes.<name>.exec"), mapped("processes.<name>.exec"), mapped("processes.<name>.exec")}},
	{"services.*.entrypoint", [3]Fate{mapped("processes.<name>.exec (docker run --entrypoint)"), mapped("processes.<name>.exec (docker run --entrypoint)"), mapped("processes.<name>.exec (docker run --entrypoint)")}},
	{"services.*.environment", [3]Fate{mapped("processes.<name>.exec (docker run -e), or the process's environment when built"), mapped("processes.<name>.exec (docker run -e), or the process's environment when built"), mapped("processes.<name>.exec (docker run -e), or the process's environment when built")}},
	{"services.*.env_file", [3]Fate{mapped("processes.<name>.exec (docker run --env-file), or loaded by the exec when built"), mapped("processes.<name>.exec (docker run --env-file), or loaded by the exec when built"), mapped("processes.<name>.exec (docker run --env-file), or loaded by the exec when built")}},
	{"services.*.ports", [3]Fate{mapped("processes.<name>.exec (docker run -p)"), mapped("processes.<name>.exec (docker run -p)"), mapped("processes.<name>.exec (docker run -p)")}},
	{"services.*.volumes", [3]Fate{mapped("processes.<name>.exec (docker run -v)"), mapped("processes.<name>.exec (docker run -v)"), mapped("processes.<name>.exec (docker run -v)")}},
	{"services.*.extra_hosts", [3]Fate{mapped("processes.<name>.exec (docker run --add-host)"), mapped("processes.<name>.exec (docker run --add-host)"), mapped("processes.<name>.exec (docker run --add-host)")}},
	{"services.*.user", [3]Fate{mapped("processes.<name>.exec (docker run --user)"), mapped("processes.<name>.exec (docker run --user)"), mapped("processes.<name>.exec (docker run --user)")}},
	{"services.*.working_dir", [3]Fate{mapped("processes.<name>.exec (docker run --workdir)"), mapped("processes.<name>.exec (docker run --workdir)"), mapped("processes.<name>.exec (docker run --workdir)")}},
	{"services.*.init", [3]Fate{mapped("processes.<name>.exec (docker run --init)"), mapped("processes.<name>.exec (docker run --init)"), mapped("processes.<name>.exec (docker run --init)")}},
	{"services.*.platform", [3]Fate{mapped("processes.<name>.exec (docker run --platform)"), mapped("processes.<name>.exec (docker run --platform)"), mapped("processes.<name>.exec (docker run --platform)")}},
	{"services.*.tmpfs", [3]Fate{mapped("processes.<name>.exec (docker run --tmpfs)"), mapped("processes.<name>.exec (docker run --tmpfs)"), mapped("processes.<name>.exec (docker run --tmpfs)")}},
	{"services.*.network_mode", [3]Fate{mapped("processes.<name>.exec (docker run --network host)"), mapped("processes.<name>.exec (docker run --network host)"), mapped("processes.<name>.exec (docker run --network host)")}},
	{"services.*.build", [3]Fate{mapped("processes.<name>.exec and cwd: the command run natively from the build context"), mapped("processes.<name>.exec and cwd: the command run natively from the build context"), mapped("processes.<name>.exec and cwd: the command run natively from the build context")}},
	{"services.*.healthcheck", [3]Fate{mapped("processes.<name>.ready"), mapped("processes.<name>.ready"), passed("readiness_probe")}},
	{"services.*.depends_on", [3]Fate{mapped("processes.<name>.after"), mapped("processes.<name>.after"), passed("depends_on")}},
	{"services.*.restart", [3]Fate{mapped("processes.<name>.restart"), mapped("processes.<name>.restart"), passed("availability")}},
	{"services.*.profiles", [3]Fate{mapped("processes.<name>.start.enable"), mapped("processes.<name>.start.enable"), passed("disabled")}},
	{"include", [3]Fate{consumed("resolved: the included projects' services join this one"), consumed("resolved: the included projects' services join this one"), consumed("resolved: the included projects' services join this one")}},
	{"volumes", [3]Fate{reported("a named volume: a container keeps using the engine's volume; devenv's services keep their data under .devenv/state"), reported("a named volume: a container keeps using the engine's volume; devenv's services keep their data under .devenv/state"), reported("a named volume: a container keeps using the engine's volume; devenv's services keep their data under .devenv/state")}},
	{"networks", [3]Fate{reported("every process runs on the host's network, on localhost"), reported("every process runs on the host's network, on localhost"), reported("every process runs on the host's network, on localhost")}},
	{"secrets", [3]Fate{reported("devenv has no secrets"), reported("devenv has no secrets"), reported("devenv has no secrets")}},
	{"configs", [3]Fate{reported("devenv has no configs"), reported("devenv has no configs"), reported("devenv has no configs")}},
}

// fatesByPattern indexes FateTable, when first needed.
var fatesByPattern = sync.OnceValue(func() map[string]*PatternFates {
	m := make(map[string]*PatternFates, len(FateTable))
	for i := range FateTable {
		m[FateTable[i].Pattern] = &FateTable[i]
	}
	return m
})

// FatesFor returns the row of FateTable for a key pattern: the row of the
// longest pattern that equals pattern or is a prefix of it at a "."
// boundary. Extension keys match "x-*" at their level.
func FatesFor(pattern string) *PatternFates {
	byPattern := fatesByPattern()
	for p := pattern; p != ""; {
		if r := byPattern[p]; r != nil {
			return r
		}
		if r := byPattern[extensionPattern(p)]; r != nil {
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
	// Key is the key's path as text, such as "processes.web.is_tty", Path
	// the path itself, and Pos where the key is.
	Key  string  `json:"key"`
	Path ir.Path `json:"-"`
	Pos  ir.Pos  `json:"-"`
	// ValuePos is where the key's value is.
	ValuePos ir.Pos `json:"-"`
	// Fate is what became of the key, and To where it went or why, as
	// Fate.To says.
	Fate FateKind `json:"fate"`
	To   string   `json:"to,omitempty"`
}

// fateBook decides what becomes of each source key under one target: it
// is the one place a key's fate is decided, from what the reader found
// (an unknown key, a key it used up or left out), what the lowering
// decided by the key's value (decide), the services that replaced
// processes, and FateTable.
type fateBook struct {
	t Target
	// off is set when no one asked for the fates (Options.NoFates):
	// decide records nothing.
	off bool
	// decided holds the fates the lowering decided by value, by the key's
	// Path.Quote.
	decided map[string]Fate
}

// decide records the fate of the key at path, where it depends on the
// key's value rather than on its row of FateTable alone. A zero path (a
// process without source keys) records nothing.
func (b *fateBook) decide(path ir.Path, f Fate) {
	if b.off || path.IsZero() {
		return
	}
	if b.decided == nil {
		b.decided = map[string]Fate{}
	}
	b.decided[path.Quote()] = f
}

// fates returns the fate of each of keys. A key of a process that became
// one of services is the service, is kept on the service's process, or
// is left to the service rule, whose notes say what became of it.
// Otherwise an unknown key is reported; the reader's decision stands for
// a key it consumed or left out; the lowering's for a key whose fate
// depended on its value; and FateTable's row for the others.
func (b *fateBook) fates(keys []ir.Key, services []*ir.Service) []KeyFate {
	replaced := map[string]*ir.Service{}
	for _, s := range services {
		if s.Source != "" {
			replaced[s.Source] = s
		}
	}
	out := make([]KeyFate, 0, len(keys))
	for _, k := range keys {
		f := KeyFate{Key: k.Path.String(), Path: k.Path, Pos: k.Pos, ValuePos: k.ValuePos}
		f.Fate, f.To = b.fate(k, replaced)
		out = append(out, f)
	}
	return out
}

// fate decides the fate of one key (see fates).
func (b *fateBook) fate(k ir.Key, replaced map[string]*ir.Service) (FateKind, string) {
	if name, below, ok := k.Path.Process(); ok && replaced[name] != nil {
		s := replaced[name]
		svc := "services." + s.Attr
		switch {
		case len(below) == 0 || len(below) == 1 && (below[0] == "command" || below[0] == "image"):
			return Mapped, svc
		case below[0] == "depends_on":
			return Mapped, "processes." + s.ProcessName + " (the process of " + svc + ")"
		}
		return Consumed, "the process became " + svc + "; the service rule's notes say what became of this key"
	}
	d, isDecided := b.decided[k.Path.Quote()]
	switch {
	case k.Unknown:
		return Reported, "unknown key"
	case k.Consumed != "":
		return Consumed, k.Consumed
	case k.Dropped != "":
		return Reported, k.Dropped
	case isDecided:
		return d.Kind, d.String()
	}
	if r := FatesFor(k.Path.Pattern()); r != nil {
		return r.Fates[b.t].Kind, r.Fates[b.t].String()
	}
	return Reported, "no rule"
}
