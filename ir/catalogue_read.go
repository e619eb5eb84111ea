package ir

// Reading process-compose files (PC001–PC029, ids.go).
var readEntries = []Entry{
	{
		ID: IDSyntax, Name: "syntax", Severity: Error,
		Summary: "the file is not valid YAML",
		Explanation: `The process-compose file is not valid YAML, so neither process-compose nor pc2devenv can read it; nothing is converted. Fix the YAML at the position given (often a tab used for indentation, or an unclosed quote).

    processes:
    	web:   # a tab: YAML allows only spaces`,
	},
	{
		ID: IDType, Name: "type", Severity: Error,
		Summary: "a value has the wrong type",
		Explanation: `A value has a type process-compose does not accept there, such as a list where it expects a string. process-compose refuses the file, so pc2devenv does too. Write the value with the type the key takes.

    processes:
      web:
        command: [npm, start]   # command is a string`,
	},
	{
		ID: IDDuplicateKey, Name: "duplicate-key", Severity: Error,
		Summary: "a mapping repeats a key",
		Explanation: `A mapping repeats a key. YAML forbids it and process-compose refuses the file; pc2devenv reports it rather than guess which value was meant. Remove or rename one of the two.

    processes:
      web: {command: a}
      web: {command: b}`,
	},
	{
		ID: IDNoProcesses, Name: "no-processes", Severity: Warning,
		Summary: "the file defines no process",
		Explanation: `The file has no processes, so the output has none. Often the file is not a process-compose file at all, or its processes sit under a misspelt key.

    version: "0.5"
    procesess:       # misspelt
      web: {command: npm start}`,
	},
	{
		ID: IDUnknownKey, Name: "unknown-key", Severity: Warning,
		Summary: "a key process-compose does not know",
		Explanation: `The key is not one process-compose knows there; process-compose ignores it, and so does the output (it is reported, and marked with a TODO where useful). Usually a typo or a key of another tool: the message suggests the closest known key, or how process-compose spells it.

    processes:
      web:
        restart: always   # process-compose spells it availability.restart`,
	},
	{
		ID: IDEnvMap, Name: "env-map", Severity: Warning,
		Summary: "environment written as a map",
		Explanation: `The environment is written as a mapping, which process-compose does not accept (it wants a list of KEY=VALUE). pc2devenv reads it as meant and converts it, but process-compose itself would refuse the file. Write a list.

    environment:
      PORT: "8080"    # write: - PORT=8080`,
	},
	{
		ID: IDEnvEntry, Name: "env-entry", Severity: Warning,
		Summary: "an environment entry without \"=\"",
		Explanation: `An environment entry has no "=", so it names no value; process-compose ignores it, and the output leaves it out. Write NAME=value, or remove it.

    environment:
      - DEBUG`,
	},
	{
		ID: IDCondition, Name: "condition", Severity: Error,
		Summary: "an unknown depends_on condition",
		Explanation: `A depends_on condition is not one process-compose knows (process_started, process_healthy, process_completed, process_completed_successfully, process_log_ready); process-compose refuses the file. Use one of those.

    depends_on:
      db: {condition: healthy}    # process_healthy`,
	},
	{
		ID: IDUndefinedDep, Name: "undefined-dep", Severity: Error,
		Summary: "depends_on names no process",
		Explanation: `depends_on names a process the file does not define; process-compose refuses the file. Fix the name, or define the process.

    depends_on:
      databse: {condition: process_started}`,
	},
	{
		ID: IDCycle, Name: "cycle", Severity: Error,
		Summary: "processes depend on each other in a cycle",
		Explanation: `The processes depend on each other in a cycle, so none of them could start first; process-compose refuses the file. Remove one of the dependencies.

    a: {depends_on: {b: {condition: process_started}}}
    b: {depends_on: {a: {condition: process_started}}}`,
	},
	{
		ID: IDRestartPolicy, Name: "restart-policy", Severity: Error,
		Summary: "an unknown availability.restart value",
		Explanation: `availability.restart is not one of process-compose's policies (always, on_failure, exit_on_failure, no); process-compose refuses the file. Use one of those.

    availability:
      restart: on-failure   # on_failure`,
	},
	{
		ID: IDBadValue, Name: "bad-value", Severity: Warning,
		Also:    []Severity{Error},
		Summary: "a value out of range or not parseable",
		Explanation: `A value is out of range or cannot be parsed, such as a negative port or a duration that is not a number. It is a warning where process-compose falls back to a default, and an error where it refuses the file. Fix the value.

    readiness_probe:
      period_seconds: -1`,
	},
	{
		ID: IDNoCommand, Name: "no-command", Severity: Warning,
		Summary: "a process without command or entrypoint",
		Explanation: `A process has neither command nor entrypoint, so there is nothing to run; it is left out of the output. Give it a command.

    processes:
      web:
        working_dir: ./web`,
	},
	{
		ID: IDExpansionDiff, Name: "expansion-diff", Severity: Warning,
		Summary: "${...} means something else to bash",
		Explanation: `A ${...} expansion means something else to bash than to process-compose (process-compose expands it when it loads the file, bash when the command runs, with other rules). The output keeps process-compose's meaning where it can; check the command.

    command: echo ${HOME:3}`,
	},
	{
		ID: IDUnresolvedVar, Name: "unresolved-var", Severity: Warning,
		Summary: "a field devenv never expands references a variable",
		Explanation: `A field that devenv never expands (such as working_dir) references a variable, which process-compose would have substituted when it loaded the file. The output cannot resolve it; write the value out.

    working_dir: ${PROJECT_DIR}/web`,
	},
	{
		ID: IDBareVar, Name: "bare-var", Severity: Warning,
		Summary: "$VAR that process-compose leaves as text",
		Explanation: `$VAR without braces is text to process-compose 1.75 and later in this field: it substitutes only ${VAR}. The output keeps the text, as process-compose does; write ${VAR} if the variable's value was meant.

    environment:
      - PATH_LIKE=$PATH:/opt/bin   # ${PATH} is substituted`,
	},
	{
		ID: IDBadExpansion, Name: "bad-expansion", Severity: Error,
		Summary: "a malformed ${ that process-compose rejects",
		Explanation: `A ${ is malformed (unclosed, empty, or with a name that is not a variable name), and process-compose refuses the file. Close or escape it ($$ is a literal $).

    command: echo ${HOME`,
	},
	{
		ID: IDShortDependsOn, Name: "short-depends-on", Severity: Error,
		Summary: "depends_on entry written as \"name: condition\"",
		Explanation: `A depends_on entry is written as "name: condition", a form process-compose does not accept; it wants a mapping with a condition key. Rewrite it.

    depends_on:
      db: process_healthy   # db: {condition: process_healthy}`,
	},
	{
		ID: IDEmptyFile, Name: "empty-file", Severity: Error,
		Summary: "the source file is empty",
		Explanation: `The source file is empty, so there is nothing to convert. Name another file, or fill this one.

    $ pc2devenv convert empty/process-compose.yml`,
	},
	{
		ID: IDBadText, Name: "bad-text", Severity: Error,
		Summary: "a NUL byte or invalid UTF-8",
		Explanation: `A source holds a NUL byte or invalid UTF-8, which no source format allows; the file is refused, with the byte's offset. Usually the file is binary or in another encoding: convert it to UTF-8.

    printf 'web: \377\n' > Procfile`,
	},
	{
		ID: IDImplicitCondition, Name: "implicit-condition", Severity: Note,
		Summary: "a dependency without a condition",
		Explanation: `A dependency without a condition: process-compose then waits for the process to exit (process_completed), not to start, which often surprises. The output does the same. Write the condition to make it plain.

    depends_on:
      setup: {}    # waits for setup to exit`,
	},
}
