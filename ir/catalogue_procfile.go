package ir

// Procfile and .env (PC300–PC349, ids_procfile.go).
var procfileEntries = []Entry{
	{
		ID: IDProcfileLine, Name: "procfile-line", Severity: Warning,
		Summary:     "a line that is neither an entry, a comment nor blank",
		Explanation: ``,
	},
	{
		ID: IDProcfileIndented, Name: "procfile-indented", Severity: Warning,
		Summary:     "an entry indented, which every runner ignores",
		Explanation: ``,
	},
	{
		ID: IDProcfileDuplicate, Name: "procfile-duplicate", Severity: Error,
		Summary:     "two entries with one name",
		Explanation: ``,
	},
	{
		ID: IDProcfileEmpty, Name: "procfile-empty", Severity: Error,
		Summary:     "a Procfile without entries",
		Explanation: ``,
	},
	{
		ID: IDProcfileNoCommand, Name: "procfile-no-command", Severity: Warning,
		Summary:     "an entry with an empty command",
		Explanation: ``,
	},
	{
		ID: IDProcfileNoSpace, Name: "procfile-no-space", Severity: Note,
		Summary:     "\"name:command\", which overmind and hivemind ignore",
		Explanation: ``,
	},
	{
		ID: IDProcfileBOM, Name: "procfile-bom", Severity: Warning,
		Summary:     "a UTF-8 byte-order mark, which hides the first entry from the runners",
		Explanation: ``,
	},
	{
		ID: IDProcfileRelease, Name: "procfile-release", Severity: Note,
		Summary:     "release: became a task run by hand",
		Explanation: ``,
	},
	{
		ID: IDProcfileWindows, Name: "procfile-windows", Severity: Warning,
		Summary:     "a Windows variant, or cmd.exe syntax such as %PORT%",
		Explanation: ``,
	},
	{
		ID: IDProcfileExitAll, Name: "procfile-exit-all", Severity: Note,
		Summary:     "the runners stop every process when one exits",
		Explanation: ``,
	},
	{
		ID: IDPort, Name: "port", Severity: Note,
		Summary:     "how PORT is given to each process",
		Explanation: ``,
	},
	{
		ID: IDPortInline, Name: "port-inline", Severity: Note,
		Summary:     "the command sets PORT itself",
		Explanation: ``,
	},
	{
		ID: IDPortRange, Name: "port-range", Severity: Warning,
		Summary:     "a PORT beyond 65535",
		Explanation: ``,
	},
	{
		ID: IDPortDotenv, Name: "port-dotenv", Severity: Warning,
		Summary:     "a PORT in .env that is not a port number",
		Explanation: ``,
	},
	{
		ID: IDRunnerSubst, Name: "runner-subst", Severity: Warning,
		Summary:     "foreman's textual $NAME substitution differs from bash's here",
		Explanation: ``,
	},
	{
		ID: IDProcfileNested, Name: "procfile-nested", Severity: Note,
		Summary:     "a command that starts another Procfile runner",
		Explanation: ``,
	},
	{
		ID: IDProcfileChosen, Name: "procfile-chosen", Severity: Note,
		Summary:     "Procfile.dev was chosen over Procfile",
		Explanation: ``,
	},
	{
		ID: IDProcfileNotUsed, Name: "procfile-not-used", Severity: Note,
		Summary:     "a Procfile (or variant) in the directory was not used",
		Explanation: ``,
	},
	{
		ID: IDDotenvLine, Name: "dotenv-line", Severity: Warning,
		Summary:     "a line that is not NAME=value",
		Explanation: ``,
	},
	{
		ID: IDDotenvExport, Name: "dotenv-export", Severity: Warning,
		Summary:     "\"export NAME=value\", which foreman ignores and devenv reads",
		Explanation: ``,
	},
	{
		ID: IDDotenvLoaded, Name: "dotenv-loaded", Severity: Note,
		Summary:     "the .env is loaded at run time; values stay in it",
		Explanation: ``,
	},
	{
		ID: IDDotenvInline, Name: "dotenv-inline", Severity: Warning,
		Summary:     "--inline-env copied values into the output",
		Explanation: ``,
	},
	{
		ID: IDDotenvQuote, Name: "dotenv-quote", Severity: Warning,
		Summary:     "an unterminated quote",
		Explanation: ``,
	},
	{
		ID: IDDotenvExpand, Name: "dotenv-expand", Severity: Warning,
		Summary:     "an inlined value that the runner would have expanded",
		Explanation: ``,
	},
}
