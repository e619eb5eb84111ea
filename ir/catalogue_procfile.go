package ir

// Procfile and .env (PC300–PC349, ids_procfile.go).
var procfileEntries = []Entry{
	{
		ID: IDProcfileLine, Name: "procfile-line", Severity: Warning,
		Summary: "a line that is neither an entry, a comment nor blank",
		Explanation: `A Procfile line is not "name: command"; foreman ignores it, and so does the output. Fix the line.

    web npm start     # web: npm start`,
	},
	{
		ID: IDProcfileIndented, Name: "procfile-indented", Severity: Warning,
		Summary: "an entry indented, which every runner ignores",
		Explanation: `A Procfile line is indented; foreman reads it as an entry anyway, but other runners may not. Remove the indentation.

      web: npm start`,
	},
	{
		ID: IDProcfileDuplicate, Name: "procfile-duplicate", Severity: Error,
		Summary: "two entries with one name",
		Explanation: `Two Procfile entries have the same name; foreman refuses the file. Rename one.

    web: npm start
    web: npm run dev`,
	},
	{
		ID: IDProcfileEmpty, Name: "procfile-empty", Severity: Error,
		Summary: "a Procfile without entries",
		Explanation: `The Procfile has no entry, so there is nothing to convert.

    # Procfile with only comments`,
	},
	{
		ID: IDProcfileNoCommand, Name: "procfile-no-command", Severity: Warning,
		Summary: "an entry with an empty command",
		Explanation: `A Procfile entry has no command; foreman skips it, and so does the output.

    worker:`,
	},
	{
		ID: IDProcfileNoSpace, Name: "procfile-no-space", Severity: Note,
		Summary: "\"name:command\", which overmind and hivemind ignore",
		Explanation: `A Procfile entry has no space after the colon; foreman reads it anyway.

    web:npm start`,
	},
	{
		ID: IDProcfileBOM, Name: "procfile-bom", Severity: Warning,
		Summary: "a UTF-8 byte-order mark, which hides the first entry from the runners",
		Explanation: `The Procfile starts with a byte-order mark, which foreman reads as part of the first name. The output drops it; save the file without a BOM.

    \xEF\xBB\xBFweb: npm start`,
	},
	{
		ID: IDProcfileRelease, Name: "procfile-release", Severity: Note,
		Summary: "release: became a task run by hand",
		Explanation: `The release entry is run by Heroku before a deploy, not by foreman; it becomes a task, not a process.

    release: bundle exec rails db:migrate`,
	},
	{
		ID: IDProcfileWindows, Name: "procfile-windows", Severity: Warning,
		Summary: "a Windows variant, or cmd.exe syntax such as %PORT%",
		Explanation: `The Procfile has Windows line endings or a Windows-only command; the output keeps the commands for bash.

    web: npm start\r`,
	},
	{
		ID: IDProcfileExitAll, Name: "procfile-exit-all", Severity: Note,
		Summary: "the runners stop every process when one exits",
		Explanation: `foreman and honcho stop every process when one exits, and restart none. The output restarts none (restart.on = "never"), but devenv keeps the others running when one exits.

    web: rails server
    worker: sidekiq`,
	},
	{
		ID: IDPort, Name: "port", Severity: Note,
		Summary: "how PORT is given to each process",
		Explanation: `foreman gives every process PORT = base + 100 × the entry's place in the file (base 5000, or PORT from .env, or --port-base); the output gives each process that PORT. Under devenv 2, a command that uses $PORT gets a port devenv allocates (ports.http), which devenv moves up when it is busy. Rails' bin/dev exports PORT=3000 before foreman start -f Procfile.dev: pass --port-base 3000 there.

    web: rails server -p $PORT     # 5000
    js: yarn build --watch         # 5100`,
	},
	{
		ID: IDPortInline, Name: "port-inline", Severity: Note,
		Summary: "the command sets PORT itself",
		Explanation: `The command sets PORT itself, which wins over the PORT the runner gives it, as under foreman; no port is allocated for it.

    admin: PORT=3100 rails server`,
	},
	{
		ID: IDPortRange, Name: "port-range", Severity: Warning,
		Summary: "a PORT beyond 65535",
		Explanation: `The ports foreman would give run past 65535; the output keeps foreman's numbers. Lower --port-base.

    pc2devenv convert --port-base 65000`,
	},
	{
		ID: IDPortDotenv, Name: "port-dotenv", Severity: Warning,
		Summary: "a PORT in .env that is not a port number",
		Explanation: `PORT in .env is not a number foreman can use as a base; the default base is used.

    PORT=http`,
	},
	{
		ID: IDRunnerSubst, Name: "runner-subst", Severity: Warning,
		Summary: "foreman's textual $NAME substitution differs from bash's here",
		Explanation: `foreman replaced $PORT (and .env's variables) in the command with their values before running it; the output leaves expansion to the shell, which differs when the reference is in single quotes, escaped, followed by letters ($PORTAL) or when the value holds shell syntax. The message gives the case and how to write what was meant.

    web: echo '$PORT'   # foreman printed 5000, bash prints $PORT`,
	},
	{
		ID: IDProcfileNested, Name: "procfile-nested", Severity: Note,
		Summary: "a command that starts another Procfile runner",
		Explanation: `The command runs another process runner (foreman, overmind, honcho); the output keeps it as written, so that runner must be available.

    dev: foreman start -f Procfile.dev`,
	},
	{
		ID: IDProcfileChosen, Name: "procfile-chosen", Severity: Note,
		Summary: "Procfile.dev was chosen over Procfile",
		Explanation: `The directory has several Procfiles; pc2devenv chose the one the note names (Procfile.dev before Procfile, as bin/dev does). Name another to convert it.

    Procfile  Procfile.dev`,
	},
	{
		ID: IDProcfileNotUsed, Name: "procfile-not-used", Severity: Note,
		Summary: "a Procfile (or variant) in the directory was not used",
		Explanation: `A Procfile of the directory is not converted, since another was chosen.

    Procfile  Procfile.dev`,
	},
	{
		ID: IDDotenvLine, Name: "dotenv-line", Severity: Warning,
		Summary: "a line that is not NAME=value",
		Explanation: `A .env line is not NAME=value; foreman ignores it, and so does the output.

    export`,
	},
	{
		ID: IDDotenvExport, Name: "dotenv-export", Severity: Warning,
		Summary: "\"export NAME=value\", which foreman ignores and devenv reads",
		Explanation: `A .env line starts with export, which foreman reads as part of the name; check the variable's name.

    export PORT=3000`,
	},
	{
		ID: IDDotenvLoaded, Name: "dotenv-loaded", Severity: Note,
		Summary: "the .env is loaded at run time; values stay in it",
		Explanation: `devenv loads the .env file when the shell or a process starts (dotenv.enable); the values stay in the file and are not copied into the output, since they may be secrets. Pass --inline-env to copy them instead.

    DATABASE_URL=postgres://localhost/app`,
	},
	{
		ID: IDDotenvInline, Name: "dotenv-inline", Severity: Warning,
		Summary: "--inline-env copied values into the output",
		Explanation: `With --inline-env, the .env values are copied into devenv.nix; do not commit secrets.

    pc2devenv convert --inline-env`,
	},
	{
		ID: IDDotenvQuote, Name: "dotenv-quote", Severity: Warning,
		Summary: "an unterminated quote",
		Explanation: `A .env value's quotes mean something else to foreman than to devenv's dotenv; check the value.

    GREETING='it''s'`,
	},
	{
		ID: IDDotenvExpand, Name: "dotenv-expand", Severity: Warning,
		Summary: "an inlined value that the runner would have expanded",
		Explanation: `A .env value references another variable, which foreman does not expand but devenv's dotenv may; check the value.

    URL=http://$HOST:3000`,
	},
}
