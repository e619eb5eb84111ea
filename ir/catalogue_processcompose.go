package ir

// Loading process-compose files: rules, templates and the long tail of keys (PC030–PC099, ids_processcompose.go).
var processComposeEntries = []Entry{
	{
		ID: IDZeroOverride, Name: "zero-override", Severity: Warning,
		Summary: "a later file's zero value does not override",
		Explanation: `process-compose merges files (-f, extends) so that an empty, false or 0 value never overrides another; a later file that sets one changes nothing. The output does what process-compose does, and a related note shows the value that stays. For disabled, write is_disabled: "false" to enable a process again.

    # base.yml:     disabled: true
    # override.yml: disabled: false   # no effect`,
	},
	{
		ID: IDEnvMergeDrop, Name: "env-merge-drop", Severity: Warning,
		Summary: "process-compose drops an env entry when merging",
		Explanation: `When process-compose merges files or extends a process, it splits environment entries on every "=", and drops an entry whose value holds one. The output keeps the entry, as its author meant; check that nothing relied on it being dropped.

    environment:
      - DATABASE_URL=postgres://db?sslmode=disable`,
	},
	{
		ID: IDExtendsFile, Name: "extends-file", Severity: Error,
		Summary: "a top-level extends that cannot be followed",
		Explanation: `extends names a file that cannot be read; process-compose refuses the project. Fix the path.

    extends: ../base/process-compose.yml`,
	},
	{
		ID: IDExtendsProcess, Name: "extends-process", Severity: Error,
		Summary: "a process-level extends that cannot be resolved",
		Explanation: `extends names a process the extended file does not define, or extends itself; process-compose refuses the project. Fix the name.

    processes:
      web: {extends: base-web}`,
	},
	{
		ID: IDTemplate, Name: "template", Severity: Error,
		Summary: "a template process-compose cannot render",
		Explanation: `A Go template in a process-compose value cannot be parsed or run; process-compose refuses the file. Fix the template, or set is_template_disabled: true for the command.

    command: echo {{ .Name`,
	},
	{
		ID: IDTemplateNoValue, Name: "template-no-value", Severity: Warning,
		Summary: "a template renders \"<no value>\"",
		Explanation: `A {{ }} in the value renders as "<no value>", because no such template variable exists. process-compose runs the rendered text, and so does the output. To keep braces as text, write {{ "{{" }}, or set is_template_disabled: true; to use a variable, define it under vars.

    command: docker inspect -f '{{.State.Running}}' db`,
	},
	{
		ID: IDTemplateEnv, Name: "template-env", Severity: Warning,
		Summary: "a ${VAR} inside a template action",
		Explanation: `A template reads the environment (env "X"), which process-compose does when it loads the file. The output cannot know that value; it is rendered empty, or kept for bash where possible. Define the value under vars or in the environment.

    command: echo {{ env "HOME" }}`,
	},
	{
		ID: IDLogReadyNoLine, Name: "log-ready-no-line", Severity: Error,
		Summary: "process_log_ready on a process without ready_log_line",
		Explanation: `process_log_ready needs ready_log_line on the process waited for; without it process-compose refuses the file. Add ready_log_line.

    depends_on:
      db: {condition: process_log_ready}   # db has no ready_log_line`,
	},
	{
		ID: IDReadyLogLineProbe, Name: "ready-log-line-probe", Severity: Error,
		Summary: "ready_log_line together with a readiness probe",
		Explanation: `A process has both ready_log_line and a readiness probe, which process-compose does not allow. Keep one of them.

    ready_log_line: "listening"
    readiness_probe: {exec: {command: pg_isready}}`,
	},
	{
		ID: IDDisabledDep, Name: "disabled-dep", Severity: Warning,
		Summary: "a dependency on a disabled process",
		Explanation: `A process depends on a disabled process: process-compose logs an error, and refuses the file under is_strict. The output keeps the dependency; enable the process or drop the dependency.

    web: {depends_on: {db: {condition: process_started}}}
    db:  {command: postgres, disabled: true}`,
	},
	{
		ID: IDEntrypointIgnored, Name: "entrypoint-ignored", Severity: Warning,
		Summary: "entrypoint beside command",
		Explanation: `A process has both command and entrypoint; process-compose runs the entrypoint and ignores the command's shell, as the output does. Remove the one that is not meant.

    entrypoint: [./run]
    command: npm start`,
	},
	{
		ID: IDBadEnum, Name: "bad-enum", Severity: Error,
		Summary: "a value outside a fixed set process-compose refuses",
		Explanation: `A value is not one of the words process-compose accepts for this key (a log level, a shutdown signal, a restart policy); process-compose refuses the file. Use one of the words the message lists.

    shutdown:
      signal: KILL     # a number: 9`,
	},
	{
		ID: IDReplicaConflict, Name: "replica-conflict", Severity: Warning,
		Summary: "schedule or watch with several replicas",
		Explanation: `Two settings for a process's replicas contradict each other (say, a fixed port for every replica); process-compose starts them, but they clash when they run. Give each replica its own value, with PC_REPLICA_NUM.

    replicas: 3
    command: server --port 8080`,
	},
	{
		ID: IDSendKeys, Name: "send-keys", Severity: Warning,
		Summary: "shutdown.send_keys without a terminal",
		Explanation: `send_keys types into a process's terminal, which devenv cannot do; the output leaves it out, with a TODO. Pass the input another way (arguments, a file, a here-document).

    send_keys: "y\n"`,
	},
	{
		ID: IDExitCode, Name: "exit-code", Severity: Warning,
		Summary: "a success exit code outside 0–255",
		Explanation: `An exit code is outside 0-255, so no process can exit with it; the setting never matches. Fix the number.

    success_exit_codes: [0, 256]`,
	},
	{
		ID: IDProbePerReplica, Name: "probe-per-replica", Severity: Note,
		Summary: "a templated probe rendered once per replica",
		Explanation: `A readiness probe per replica: each replica gets the probe, with its PC_REPLICA_NUM; the note says how the output does it.

    replicas: 2
    readiness_probe: {http_get: {port: 8080}}`,
	},
	{
		ID: IDExtendedDir, Name: "extended-dir", Severity: Note,
		Summary: "processes of an extended file run in its directory",
		Explanation: `An extended process runs in the directory of the file that defines it, as process-compose does; the output keeps that working directory.

    extends: ../shared/process-compose.yml`,
	},
	{
		ID: IDSeveralFiles, Name: "several-files", Severity: Warning,
		Summary: "a directory holds several process-compose files",
		Explanation: `A directory holds several process-compose files (process-compose.yml and process-compose.yaml, say); process-compose reads only the first it finds, and so does pc2devenv. Remove or rename the other, or name the file.

    process-compose.yml
    process-compose.yaml   # not read`,
	},
	{
		ID: IDLogLevel, Name: "log-level", Severity: Warning,
		Summary: "an unknown log_level",
		Explanation: `log_level is not one process-compose knows; it falls back to its default. The output leaves it out. Use trace, debug, info, warn, error, fatal or panic.

    log_level: verbose`,
	},
	{
		ID: IDIsDisabled, Name: "is-disabled", Severity: Warning,
		Summary: "is_disabled that is neither \"true\" nor \"false\"",
		Explanation: `is_disabled is a string process-compose reads only as "true" or "false"; any other value is ignored. Write "true" or "false".

    is_disabled: "yes"`,
	},
	{
		ID: IDTemplateEnvFallback, Name: "template-env-fallback", Severity: Note,
		Summary: "{{ or \"${X}\" .V }} kept for run time as ${X:-v}",
		Explanation: `{{ or "${X}" default }} reads X from process-compose's environment when it loads the file, else takes the default. The output says the same to bash when the process starts, as ${X:-default}; nothing to do unless X is set only when process-compose starts.

    command: serve --port {{ or "${PORT}" "8080" }}   # becomes ${PORT:-8080}`,
	},
}
