package ir

// Files, the command line and internal errors (PC500–PC509, PC900–PC999, ids.go).
var commandLineEntries = []Entry{
	{
		ID: IDNoSource, Name: "no-source", Severity: Error,
		Summary:     "a directory holds no source the converter reads",
		Explanation: ``,
	},
	{
		ID: IDIO, Name: "io", Severity: Error,
		Summary:     "a file could not be read",
		Explanation: ``,
	},
	{
		ID: IDUsage, Name: "usage", Severity: Error,
		Summary:     "a flag or argument is wrong",
		Explanation: ``,
	},
	{
		ID: IDInternal, Name: "internal", Severity: Error,
		Summary:     "a bug in pc2devenv",
		Explanation: ``,
	},
}
