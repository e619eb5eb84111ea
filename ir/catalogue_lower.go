package ir

// Lowering to a devenv target (PC100–PC139, ids.go and ids_lower.go).
var lowerEntries = []Entry{
	{
		ID: IDNoEquivalent, Name: "no-equivalent", Severity: Warning,
		Summary:     "the target has no equivalent for a key",
		Explanation: ``,
	},
	{
		ID: IDRenamed, Name: "renamed", Severity: Warning,
		Summary:     "a name was changed to one devenv accepts",
		Explanation: ``,
	},
	{
		ID: IDNoReadiness, Name: "no-readiness", Severity: Warning,
		Summary:     "process_healthy on a process without readiness",
		Explanation: ``,
	},
	{
		ID: IDOneShotTask, Name: "one-shot-task", Severity: Note,
		Summary:     "a process became a one-shot task",
		Explanation: ``,
	},
	{
		ID: IDLogReady, Name: "log-ready", Severity: Warning,
		Summary:     "process_log_ready has no devenv equivalent",
		Explanation: ``,
	},
	{
		ID: IDEnvExported, Name: "env-exported", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "an env value moved into the command to expand",
		Explanation: ``,
	},
	{
		ID: IDSetE, Name: "set-e", Severity: Note,
		Summary:     "a multi-statement command runs without -e",
		Explanation: ``,
	},
	{
		ID: IDRestartLowered, Name: "restart-lowered", Severity: Warning,
		Summary:     "a restart policy devenv cannot express exactly",
		Explanation: ``,
	},
	{
		ID: IDProbeField, Name: "probe-field", Severity: Warning,
		Summary:     "a probe field the target cannot express",
		Explanation: ``,
	},
	{
		ID: IDPassedThrough, Name: "passed-through", Severity: Note,
		Summary:     "a key passed through to process-compose",
		Explanation: ``,
	},
	{
		ID: IDDefaultExplicit, Name: "default-explicit", Severity: Note,
		Summary:     "a source default stated because devenv's differs",
		Explanation: ``,
	},
	{
		ID: IDShell, Name: "shell", Severity: Warning,
		Summary:     "a shell other than bash",
		Explanation: ``,
	},
	{
		ID: IDReplicas, Name: "replicas", Severity: Note,
		Summary:     "replicas unrolled or passed through",
		Explanation: ``,
	},
	{
		ID: IDEnvFile, Name: "env-file", Severity: Note,
		Summary:     "an env_file loaded at the start of the command",
		Explanation: ``,
	},
	{
		ID: IDDaemon, Name: "daemon", Severity: Note,
		Summary:     "a daemon kept in the foreground",
		Explanation: ``,
	},
	{
		ID: IDCapabilities, Name: "capabilities", Severity: Warning,
		Summary:     "is_elevated lowered to capabilities",
		Explanation: ``,
	},
	{
		ID: IDWatch, Name: "watch", Severity: Warning,
		Summary:     "watch settings devenv cannot express",
		Explanation: ``,
	},
	{
		ID: IDEnvCmds, Name: "env-cmds", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "env_cmds run at the start of each command",
		Explanation: ``,
	},
	{
		ID: IDReplicaDep, Name: "replica-dep", Severity: Warning,
		Summary:     "a dependency on one replica under a folded group",
		Explanation: ``,
	},
	{
		ID: IDDotenvDisabled, Name: "dotenv-disabled", Severity: Warning,
		Summary:     "is_dotenv_disabled where devenv loads .env",
		Explanation: ``,
	},
	{
		ID: IDBashSyntax, Name: "bash-syntax", Severity: Warning,
		Summary:     "a command bash cannot parse",
		Explanation: ``,
	},
}
