package emit

import "github.com/pc2devenv/pc2devenv/ir"

// DefKind is the kind of thing a devenv.nix defines.
type DefKind string

// The kinds of definitions, in the order the output has them.
const (
	DefService DefKind = "service"
	DefProcess DefKind = "process"
	DefTask    DefKind = "task"
	DefScript  DefKind = "script"
)

// A Definition is a service, process, task or script the output defines,
// and what in the sources it was made from, for reports.
type Definition struct {
	Kind DefKind
	// Name is its attribute under services, processes, tasks or scripts:
	// "postgres", "web", "make:build".
	Name string
	// Source names what it was made from, as the source does: the
	// process "postgresql", the make target "build".
	Source string
	// Pos is where the source defines it.
	Pos ir.Pos
}

// define records that the output defines name, made from source at pos.
func (l *lowerer) define(kind DefKind, name, source string, pos ir.Pos) {
	if source == "" {
		source = name
	}
	l.defined = append(l.defined, Definition{Kind: kind, Name: name, Source: source, Pos: pos})
}
