package emit

import (
	"fmt"
	"strings"
)

// Target is the devenv version and process manager the output is for.
type Target int

// The targets.
const (
	// Devenv2 is devenv 2 (the 2.2.2 release) with its native process
	// manager and typed process options.
	Devenv2 Target = iota
	// Devenv2ProcessCompose is devenv 2 with the process-compose manager:
	// the typed options, plus raw process-compose keys passed through for
	// what they cannot say.
	Devenv2ProcessCompose
	// Devenv1 is devenv 1.x: exec plus raw process-compose keys.
	Devenv1
)

// Targets lists every Target in the order the documentation gives them.
var Targets = []Target{Devenv2, Devenv2ProcessCompose, Devenv1}

var targetNames = map[Target]string{
	Devenv2:               "devenv2",
	Devenv2ProcessCompose: "devenv2-process-compose",
	Devenv1:               "devenv1",
}

// String returns the target's name as --target spells it.
func (t Target) String() string { return targetNames[t] }

// ParseTarget returns the Target called name.
func ParseTarget(name string) (Target, error) {
	for t, n := range targetNames {
		if n == name {
			return t, nil
		}
	}
	var names []string
	for _, t := range Targets {
		names = append(names, t.String())
	}
	return 0, fmt.Errorf("unknown target %q (choose %s)", name, strings.Join(names, ", "))
}

// typed reports whether t has devenv 2's typed process options.
func (t Target) typed() bool { return t != Devenv1 }

// processCompose reports whether t runs processes under process-compose,
// so that raw process-compose keys take effect.
func (t Target) processCompose() bool { return t != Devenv2 }

// short names t in a diagnostic, as --target does: "devenv2",
// "devenv2-process-compose" or "devenv1".
func (t Target) short() string { return t.String() }

// describe names the target in messages.
func (t Target) describe() string {
	switch t {
	case Devenv2:
		return "devenv 2's native process manager"
	case Devenv2ProcessCompose:
		return "devenv 2 with process-compose"
	}
	return "devenv 1"
}
