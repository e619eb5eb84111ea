package ir

// Reading docker-compose projects the way compose-go (the loader docker
// compose uses) reads them: files, interpolation from the project's .env,
// merge rules, extends, include, profiles, and the checks compose makes.
const (
	IDComposeYAML         ID = "PC600" // the file is not valid YAML, or repeats a key
	IDComposeType         ID = "PC601" // a value has a type the compose specification does not allow
	IDComposeUnknownKey   ID = "PC602" // a key the compose specification does not define
	IDComposeBadValue     ID = "PC603" // a value compose refuses: a bad port, volume, duration, enumeration
	IDComposeNoImage      ID = "PC604" // a service with neither image nor build
	IDComposeUndefinedDep ID = "PC605" // depends_on, links or network_mode names no service
	IDComposeUndefinedRef ID = "PC606" // a service uses a volume, network, secret or config the file does not declare
	IDComposeCycle        ID = "PC607" // services depend on each other, or extend or include each other, in a cycle
	IDComposeBadTemplate  ID = "PC608" // a malformed ${...} that compose refuses
	IDComposeRequiredVar  ID = "PC609" // ${V:?message} or ${V?message} with V not in .env: compose refuses it here
	IDComposeUnsetVar     ID = "PC610" // ${V} with V not in .env: empty when compose loads it, kept as a run-time reference
	IDComposeEnvFile      ID = "PC611" // an env_file that is missing or cannot be read
	IDComposeDotenv       ID = "PC612" // a .env or env_file line compose cannot read
	IDComposeExtends      ID = "PC613" // an extends that cannot be resolved
	IDComposeInclude      ID = "PC614" // an include that cannot be resolved
	IDComposeEmptyValue   ID = "PC615" // a value left empty by an unset variable, which compose refuses
	IDComposeVersion      ID = "PC616" // the obsolete top-level version
	IDComposeFiles        ID = "PC617" // which compose files of a directory were read
	IDComposeEmpty        ID = "PC618" // a compose file without services
	IDComposeExclusive    ID = "PC619" // two keys compose allows only one of
)

// Converting docker-compose projects: what became of each service.
const (
	IDComposeContainer    ID = "PC620" // a service stays a process that runs its container, which needs a container engine
	IDComposeNoContainers ID = "PC621" // --no-containers leaves out a service that would run a container
	IDComposeBuild        ID = "PC622" // a service built from the project runs natively from its build context
	IDComposeBuildUnknown ID = "PC623" // a service built from the project whose command is not known: left out
	IDComposeProfile      ID = "PC624" // a service of a profile that is not enabled does not start
	IDComposeDependsOn    ID = "PC625" // a depends_on setting devenv has no equivalent of (required: false, restart: true)
	IDComposeResource     ID = "PC626" // a named volume, network, secret, config or deploy section, which devenv has no equivalent of
	IDComposeKey          ID = "PC627" // a service key the converted process cannot express
	IDComposeLeftToOther  ID = "PC628" // a service built from the project, left to the project's Procfile or process-compose file
	IDComposeRestart      ID = "PC629" // a restart policy devenv expresses only approximately
	IDComposeDotenvRef    ID = "PC630" // a .env value that refers to other variables, which devenv's dotenv does not substitute
)
