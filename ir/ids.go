package ir

// ID is a diagnostic's stable identifier, such as "PC010". Identifiers
// never change meaning once released: scripts and --strict overrides
// depend on them.
//
// Ranges, each declared in its own file: PC001–PC029 reading
// process-compose (this file); PC030–PC099 process-compose loading rules,
// templates and the long tail of keys (ids_processcompose.go); PC100–PC139
// lowering to a devenv target (this file and ids_lower.go); PC200–PC249
// service rules (ids_rules.go); PC300–PC349 Procfile and .env
// (ids_procfile.go); PC400–PC499 Makefile (ids_makefile.go); PC500–PC509
// files and the command line (this file); PC510–PC539 writing, diff and
// monorepos (ids_batch.go); PC540–PC569 limits and hostile input
// (ids_limits.go); PC600–PC699 docker-compose (ids_compose.go); PC900–PC999
// internal errors.
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
