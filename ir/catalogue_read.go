package ir

// Reading process-compose files (PC001–PC029, ids.go).
var readEntries = []Entry{
	{
		ID: IDSyntax, Name: "syntax", Severity: Error,
		Summary:     "the file is not valid YAML",
		Explanation: ``,
	},
	{
		ID: IDType, Name: "type", Severity: Error,
		Summary:     "a value has the wrong type",
		Explanation: ``,
	},
	{
		ID: IDDuplicateKey, Name: "duplicate-key", Severity: Error,
		Summary:     "a mapping repeats a key",
		Explanation: ``,
	},
	{
		ID: IDNoProcesses, Name: "no-processes", Severity: Warning,
		Summary:     "the file defines no process",
		Explanation: ``,
	},
	{
		ID: IDUnknownKey, Name: "unknown-key", Severity: Warning,
		Summary:     "a key process-compose does not know",
		Explanation: ``,
	},
	{
		ID: IDEnvMap, Name: "env-map", Severity: Warning,
		Summary:     "environment written as a map",
		Explanation: ``,
	},
	{
		ID: IDEnvEntry, Name: "env-entry", Severity: Warning,
		Summary:     "an environment entry without \"=\"",
		Explanation: ``,
	},
	{
		ID: IDCondition, Name: "condition", Severity: Error,
		Summary:     "an unknown depends_on condition",
		Explanation: ``,
	},
	{
		ID: IDUndefinedDep, Name: "undefined-dep", Severity: Error,
		Summary:     "depends_on names no process",
		Explanation: ``,
	},
	{
		ID: IDCycle, Name: "cycle", Severity: Error,
		Summary:     "processes depend on each other in a cycle",
		Explanation: ``,
	},
	{
		ID: IDRestartPolicy, Name: "restart-policy", Severity: Error,
		Summary:     "an unknown availability.restart value",
		Explanation: ``,
	},
	{
		ID: IDBadValue, Name: "bad-value", Severity: Warning,
		Also:        []Severity{Error},
		Summary:     "a value out of range or not parseable",
		Explanation: ``,
	},
	{
		ID: IDNoCommand, Name: "no-command", Severity: Warning,
		Summary:     "a process without command or entrypoint",
		Explanation: ``,
	},
	{
		ID: IDExpansionDiff, Name: "expansion-diff", Severity: Warning,
		Summary:     "${...} means something else to bash",
		Explanation: ``,
	},
	{
		ID: IDUnresolvedVar, Name: "unresolved-var", Severity: Warning,
		Summary:     "a field devenv never expands references a variable",
		Explanation: ``,
	},
	{
		ID: IDBareVar, Name: "bare-var", Severity: Warning,
		Summary:     "$VAR that process-compose leaves as text",
		Explanation: ``,
	},
	{
		ID: IDBadExpansion, Name: "bad-expansion", Severity: Error,
		Summary:     "a malformed ${ that process-compose rejects",
		Explanation: ``,
	},
	{
		ID: IDShortDependsOn, Name: "short-depends-on", Severity: Error,
		Summary:     "depends_on entry written as \"name: condition\"",
		Explanation: ``,
	},
	{
		ID: IDEmptyFile, Name: "empty-file", Severity: Error,
		Summary:     "the source file is empty",
		Explanation: ``,
	},
	{
		ID: IDBadText, Name: "bad-text", Severity: Error,
		Summary:     "a NUL byte or invalid UTF-8",
		Explanation: ``,
	},
	{
		ID: IDImplicitCondition, Name: "implicit-condition", Severity: Note,
		Summary:     "a dependency without a condition",
		Explanation: ``,
	},
}
