package ir

// Limits and hostile input (PC540–PC569, ids_limits.go).
var limitsEntries = []Entry{
	{
		ID: IDTooLarge, Name: "too-large", Severity: Error,
		Summary:     "a file is larger than the size limit (--max-size)",
		Explanation: ``,
	},
	{
		ID: IDAliasBomb, Name: "alias-bomb", Severity: Error,
		Summary:     "YAML aliases expand a document beyond the node budget",
		Explanation: ``,
	},
	{
		ID: IDTooDeep, Name: "too-deep", Severity: Error,
		Summary:     "values nest deeper than the nesting limit",
		Explanation: ``,
	},
	{
		ID: IDBinary, Name: "binary", Severity: Note,
		Summary:     "a binary file, skipped in a walk",
		Explanation: ``,
	},
	{
		ID: IDVanished, Name: "vanished", Severity: Note,
		Summary:     "a file or directory was removed during a walk",
		Explanation: ``,
	},
	{
		ID: IDNotRegular, Name: "not-regular", Severity: Note,
		Also:        []Severity{Error},
		Summary:     "a source is a directory, pipe or device, not a file",
		Explanation: ``,
	},
	{
		ID: IDCommandDepth, Name: "command-depth", Severity: Warning,
		Summary:     "a command too long or nested too deeply to analyse; kept as written",
		Explanation: ``,
	},
	{
		ID: IDNameClash, Name: "name-clash", Severity: Error,
		Summary:     "two processes get the same name (a replica and another process)",
		Explanation: ``,
	},
	{
		ID: IDTooMany, Name: "too-many", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "more processes, targets, variables, replicas or template work than the converter does",
		Explanation: ``,
	},
}
