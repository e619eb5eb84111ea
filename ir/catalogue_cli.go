package ir

// Files, the command line and internal errors (PC500–PC509, PC900–PC999, ids.go).
var commandLineEntries = []Entry{
	{
		ID: IDNoSource, Name: "no-source", Severity: Error,
		Summary: "a directory holds no source the converter reads",
		Explanation: `No source was found: the path names no process-compose.yml, Procfile or Makefile, or a file of an unknown kind. Name a source file, or a directory that holds one, or pass --from.

    pc2devenv convert ./docs`,
	},
	{
		ID: IDIO, Name: "io", Severity: Error,
		Summary: "a file could not be read",
		Explanation: `A file could not be read (permissions, a broken link); the message gives the system's reason.

    pc2devenv convert unreadable/Procfile`,
	},
	{
		ID: IDUsage, Name: "usage", Severity: Error,
		Summary: "a flag or argument is wrong",
		Explanation: `The command line asks for something the converter does not do, such as converting several Makefiles as one project.

    pc2devenv convert a/Makefile b/Makefile`,
	},
	{
		ID: IDInternal, Name: "internal", Severity: Error,
		Summary: "a bug in pc2devenv",
		Explanation: `A bug in pc2devenv; the message names the input. Please report it with the input; the exit status is 2.

    pc2devenv: internal error: ...`,
	},
}
