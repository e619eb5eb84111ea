package ir

import "github.com/pc2devenv/pc2devenv/internal/shell"

// Format names a kind of source file.
type Format string

// The source formats pc2devenv reads.
const (
	FormatProcessCompose Format = "process-compose"
	FormatProcfile       Format = "procfile"
	FormatDotenv         Format = "dotenv"
	FormatMakefile       Format = "makefile"
	FormatCompose        Format = "docker-compose"
)

// Source is one file a Project was read from.
type Source struct {
	// Path is the file's path as the user named it, or relative to the
	// directory the user named.
	Path string
	// Format is the format the file was read as.
	Format Format
}

// Project is everything a project's sources describe, in source order.
type Project struct {
	// Dir is the project's directory, where devenv.nix belongs.
	Dir string
	// Sources are the files read, in the order they were read; the
	// output's header names them.
	Sources []Source

	// Env is the environment every process and shell gets.
	Env []EnvVar
	// Dotenv, when not nil, is the .env files devenv loads at run time.
	Dotenv *Dotenv

	// Processes are the long-running commands, in source order; the
	// rules (package rules) move some of them into Services.
	Processes []*Process
	// Services are the devenv services that replace processes.
	Services []*Service
	// Scripts are commands devenv puts on PATH; Tasks are its one-shot
	// commands (make targets, Heroku's release, one-shot processes).
	Scripts []*Script
	Tasks   []*Task
	// EnterShell holds bash snippets to run when the shell starts.
	EnterShell []Text
	// Comments are lines to show at the top of the output, after its
	// header: what is left to do for the project as a whole.
	Comments []string

	// Extra holds top-level keys the model has no typed field for.
	Extra []Field

	// Keys lists every key the readers saw, for the report of what became
	// of each (see package emit).
	Keys []Key

	// Shell holds the project's commands parsed, so that each is parsed
	// once from the reader to the printer: every step that reads a
	// command's syntax asks it. Nil caches nothing.
	Shell *shell.Cache
}

// Opt is an optional scalar with its position. Set reports whether the
// source gave it at all.
type Opt[T any] struct {
	// Val is the value, when Set.
	Val T
	// Pos is where the value is.
	Pos Pos
	Set bool
}

// Some returns a set Opt.
func Some[T any](v T, pos Pos) Opt[T] { return Opt[T]{Val: v, Pos: pos, Set: true} }

// EnvVar is one environment variable.
type EnvVar struct {
	Name  string
	Value Text
	// Pos is where the variable is set.
	Pos Pos
	// Port, when not empty, says the value is the number of the port of
	// that name which devenv allocates for the process; Value then holds
	// the number to use where no allocation happens.
	Port string
}

// Dotenv describes the .env files a project loads at run time. Only their
// names and the variables they define are read, never copied: values stay
// in the files.
type Dotenv struct {
	// Files are the files' paths relative to the project, in the order
	// they are loaded.
	Files []string
	// Names are the variables the files define, in order.
	Names []string
	Pos   Pos
}

// Process is a long-running command, with what the source said about how
// it runs: its working directory, environment, dependencies, probes,
// restart policy and shutdown. An Opt field that is not Set was not in the
// source: the target's default applies, which the emitter spells out
// where it differs from the source format's.
type Process struct {
	// Name is the process's name as the source gives it; the emitter
	// renames what devenv does not accept, with a diagnostic.
	Name string
	Pos  Pos // where the process is defined
	// KeyPath is the path of the source key that defines the process,
	// processes.web, for reports of what became of its keys; the replicas
	// of a group share it. It is the zero Path for a process of a source
	// without keys (a Procfile, a Makefile).
	KeyPath Path

	// Description is the source's description, shown as a comment.
	Description string
	// Command is the shell command the process runs.
	Command Text
	// Entrypoint is the process's command as a list of words, run without
	// a shell; it is used when Command is empty.
	Entrypoint []Text
	// EnvFile is a dotenv file whose variables the process gets when it
	// starts; its values are never read.
	EnvFile Opt[Text]
	// Cwd is the working directory, relative to the project.
	Cwd Opt[Text]
	// Env is the process's own environment, over the project's.
	Env []EnvVar
	// DependsOn lists the processes (or services' processes) it waits
	// for, and for what.
	DependsOn []Dependency
	// Readiness says when the process is ready (process_healthy);
	// Liveness, when it must be restarted.
	Readiness *Probe
	Liveness  *Probe
	Restart   *Restart
	Shutdown  *Shutdown
	// Disabled says the process does not start with the others.
	Disabled Opt[bool]
	// IsDaemon says the command starts something in the background and
	// exits (process-compose's is_daemon).
	IsDaemon Opt[bool]
	// Replicas is how many copies of the process run, when the source
	// asks for more than one. The process stands for all of them, as one
	// group; Replicate makes the copies for the targets and checks that
	// need them.
	Replicas Opt[int]
	// PerReplica, when not nil, holds each of the Replicas as the source
	// renders it, in order: the process's templates use PC_REPLICA_NUM,
	// so that the copies differ in more than their name and number. It is
	// nil when the process itself stands for every copy.
	PerReplica []*Process
	// Replica is set for one of the copies Replicate makes.
	Replica *Replica
	// Ports are the ports devenv allocates for the process.
	Ports []Port
	// After names tasks that must succeed before the process starts.
	After []string
	// ReachedAs lists the host names by which the other services of a
	// docker-compose project reached this one (its service name,
	// container_name, hostname and aliases); it is empty for other
	// sources.
	ReachedAs []string
	// Container, when not empty, is the image the process runs with a
	// container engine: a docker-compose service that no devenv service
	// replaces still needs one.
	Container string

	// Comments are lines to show above the process in the output.
	Comments []string

	// Extra holds keys the model has no typed field for, as the source
	// gave them, for targets that can pass them through.
	Extra []Field
}

// Replica says which copy of a process with replicas a Process is.
type Replica struct {
	// Group is the name of the process the copies are made from.
	Group string
	// Num is the copy's number, from 0, and Count how many there are.
	Num, Count int
	// Pos is where the number of replicas is given.
	Pos Pos
}

// Port is a TCP port a process listens on, which devenv can allocate.
type Port struct {
	// Name is the port's name under ports, e.g. "http".
	Name string
	// Allocate is the port devenv starts looking from.
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
	// Name is the process waited for.
	Name      string
	Condition Condition
	Pos       Pos
	// Implicit is set when the source gave no condition and Condition is
	// the source format's default.
	Implicit bool
	// Extra holds keys the model has no typed field for.
	Extra []Field
}

// Probe is a readiness or liveness check.
type Probe struct {
	Pos Pos
	// Exec or HTTP is the check; one of them is set.
	Exec *ExecProbe
	HTTP *HTTPProbe

	// The timings are in seconds, as process-compose gives them.
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
	Pos    Pos
	Policy Opt[RestartPolicy]
	// MaxRestarts is how many times the process is restarted; under
	// process-compose, 0 means without limit.
	MaxRestarts Opt[int]
	// Backoff is the delay before a restart, in seconds.
	Backoff       Opt[int]
	ExitOnEnd     Opt[bool]
	ExitOnSkipped Opt[bool]
	Extra         []Field
}

// Shutdown says how a process is stopped.
type Shutdown struct {
	Pos Pos
	// Command stops the process instead of a signal.
	Command Opt[Text]
	// Signal is the signal's number, and Timeout the seconds to wait
	// before the process is killed.
	Signal     Opt[int]
	Timeout    Opt[int]
	ParentOnly Opt[bool]
	Extra      []Field
}

// Service is a devenv service that replaces one or more processes.
type Service struct {
	// Attr is the service's attribute under services, e.g. "postgres".
	Attr string
	// Source is the name of the process it replaces, as the source
	// gives it.
	Source string
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
	// Name is the command's name on PATH.
	Name string
	// Source names what the script was made from, as the source does:
	// a make target. "" means Name.
	Source string
	// Exec is the bash the script runs.
	Exec        Text
	Description string
	// Parts, when set, are Exec in pieces: bash text and the execs and
	// status checks of tasks, which the output refers to rather than
	// repeats, so that a recipe is written once. Exec is their text.
	Parts []ScriptPart
	// Comments are lines to show above the script in the output.
	Comments []string
	Pos      Pos
}

// ScriptPart is a piece of a script's exec: bash text (Lit), or the exec
// of the task named Task, or its status check when Status is set.
type ScriptPart struct {
	Lit    string
	Task   string
	Status bool
}

// Task is a devenv task: a one-shot command in a dependency graph.
type Task struct {
	// Name is the task's name, such as "make:build".
	Name string
	// Source names what the task was made from, as the source does: a
	// make target ("build"), a Procfile entry ("release"). "" means
	// Name.
	Source string
	// Exec is the bash the task runs.
	Exec        Text
	Description string
	// After and Before name tasks (or "devenv:processes:<name>") that
	// run before and after this one.
	After  []string
	Before []string
	// Status is a command whose success means the task has nothing to
	// do, as a make target whose file is up to date.
	Status Opt[Text]
	// ExecIfModified lists files whose change makes the task run again.
	ExecIfModified []string
	Cwd            Opt[Text]
	Env            []EnvVar
	// Comments are lines to show above the task in the output.
	Comments []string
	Pos      Pos
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
