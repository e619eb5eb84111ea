// Package makefile reads a Makefile as GNU make (4.3) reads it and lowers
// its targets to devenv tasks, scripts and, on request, processes (Read).
//
// The package has two halves, which meet at make's database (database.go):
//
//   - Reading (read.go, lines.go, cond.go, targets.go, expand.go,
//     funcs.go, value.go) does what make does before it runs a recipe:
//     it splits the files into logical lines, follows conditionals and
//     includes, records variables with their flavour and origin, and
//     targets with their rules and recipes, and expands make text —
//     variable references, functions and "$$" — to values whose parts
//     make knows only when it runs (the environment, $(shell …)) are
//     kept as dynamic parts for bash to compute.
//   - Lowering (lower*.go) gets the database and nothing else of the
//     reading. It decides which targets become tasks, scripts or
//     processes and their names (lowernames.go), expands each recipe
//     with the automatic variables (lowerrecipe.go), renders the values
//     as bash (lowershell.go), writes the scripts that run a goal as make
//     would (lowerscript.go), and the status checks of file targets
//     (lowerstatus.go).
//
// Expanding text belongs to the reading side: the lowering expands a
// recipe or a variable's value through the database (database.expander),
// with the reader that filled it, since an expansion reports what it
// cannot do and $(eval …) reads more makefile text.
//
// Names lists the makefiles make looks for in a directory, Match tells one
// by its name and Sniff by its content.
package makefile
