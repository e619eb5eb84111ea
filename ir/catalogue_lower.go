package ir

// Lowering to a devenv target (PC100–PC139, ids.go and ids_lower.go).
var lowerEntries = []Entry{
	{
		ID: IDNoEquivalent, Name: "no-equivalent", Severity: Warning,
		Summary: "the target has no equivalent for a key",
		Explanation: `The key has no equivalent under the chosen devenv target, so the output cannot keep it; a TODO comment in the output, where it would have gone, says why. Check that the project does not depend on it, or pick another target (--target devenv2-process-compose keeps most process-compose keys). For is_elevated, grant the process the capabilities it needs with linux.capabilities, or use --target devenv2-process-compose.

    processes:
      web:
        is_elevated: true   # devenv 2 does not run processes with sudo`,
	},
	{
		ID: IDRenamed, Name: "renamed", Severity: Warning,
		Summary: "a name was changed to one devenv accepts",
		Explanation: `devenv's process, task and script names may hold only letters, digits, "_" and "-", so a name with other characters is changed; the message gives the new name. Refer to it by that name in devenv (devenv up, devenv tasks run).

    docs/index.html:   # becomes the task make:docs-index-html`,
	},
	{
		ID: IDNoReadiness, Name: "no-readiness", Severity: Warning,
		Summary: "process_healthy on a process without readiness",
		Explanation: `A process waits for another to be healthy (process_healthy), but that one has no readiness probe; the output waits for it to start instead. Give the process a readiness probe.

    depends_on:
      db: {condition: process_healthy}   # db has no readiness_probe`,
	},
	{
		ID: IDOneShotTask, Name: "one-shot-task", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "a process became a one-shot task",
		Explanation: `A process that others wait for to complete (process_completed_successfully) runs once, so it becomes a devenv task that the waiting processes depend on, not a process. When only disabled processes wait for it, it stays a process, since devenv up would not run the task; those wait for it to exit, whatever its status (a warning).

    migrate: {command: ./migrate}
    web: {depends_on: {migrate: {condition: process_completed_successfully}}}`,
	},
	{
		ID: IDLogReady, Name: "log-ready", Severity: Warning,
		Summary: "process_log_ready has no devenv equivalent",
		Explanation: `process_log_ready (wait for a line in the log) has no devenv equivalent; the output waits for the process to start, with a TODO. Give the process a readiness probe instead.

    depends_on:
      db: {condition: process_log_ready}`,
	},
	{
		ID: IDEnvExported, Name: "env-exported", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "an env value moved into the command to expand",
		Explanation: `devenv passes env values to processes as they are, without expanding them, while process-compose expands ${...} in them. So the command exports such a variable first, where bash expands it. It is a warning when the variable's name cannot be exported from bash, and the variable is left out.

    environment:
      - CACHE=${XDG_CACHE_HOME:-/tmp}`,
	},
	{
		ID: IDSetE, Name: "set-e", Severity: Note,
		Summary: "a multi-statement command runs without -e",
		Explanation: `devenv runs commands under set -e, which stops at the first failing statement; process-compose, foreman and make (for one line) did not. A command of several statements therefore starts with "set +e", to run as before.

    command: |
      ./prepare || true
      ./serve`,
	},
	{
		ID: IDRestartLowered, Name: "restart-lowered", Severity: Warning,
		Summary: "a restart policy devenv cannot express exactly",
		Explanation: `The restart policy cannot be expressed exactly under the target (say, a backoff or a maximum number of restarts); the output keeps what it can, and a TODO says what is lost.

    availability:
      restart: on_failure
      max_restarts: 3`,
	},
	{
		ID: IDProbeField, Name: "probe-field", Severity: Warning,
		Summary: "a probe field the target cannot express",
		Explanation: `A readiness probe field (a working directory, headers, a status code) has no equivalent in the target's probe; the probe is kept without it, with a TODO. Adapt the probe, for example by starting its command with cd.

    readiness_probe:
      exec: {command: pg_isready, working_dir: ./db}`,
	},
	{
		ID: IDPassedThrough, Name: "passed-through", Severity: Note,
		Summary: "a key passed through to process-compose",
		Explanation: `A key is passed through to process-compose unchanged (devenv 2 with process-compose, devenv 1), since devenv has no option of its own for it.

    processes:
      web: {namespace: backend}`,
	},
	{
		ID: IDDefaultExplicit, Name: "default-explicit", Severity: Note,
		Summary: "a source default stated because devenv's differs",
		Explanation: `The source relies on a default that differs from devenv's, so the output states the source's value explicitly.

    availability: {}   # process-compose: restart no`,
	},
	{
		ID: IDShell, Name: "shell", Severity: Warning,
		Summary: "a shell other than bash",
		Explanation: `The runner ran the command with a shell other than bash (process-compose's shell setting, make's SHELL); devenv runs it with bash. Check that the command means the same in bash.

    shell:
      shell_command: zsh`,
	},
	{
		ID: IDReplicas, Name: "replicas", Severity: Note,
		Summary: "replicas unrolled or passed through",
		Explanation: `devenv has no replicas, so a process with replicas becomes one process per replica, each with PC_REPLICA_NUM in its environment (or one task per replica, when others wait for them to complete).

    web: {command: server, replicas: 3}   # web-0, web-1, web-2`,
	},
	{
		ID: IDEnvFile, Name: "env-file", Severity: Note,
		Summary: "an env_file loaded at the start of the command",
		Explanation: `A process's env_file is loaded by the command before it runs, since devenv has no per-process env file; the values stay in the file.

    env_file: .env.web`,
	},
	{
		ID: IDDaemon, Name: "daemon", Severity: Note,
		Summary: "a daemon kept in the foreground",
		Explanation: `A daemon (is_daemon) starts itself in the background and exits; devenv wants processes in the foreground. So the command waits after starting it, and runs its shutdown.command when devenv stops it, from the process's working directory, as process-compose does. Without a shutdown.command nothing stops the daemon.

    postgresql:
      command: pg_ctl start
      is_daemon: true
      shutdown: {command: pg_ctl stop}`,
	},
	{
		ID: IDCapabilities, Name: "capabilities", Severity: Warning,
		Summary: "is_elevated lowered to capabilities",
		Explanation: `A process ran as root through sudo (is_elevated); devenv 2 cannot do that, so the output grants it the Linux capabilities its command seems to need instead. Check that it needs nothing else.

    is_elevated: true
    command: caddy run   # gets cap_net_bind_service`,
	},
	{
		ID: IDWatch, Name: "watch", Severity: Warning,
		Summary: "watch settings devenv cannot express",
		Explanation: `A watch setting (paths relative to an unknown directory, a pattern that is not *.EXT) cannot be expressed with devenv's process watch; the rest is kept, with a TODO.

    watch:
      paths: [src/**/*.go]`,
	},
	{
		ID: IDEnvCmds, Name: "env-cmds", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "env_cmds run at the start of each command",
		Explanation: `env_cmds (variables set from a command's output) become exports in the shell, where the names are bash variable names; an entry that is not is left out.

    env_cmds:
      DATE: date +%F`,
	},
	{
		ID: IDReplicaDep, Name: "replica-dep", Severity: Warning,
		Summary: "a dependency on one replica under a folded group",
		Explanation: `A process waits for a replicated process; it now waits for every replica's process.

    web: {depends_on: {worker: {condition: process_started}}}   # worker has replicas`,
	},
	{
		ID: IDDotenvDisabled, Name: "dotenv-disabled", Severity: Warning,
		Summary: "is_dotenv_disabled where devenv loads .env",
		Explanation: `is_dotenv_disabled keeps .env from one process, but devenv gives .env's variables to every process; the output cannot keep them from it.

    is_dotenv_disabled: true`,
	},
	{
		ID: IDBashSyntax, Name: "bash-syntax", Severity: Warning,
		Summary: "a command bash cannot parse",
		Explanation: `bash cannot parse the command; the message gives the line and column in the command. As under the source's runner, bash runs the lines before that one, then exits with status 2. Fix the command.

    command: echo 'unclosed`,
	},
}
