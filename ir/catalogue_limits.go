package ir

// Limits and hostile input (PC540–PC569, ids_limits.go).
var limitsEntries = []Entry{
	{
		ID: IDTooLarge, Name: "too-large", Severity: Error,
		Summary: "a file is larger than the size limit (--max-size)",
		Explanation: `A file is larger than the size limit (16 MiB, --max-size); it is not read. Raise the limit if the file is meant.

    pc2devenv convert --max-size 64MiB`,
	},
	{
		ID: IDAliasBomb, Name: "alias-bomb", Severity: Error,
		Summary: "YAML aliases expand a document beyond the node budget",
		Explanation: `A YAML document expands, through aliases, to more than 1,000,000 values (a "billion laughs"); it is refused at the alias.

    a: &a [x, x, x]
    b: &b [*a, *a, *a]`,
	},
	{
		ID: IDTooDeep, Name: "too-deep", Severity: Error,
		Summary: "values nest deeper than the nesting limit",
		Explanation: `YAML values nest more than 100 levels deep; the file is refused.

    [[[[[[ ... ]]]]]]`,
	},
	{
		ID: IDBinary, Name: "binary", Severity: Note,
		Summary: "a binary file, skipped in a walk",
		Explanation: `A file with a source's name is binary (a NUL byte in its first 8,000 bytes); a -r walk skips it.

    Procfile   # a binary file`,
	},
	{
		ID: IDVanished, Name: "vanished", Severity: Note,
		Summary: "a file or directory was removed during a walk",
		Explanation: `A file or directory was removed while the walk ran; it is skipped.

    pc2devenv convert -r -w .`,
	},
	{
		ID: IDNotRegular, Name: "not-regular", Severity: Note,
		Also:    []Severity{Error},
		Summary: "a source is a directory, pipe or device, not a file",
		Explanation: `A source is not a regular file (a directory, a pipe, a device); it is refused without waiting on it. It is a note when a .env that is not a file is skipped.

    pc2devenv convert /dev/stdin`,
	},
	{
		ID: IDCommandDepth, Name: "command-depth", Severity: Warning,
		Summary: "a command too long or nested too deeply to analyse; kept as written",
		Explanation: `A shell command is too long or nests too deep to analyse (128 KiB, 64 brackets); it is kept as written, not analysed.

    command: (((((( ... ))))))`,
	},
	{
		ID: IDNameClash, Name: "name-clash", Severity: Error,
		Summary: "two processes get the same name (a replica and another process)",
		Explanation: `Two source names become the same name in the output; the project cannot be converted. Rename one.

    web.api: ...
    web-api: ...`,
	},
	{
		ID: IDTooMany, Name: "too-many", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "more processes, targets, variables, replicas or template work than the converter does",
		Explanation: `A source has more than the limit of processes, entries, targets, replicas or template steps; it is refused (a warning where only a script step is cut).

    replicas: 100000`,
	},
}
