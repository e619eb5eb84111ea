package ir

// Reading Procfiles.
const (
	IDProcfileLine      ID = "PC300" // a line that is neither an entry, a comment nor blank
	IDProcfileIndented  ID = "PC301" // an entry indented, which every runner ignores
	IDProcfileDuplicate ID = "PC302" // two entries with one name
	IDProcfileEmpty     ID = "PC303" // a Procfile without entries
	IDProcfileNoCommand ID = "PC304" // an entry with an empty command
	IDProcfileNoSpace   ID = "PC305" // "name:command", which overmind and hivemind ignore
	IDProcfileBOM       ID = "PC306" // a UTF-8 byte-order mark, which hides the first entry from the runners
	IDProcfileRelease   ID = "PC307" // release: became a task run by hand
	IDProcfileWindows   ID = "PC308" // a Windows variant, or cmd.exe syntax such as %PORT%
	IDProcfileExitAll   ID = "PC309" // the runners stop every process when one exits
	IDProcfileNested    ID = "PC316" // a command that starts another Procfile runner
)

// PORT and the runner's environment.
const (
	IDPort        ID = "PC310" // how PORT is given to each process
	IDPortInline  ID = "PC311" // the command sets PORT itself
	IDPortRange   ID = "PC312" // a PORT beyond 65535
	IDPortDotenv  ID = "PC313" // a PORT in .env that is not a port number
	IDRunnerSubst ID = "PC314" // foreman's textual $NAME substitution differs from bash's here
)

// Finding Procfiles.
const (
	IDProcfileChosen  ID = "PC320" // Procfile.dev was chosen over Procfile
	IDProcfileNotUsed ID = "PC321" // a Procfile (or variant) in the directory was not used
)

// Reading .env files.
const (
	IDDotenvLine   ID = "PC330" // a line that is not NAME=value
	IDDotenvExport ID = "PC331" // "export NAME=value", which foreman ignores and devenv reads
	IDDotenvLoaded ID = "PC332" // the .env is loaded at run time; values stay in it
	IDDotenvInline ID = "PC333" // --inline-env copied values into the output
	IDDotenvQuote  ID = "PC334" // an unterminated quote
	IDDotenvExpand ID = "PC335" // an inlined value that the runner would have expanded
)
