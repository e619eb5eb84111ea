package rules

// Readiness says how devenv tells that a service's process is ready.
type Readiness int

// The kinds of readiness a service module gives its process.
const (
	// ReadyNone means no readiness at all: dependents can only wait for
	// the process to start.
	ReadyNone Readiness = iota
	// ReadyPorts means the process allocates ports, which devenv 2's
	// native manager checks with a TCP connect; under process-compose it
	// has no readiness probe.
	ReadyPorts
	// ReadyProbe means an exec or HTTP probe, which every manager uses.
	ReadyProbe
)

// Rule is one devenv service: how to recognise a process that runs it,
// and how the process's flags, environment and image settings map to the
// service's options. Table holds one Rule per service.
type Rule struct {
	// Service is the service's option path under services, such as
	// "postgres" or "kafka.connect".
	Service string
	// Title names the software in messages, such as "PostgreSQL".
	Title string
	// Process is the name of the process the service module runs.
	Process string
	// Helpers are other processes the service module adds.
	Helpers []string
	// Readiness is how devenv tells that Process is ready.
	Readiness Readiness

	// Names are words that, in a process's name or a wrapper script's
	// path, point at the service. A process name alone is never enough
	// to convert; it only makes --explain say why a process stayed one.
	Names []string
	// Programs are the executables that run the service.
	Programs []*Program
	// Wrapper, when set, recognises a script named for the service that
	// runs with the service's own environment variables.
	Wrapper *Wrapper
	// Env maps environment variables of the process to options. Others
	// are kept on the service's process.
	Env Actions
	// Images are the container images that run the service.
	Images []*Image
	// Note, when set, is said whenever the rule converts a process:
	// something about the service a user should know.
	Note string
}

// Program is an executable that runs a service, and what its command-line
// arguments mean.
type Program struct {
	// Names are the executable's file names.
	Names []string
	// Jar, when set, also recognises "java [options] -jar FILE", where
	// FILE's name starts with Jar.
	Jar string
	// Sub are the first positional arguments the program needs to run
	// the service, such as "server" for minio.
	Sub []string
	// Flags are the options the program takes.
	Flags []Flag
	// Positional is what a further positional argument means.
	Positional Action
	// Other is what an option missing from Flags means.
	Other Action
	// ConfigStyle says every option takes all the words up to the next
	// option as its value, as redis-server's do.
	ConfigStyle bool
	// Daemon says the command starts the server in the background and
	// returns, as pg_ctl start does.
	Daemon bool
	// ImplicitConfig, when set, says why the program without one of
	// ConfigFlags runs a configuration the service cannot express: a
	// file it reads by default, say.
	ImplicitConfig string
	// Generic says the program runs many things besides the service, so
	// that a command of it that does not match Sub says nothing.
	Generic bool
	// ConfigFlags are the options that choose the configuration.
	ConfigFlags []string
}

// Flag is one option of a program.
type Flag struct {
	// Names are its spellings, such as "-p" and "--port". A long option
	// also matches "--port=VALUE", and a one-letter short option
	// "-pVALUE".
	Names []string
	// Arg says the option takes a value.
	Arg bool
	Do  Action
}

// Wrapper recognises a script named for a service: a command whose path
// holds one of the rule's Names, run with one of Env set. Both are needed.
type Wrapper struct {
	Env []string
}

// Image is a container image that runs a service.
type Image struct {
	// Names are the image's names without registry or tag, such as
	// "postgres" or "minio/minio".
	Names []string
	// Ports maps the ports the container listens on to options.
	Ports []ImagePort
	// Env maps the container's environment variables to options.
	Env Actions
	// EnvPrefixes are prefixes of variables the server itself reads:
	// those are kept on the service's process.
	EnvPrefixes []string
	// DottedConf, when set, is the option (lines of YAML) that takes the
	// variables with a dot in their names, which the image passes to the
	// server as settings, as elasticsearch's xpack.ml.enabled.
	DottedConf string
	// Build, when set, turns the variables that Env marks Collect into
	// options.
	Build func(c *collected) []finding
	// Data are the container paths where the server keeps its data.
	Data []string
	// InitScripts says the image runs the files mounted into
	// /docker-entrypoint-initdb.d when it creates its database; Build
	// makes the .sql files the schema of the database (collected.schema).
	InitScripts bool
	// InitDirs says the service's schema option takes a directory of
	// .sql files as well as a file.
	InitDirs bool
	// Program parses the arguments after the image name: options of the
	// server, or the server's name and its options.
	Program *Program
	// Packages maps a tag's version to a nixpkgs attribute; a longer
	// version ("8.0") is tried before its major ("8").
	Packages map[string]string
	// Tags, when set, are the tag prefixes of versions the service runs;
	// other tags keep the process.
	Tags []string
	// TagOptions sets options when the tag contains a word.
	TagOptions map[string][]setting
	// NoPackage, when set, is a warning for when the tag gives no
	// package: the service's default package is other software.
	NoPackage string
}

// ImagePort says what publishing a container port means.
type ImagePort struct {
	Container int
	// Port is what the host port becomes.
	Port Action
	// Listen is what the host address becomes; the zero Action means the
	// service has no address option.
	Listen Action
	// HostPort says Port's option takes "ADDRESS:PORT", the address
	// included.
	HostPort bool
	// Native, when set, is the port the service listens on when the
	// container does not publish Container, where it is not Container.
	Native int
}

// ActionKind says what an argument or variable becomes.
type ActionKind int

// The kinds of Action.
const (
	// Unsupported means the service cannot express it: the process stays
	// a process unless --force-services.
	Unsupported ActionKind = iota
	// Set sets Option to the value, of type Type.
	Set
	// Const sets Option to Value whatever the value is.
	Const
	// Setting reads "KEY=VALUE" and sets Option.KEY.
	Setting
	// ConfigLine appends "NAME VALUE…" as a line to Option (lines).
	ConfigLine
	// AppendArgs appends the option and its value as words to Option (a
	// list of strings).
	AppendArgs
	// AppendValue appends the value to Option (a list of strings).
	AppendValue
	// Drop leaves it out: devenv does what it did (Why says how).
	Drop
	// Nested parses the value as more arguments of Program.
	Nested
	// Expect accepts only the value Value (as a string), which is what
	// the service does anyway; other values are unsupported.
	Expect
	// KeepEnv keeps the value as the environment variable Option of the
	// service's process, which the server reads as it read the flag.
	KeepEnv
	// Collect keeps the value for the image's Build.
	Collect
)

// ValueType is the type of an option's value.
type ValueType int

// The option value types.
const (
	Str ValueType = iota
	Int
	Bool
	// OnOff reads "on"/"off" (or "true"/"false") as a boolean.
	OnOff
	// Number is an integer when the value is one, and a string otherwise.
	Number
	// HostPortSplit reads "HOST:PORT" into Option (the host) and Option2
	// (the port).
	HostPortSplit
	// PortOf reads "HOST:PORT" or ":PORT" into Option (the port); a host
	// other than a local or wildcard address is unsupported.
	PortOf
	// StrList sets a list of the words of the value.
	StrList
)

// Action is what one argument, variable or port becomes.
type Action struct {
	Kind    ActionKind
	Option  string
	Option2 string
	Type    ValueType
	// Value is Const's value, or Expect's.
	Value any
	// Why says why a Drop needs nothing, or why an Unsupported cannot be
	// expressed.
	Why string
	// Program is Nested's.
	Program *Program
	// Aliases maps a Setting's keys to other actions, such as
	// postgres's "-c port=5433" to the port option.
	Aliases Actions
}

// setting is an option path and its value.
type setting struct {
	path  string
	value any
}
