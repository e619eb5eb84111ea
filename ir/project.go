package ir

// Format names a kind of source file.
type Format string

// The source formats pc2devenv reads.
const (
	FormatProcessCompose Format = "process-compose"
	FormatProcfile       Format = "procfile"
	FormatDotenv         Format = "dotenv"
	FormatMakefile       Format = "makefile"
)

// Source is one file a Project was read from.
type Source struct {
	// Path is the file's path as the user named it, or relative to the
	// directory the user named.
	Path   string
	Format Format
}

// Project is everything a project's sources describe, in source order.
type Project struct {
	// Dir is the project's directory, where devenv.nix belongs.
	Dir     string
	Sources []Source

	// Env is the environment every process and shell gets.
	Env    []EnvVar
	Dotenv *Dotenv

	Processes []*Process
	Services  []*Service
	Scripts   []*Script
	Tasks     []*Task
	// EnterShell holds bash snippets to run when the shell starts.
	EnterShell []Text

	// Extra holds top-level keys the model has no typed field for.
	Extra []Field

	// Keys lists every key the readers saw, for the report of what became
	// of each (see package emit).
	Keys []Key
}

// Key is one key of a structured source (a YAML mapping key), by path.
// Path components are joined with "."; process names are kept as written,
// e.g. "processes.web.availability.restart".
type Key struct {
	Path string
	// Pattern is Path with each user-chosen name replaced by "*", e.g.
	// "processes.*.availability.restart".
	Pattern string
	Pos     Pos
	// ValuePos is the position of the key's value.
	ValuePos Pos
	// Unknown is set for keys the source format does not define.
	Unknown bool
	// Consumed, when not empty, says why the reader used the key up itself
	// and nothing in the output stands for it: a default value, a value a
	// later file overrides, a template variable. Its fate is "consumed"
	// under every target, whatever the key's rule says.
	Consumed string
	// Dropped, when not empty, says why the reader left the key out, with
	// a diagnostic at the key (process-compose ignores it too, say). Its
	// fate is "reported" under every target.
	Dropped string
}

// Opt is an optional scalar with its position. Set reports whether the
// source gave it at all.
type Opt[T any] struct {
	Val T
	Pos Pos
	Set bool
}

// Some returns a set Opt.
func Some[T any](v T, pos Pos) Opt[T] { return Opt[T]{Val: v, Pos: pos, Set: true} }

// EnvVar is one environment variable.
type EnvVar struct {
	Name  string
	Value Text
	Pos   Pos
	// Port, when not empty, says the value is the number of the port of
	// that name which devenv allocates for the process; Value then holds
	// the number to use where no allocation happens.
	Port string
}

// Dotenv describes the .env files a project loads at run time. Only their
// names and the variables they define are read, never copied: values stay
// in the files.
type Dotenv struct {
	Files []string
	// Names are the variables the files define, in order.
	Names []string
	Pos   Pos
}

// Process is a long-running command.
type Process struct {
	Name string
	Pos  Pos // where the process is defined
	// KeyPath is the path of the source key that defines the process,
	// such as "processes.web", for reports of what became of its keys;
	// the replicas of a group share it.
	KeyPath string

	Description string
	Command     Text
	// Entrypoint is the process's command as a list of words, run without
	// a shell; it is used when Command is empty.
	Entrypoint []Text
	// EnvFile is a dotenv file whose variables the process gets when it
	// starts; its values are never read.
	EnvFile   Opt[Text]
	Cwd       Opt[Text]
	Env       []EnvVar
	DependsOn []Dependency
	Readiness *Probe
	Liveness  *Probe
	Restart   *Restart
	Shutdown  *Shutdown
	Disabled  Opt[bool]
	IsDaemon  Opt[bool]
	Replicas  Opt[int]
	// Replica is set for one of the copies of a process with replicas:
	// the reader creates them, named <group>-<n>, as process-compose does.
	Replica *Replica
	Ports   []Port
	// After names tasks that must succeed before the process starts.
	After []string

	// Comments are lines to show above the process in the output.
	Comments []string

	// Extra holds keys the model has no typed field for, as the source
	// gave them, for targets that can pass them through.
	Extra []Field
}

// Replica says which copy of a replicated process a Process is.
type Replica struct {
	// Group is the name of the process the copies were made from.
	Group string
	// Num is the copy's number, from 0, and Count how many there are.
	Num, Count int
	// Pos is where the number of replicas is given.
	Pos Pos
}

// Port is a TCP port a process listens on, which devenv can allocate.
type Port struct {
	Name     string
	Allocate int
	Pos      Pos
}

// Condition is what a dependent waits for.
type Condition string

// The dependency conditions, named as process-compose names them.
const (
	ProcessStarted               Condition = "process_started"
	ProcessCompleted             Condition = "process_completed"
	ProcessCompletedSuccessfully Condition = "process_completed_successfully"
	ProcessHealthy               Condition = "process_healthy"
	ProcessLogReady              Condition = "process_log_ready"
)

// Conditions lists every Condition, in process-compose's documentation
// order.
var Conditions = []Condition{ProcessStarted, ProcessCompleted, ProcessCompletedSuccessfully, ProcessHealthy, ProcessLogReady}

// Dependency is one entry of a process's depends_on.
type Dependency struct {
	Name      string
	Condition Condition
	Pos       Pos
	// Implicit is set when the source gave no condition and Condition is
	// the source format's default.
	Implicit bool
	Extra    []Field
}

// Probe is a readiness or liveness check.
type Probe struct {
	Pos  Pos
	Exec *ExecProbe
	HTTP *HTTPProbe

	InitialDelay     Opt[int]
	Period           Opt[int]
	Timeout          Opt[int]
	SuccessThreshold Opt[int]
	FailureThreshold Opt[int]

	Extra []Field
}

// ExecProbe runs a command; exit status 0 means success.
type ExecProbe struct {
	Command    Text
	WorkingDir Opt[Text]
	Pos        Pos
}

// HTTPProbe sends an HTTP GET request; status 200 means success.
type HTTPProbe struct {
	Host   Opt[string]
	Scheme Opt[string]
	Path   Opt[string]
	// Port is text: process-compose reads it as a string (so that it can
	// be templated) and treats one that is not a port number as no port.
	Port       Opt[Text]
	Headers    []Field
	StatusCode Opt[int]
	Pos        Pos
}

// RestartPolicy says when a process is restarted.
type RestartPolicy string

// The restart policies, named as process-compose names them.
const (
	RestartNo            RestartPolicy = "no"
	RestartAlways        RestartPolicy = "always"
	RestartOnFailure     RestartPolicy = "on_failure"
	RestartExitOnFailure RestartPolicy = "exit_on_failure"
)

// RestartPolicies lists every RestartPolicy.
var RestartPolicies = []RestartPolicy{RestartNo, RestartAlways, RestartOnFailure, RestartExitOnFailure}

// Restart is a process's availability settings.
type Restart struct {
	Pos           Pos
	Policy        Opt[RestartPolicy]
	MaxRestarts   Opt[int]
	Backoff       Opt[int]
	ExitOnEnd     Opt[bool]
	ExitOnSkipped Opt[bool]
	Extra         []Field
}

// Shutdown says how a process is stopped.
type Shutdown struct {
	Pos        Pos
	Command    Opt[Text]
	Signal     Opt[int]
	Timeout    Opt[int]
	ParentOnly Opt[bool]
	Extra      []Field
}

// Service is a devenv service that replaces one or more processes.
type Service struct {
	// Attr is the service's attribute under services, e.g. "postgres".
	Attr string
	// ProcessName is the process devenv runs for it, e.g. "postgres" for
	// services.postgres or "clickhouse-server" for services.clickhouse.
	ProcessName string
	// Options are the service's options, beside enable.
	Options []Field
	// Ready says the service's process has a readiness probe, so that
	// dependents can wait for it to be healthy.
	Ready bool
	// ReadyOnPorts says the service's process has no readiness probe but
	// allocates ports, which devenv 2's native manager checks instead.
	ReadyOnPorts bool
	// Process, when not nil, holds what the output sets on the service's
	// process beside what the service module sets, kept from the process
	// the service replaced: its Env, its DependsOn, and its Readiness
	// when the service has no probe of its own. Its Name is ProcessName.
	Process *Process
	// Comments are lines to show above the service in the output.
	Comments []string
	Pos      Pos
}

// Script is a command devenv puts on PATH.
type Script struct {
	Name        string
	Exec        Text
	Description string
	// SameAsTask names a task whose exec is Exec; the output then refers
	// to the task's exec instead of repeating it.
	SameAsTask string
	// Comments are lines to show above the script in the output.
	Comments []string
	Pos      Pos
}

// Task is a devenv task: a one-shot command in a dependency graph.
type Task struct {
	Name           string
	Exec           Text
	Description    string
	After          []string
	Before         []string
	Status         Opt[Text]
	ExecIfModified []string
	Cwd            Opt[Text]
	Env            []EnvVar
	Comments       []string
	Pos            Pos
	// NoErrexit says the source ran Exec without "set -e", as sh -c and
	// bash -c do: where Exec runs several statements, the output keeps
	// going after a failing one as the source did, although devenv runs
	// tasks under set -e.
	NoErrexit bool
	// ShowOutput asks devenv to show the task's output as it runs, as
	// make shows its recipes'.
	ShowOutput bool
}

// Process returns the process called name, or nil.
func (p *Project) Process(name string) *Process {
	for _, proc := range p.Processes {
		if proc.Name == name {
			return proc
		}
	}
	return nil
}
