package compose

import "github.com/pc2devenv/pc2devenv/ir"

// Project is a docker-compose project as compose-go loads it: its files
// merged, interpolated from the project's .env, extends and include
// resolved, and every value with the position it was read from.
type Project struct {
	// Name is the project's name: the top-level name, or .env's
	// COMPOSE_PROJECT_NAME, or the directory's name.
	Name string
	// Dir is the project directory: relative paths in the model are
	// relative to it.
	Dir string
	// Files are the compose files loaded, in merge order.
	Files []string
	// Sources are every file read: compose files, extends and include
	// targets, .env files and env_files, in the order read.
	Sources []string
	// Env holds the variables of the project's .env, which interpolation
	// reads (and nothing else: the converter's own environment never
	// decides anything).
	Env []Var
	// Profiles are the active profiles: the ones asked for, or .env's
	// COMPOSE_PROFILES.
	Profiles []string

	// Services are the services in source order (the order in which the
	// merged files first name them), enabled or not.
	Services []*Service
	// Volumes, Networks, Secrets and Configs are the top-level
	// declarations, in source order.
	Volumes  []*Resource
	Networks []*Resource
	Secrets  []*Resource
	Configs  []*Resource
	// Extra holds the other top-level keys (models, jobs, x- extensions).
	Extra []*Field

	// Keys lists every key of every file read, with its fate as far as
	// the reader decides it (see Key).
	Keys []Key
}

// Service returns the service called name, or nil.
func (p *Project) Service(name string) *Service {
	for _, s := range p.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// A String is a string value: as compose-go resolves it, and as written
// with its references (see Value).
type String struct {
	// Value is the string compose-go makes of it.
	Value string
	// Text keeps the references, for the converter to keep run-time
	// references in its output.
	Text ir.Text
	Pos  ir.Pos
	// Set reports whether the source gives the value.
	Set bool
}

// Service is one service.
type Service struct {
	Name string
	// Pos is the position of the service's name.
	Pos ir.Pos
	// Enabled reports whether the service runs with the active profiles:
	// it has no profiles, or one of them is active.
	Enabled  bool
	Profiles []String

	Image String
	Build *Build
	// Command and Entrypoint are nil when not set. An empty list is set
	// and empty (it resets the image's).
	Command    *Command
	Entrypoint *Command
	// Environment holds the environment entries in compose-go's order
	// after merging (the list's order; a mapping's in source order).
	Environment []EnvVar
	EnvFiles    []EnvFile
	Ports       []Port
	Expose      []String
	Volumes     []Volume
	// DependsOn lists the dependencies: depends_on's, then those that
	// links, network_mode: service:NAME and volumes_from imply.
	DependsOn   []Dependency
	Healthcheck *Healthcheck
	// Restart is the restart policy: no, always, on-failure[:N],
	// unless-stopped.
	Restart       String
	WorkingDir    String
	User          String
	ContainerName String
	Hostname      String
	NetworkMode   String
	Platform      String
	StopSignal    String
	// StopGracePeriod is the grace period as written, with its
	// duration when it parses.
	StopGracePeriod Duration
	Tty             Bool
	StdinOpen       Bool
	Init            Bool
	Networks        []ServiceNetwork
	Links           []String
	ExtraHosts      []String
	Labels          []EnvVar
	Secrets         []FileRef
	Configs         []FileRef
	Tmpfs           []String
	// Deploy is the deploy section as a value tree (nil when absent).
	Deploy *Value
	// Extra holds every other key of the service, as value trees.
	Extra []*Field
}

// Bool is a boolean value with its position.
type Bool struct {
	Value bool
	Pos   ir.Pos
	Set   bool
}

// Int is a whole number with its position.
type Int struct {
	Value int64
	Pos   ir.Pos
	Set   bool
}

// Duration is a duration as written (1m30s) and its value in
// nanoseconds.
type Duration struct {
	String
	Nanos int64
}

// Command is a command or entrypoint.
type Command struct {
	// Shell is set when the source writes it as one string, which compose
	// splits into words as a shell would (without expansion).
	Shell bool
	// Line is the string form.
	Line String
	// Args are the words: the list's items, or the string's words.
	Args []String
	Pos  ir.Pos
}

// Argv returns the command's words as compose-go gives them.
func (c *Command) Argv() []string {
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = a.Value
	}
	return out
}

// EnvVar is one environment entry (or label, or build arg).
type EnvVar struct {
	Name string
	// Value is nil for an entry without a value (FOO, or FOO: with null):
	// docker compose takes its value from the environment it runs in
	// (and from .env), or leaves it unset.
	Value *String
	Pos   ir.Pos
}

// EnvFile is one env_file entry.
type EnvFile struct {
	// Path is the path as written, and Resolved relative to the project
	// directory.
	Path     String
	Resolved string
	Required Bool
	Format   String
	// Vars are the file's variables when it could be read (names and
	// positions for the converter; values only to decide things).
	Vars []Var
	// Missing is set when the file does not exist.
	Missing bool
	// BashReadsAlike is set when bash, sourcing the file, gives each
	// variable the value docker compose gives it (bashReadsAlike).
	BashReadsAlike bool
	// DockerReadsAlike is set when docker run --env-file, which takes
	// each line literally, gives each variable that value too.
	DockerReadsAlike bool
}

// Port is one published or exposed port, in compose-go's long form.
type Port struct {
	Name   String
	Mode   String
	HostIP String
	// Target is the container's port.
	Target Int
	// Published is the host port or range ("8080", "8000-8005"), empty
	// when docker picks one.
	Published   String
	Protocol    String
	AppProtocol String
	// Short is the short-syntax entry this port comes from, when it does.
	Short *String
	Pos   ir.Pos
}

// Volume is one mount, in compose-go's long form.
type Volume struct {
	// Type is bind, volume, tmpfs, npipe, cluster or image.
	Type String
	// Source is the host path (bind), the named volume (volume), or
	// empty; Resolved is a bind source relative to the project
	// directory, or as written when absolute or starting with ~.
	Source   String
	Resolved string
	Target   String
	ReadOnly Bool
	// Short is the short-syntax entry this mount comes from, when it does.
	Short *String
	// Options holds the other keys of the long syntax (bind, volume,
	// tmpfs, consistency, image).
	Options *Value
	Pos     ir.Pos
}

// Condition is a depends_on condition.
type Condition string

// The conditions of depends_on.
const (
	ServiceStarted               Condition = "service_started"
	ServiceHealthy               Condition = "service_healthy"
	ServiceCompletedSuccessfully Condition = "service_completed_successfully"
)

// Dependency is one depends_on entry.
type Dependency struct {
	Service   string
	Condition Condition
	Required  bool
	Restart   bool
	// Implied names what implies a dependency not in depends_on: "links",
	// "network_mode", "volumes_from".
	Implied string
	// Short is set when no condition is written (the list form), which
	// means service_started.
	Short bool
	Pos   ir.Pos
}

// Healthcheck is a service's healthcheck.
type Healthcheck struct {
	// Test is the test as compose-go gives it: ["CMD-SHELL", "cmd"],
	// ["CMD", args...] or ["NONE"]; empty when not set.
	Test          []String
	Interval      Duration
	Timeout       Duration
	StartPeriod   Duration
	StartInterval Duration
	Retries       Int
	Disable       Bool
	Pos           ir.Pos
}

// Build is a service's build section.
type Build struct {
	// Context is the build context as written (default "."), and
	// Resolved relative to the project directory (or as written when
	// remote or absolute).
	Context    String
	Resolved   string
	Dockerfile String
	Args       []EnvVar
	Target     String
	// Extra holds the other keys of the build section.
	Extra []*Field
	Pos   ir.Pos
}

// ServiceNetwork is one network a service joins.
type ServiceNetwork struct {
	Name    string
	Aliases []String
	Pos     ir.Pos
	// Options holds the other keys (ipv4_address, priority, ...).
	Options *Value
}

// FileRef is a service's use of a secret or config.
type FileRef struct {
	Source String
	Target String
	Pos    ir.Pos
}

// Resource is a top-level volume, network, secret or config.
type Resource struct {
	Name string
	Pos  ir.Pos
	// Value is its definition (null when declared without one).
	Value *Value
}

// Key is one key of a compose file, by structured path.
type Key struct {
	// Path is the key's path: "services", "web", "environment", ... List
	// items are "[]".
	Path []string
	Pos  ir.Pos
	// Unknown is set for keys the compose specification does not define
	// (reported, with a did-you-mean, by the reader).
	Unknown bool
	// Consumed, when not empty, says why the reader used the key up
	// itself: an x- extension field, the obsolete version, a value a later
	// file or an extending service replaces.
	Consumed string
}
