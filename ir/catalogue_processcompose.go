package ir

// Loading process-compose files: rules, templates and the long tail of keys (PC030–PC099, ids_processcompose.go).
var processComposeEntries = []Entry{
	{
		ID: IDZeroOverride, Name: "zero-override", Severity: Warning,
		Summary:     "a later file's zero value does not override",
		Explanation: ``,
	},
	{
		ID: IDEnvMergeDrop, Name: "env-merge-drop", Severity: Warning,
		Summary:     "process-compose drops an env entry when merging",
		Explanation: ``,
	},
	{
		ID: IDExtendsFile, Name: "extends-file", Severity: Error,
		Summary:     "a top-level extends that cannot be followed",
		Explanation: ``,
	},
	{
		ID: IDExtendsProcess, Name: "extends-process", Severity: Error,
		Summary:     "a process-level extends that cannot be resolved",
		Explanation: ``,
	},
	{
		ID: IDTemplate, Name: "template", Severity: Error,
		Summary:     "a template process-compose cannot render",
		Explanation: ``,
	},
	{
		ID: IDTemplateNoValue, Name: "template-no-value", Severity: Warning,
		Summary:     "a template renders \"<no value>\"",
		Explanation: ``,
	},
	{
		ID: IDTemplateEnv, Name: "template-env", Severity: Warning,
		Summary:     "a ${VAR} inside a template action",
		Explanation: ``,
	},
	{
		ID: IDLogReadyNoLine, Name: "log-ready-no-line", Severity: Error,
		Summary:     "process_log_ready on a process without ready_log_line",
		Explanation: ``,
	},
	{
		ID: IDReadyLogLineProbe, Name: "ready-log-line-probe", Severity: Error,
		Summary:     "ready_log_line together with a readiness probe",
		Explanation: ``,
	},
	{
		ID: IDDisabledDep, Name: "disabled-dep", Severity: Warning,
		Summary:     "a dependency on a disabled process",
		Explanation: ``,
	},
	{
		ID: IDEntrypointIgnored, Name: "entrypoint-ignored", Severity: Warning,
		Summary:     "entrypoint beside command",
		Explanation: ``,
	},
	{
		ID: IDBadEnum, Name: "bad-enum", Severity: Error,
		Summary:     "a value outside a fixed set process-compose refuses",
		Explanation: ``,
	},
	{
		ID: IDReplicaConflict, Name: "replica-conflict", Severity: Warning,
		Summary:     "schedule or watch with several replicas",
		Explanation: ``,
	},
	{
		ID: IDSendKeys, Name: "send-keys", Severity: Warning,
		Summary:     "shutdown.send_keys without a terminal",
		Explanation: ``,
	},
	{
		ID: IDExitCode, Name: "exit-code", Severity: Warning,
		Summary:     "a success exit code outside 0–255",
		Explanation: ``,
	},
	{
		ID: IDProbePerReplica, Name: "probe-per-replica", Severity: Note,
		Summary:     "a templated probe rendered once per replica",
		Explanation: ``,
	},
	{
		ID: IDExtendedDir, Name: "extended-dir", Severity: Note,
		Summary:     "processes of an extended file run in its directory",
		Explanation: ``,
	},
	{
		ID: IDSeveralFiles, Name: "several-files", Severity: Warning,
		Summary:     "a directory holds several process-compose files",
		Explanation: ``,
	},
	{
		ID: IDLogLevel, Name: "log-level", Severity: Warning,
		Summary:     "an unknown log_level",
		Explanation: ``,
	},
	{
		ID: IDIsDisabled, Name: "is-disabled", Severity: Warning,
		Summary:     "is_disabled that is neither \"true\" nor \"false\"",
		Explanation: ``,
	},
	{
		ID: IDTemplateEnvFallback, Name: "template-env-fallback", Severity: Note,
		Summary:     "{{ or \"${X}\" .V }} kept for run time as ${X:-v}",
		Explanation: ``,
	},
}
