package ir

// ID is a diagnostic's stable identifier, such as "PC010". Identifiers
// never change meaning once released: scripts and --strict overrides
// depend on them.
//
// Ranges: PC0xx process-compose reading, PC1xx lowering to a devenv
// target, PC2xx service rules, PC3xx Procfile and .env, PC4xx Makefile,
// PC5xx files, limits and the command line, PC9xx internal errors.
type ID string

// Reading process-compose files.
const (
	IDSyntax            ID = "PC001" // the file is not valid YAML
	IDType              ID = "PC002" // a value has the wrong type
	IDDuplicateKey      ID = "PC003" // a mapping repeats a key
	IDNoProcesses       ID = "PC004" // the file defines no process
	IDUnknownKey        ID = "PC010" // a key process-compose does not know
	IDEnvMap            ID = "PC011" // environment written as a map
	IDEnvEntry          ID = "PC012" // an environment entry without "="
	IDCondition         ID = "PC013" // an unknown depends_on condition
	IDUndefinedDep      ID = "PC014" // depends_on names no process
	IDCycle             ID = "PC015" // processes depend on each other in a cycle
	IDRestartPolicy     ID = "PC016" // an unknown availability.restart value
	IDBadValue          ID = "PC017" // a value out of range or not parseable
	IDNoCommand         ID = "PC018" // a process without command or entrypoint
	IDExpansionDiff     ID = "PC020" // ${...} means something else to bash
	IDUnresolvedVar     ID = "PC021" // a field devenv never expands references a variable
	IDBareVar           ID = "PC022" // $VAR that process-compose leaves as text
	IDBadExpansion      ID = "PC023" // a malformed ${ that process-compose rejects
	IDShortDependsOn    ID = "PC024" // depends_on entry written as "name: condition"
	IDEmptyFile         ID = "PC025" // the source file is empty
	IDBadText           ID = "PC026" // a NUL byte or invalid UTF-8
	IDImplicitCondition ID = "PC027" // a dependency without a condition
)

// Lowering to a devenv target.
const (
	IDNoEquivalent    ID = "PC100" // the target has no equivalent for a key
	IDRenamed         ID = "PC101" // a name was changed to one devenv accepts
	IDNoReadiness     ID = "PC102" // process_healthy on a process without readiness
	IDOneShotTask     ID = "PC103" // a process became a one-shot task
	IDLogReady        ID = "PC104" // process_log_ready has no devenv equivalent
	IDEnvExported     ID = "PC105" // an env value moved into the command to expand
	IDSetE            ID = "PC106" // a multi-statement command runs without -e
	IDRestartLowered  ID = "PC107" // a restart policy devenv cannot express exactly
	IDProbeField      ID = "PC108" // a probe field the target cannot express
	IDPassedThrough   ID = "PC109" // a key passed through to process-compose
	IDDefaultExplicit ID = "PC110" // a source default stated because devenv's differs
)

// Files, limits and the command line.
const (
	IDNoSource ID = "PC500" // a directory holds no source the converter reads
	IDIO       ID = "PC501" // a file could not be read
	IDUsage    ID = "PC502" // a flag or argument is wrong
)

// Internal errors.
const (
	IDInternal ID = "PC900" // a bug in pc2devenv
)
