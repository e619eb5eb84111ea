package makefile

import (
	"github.com/pc2devenv/pc2devenv/ir"
)

// database is make's database: what GNU make knows once it has read the
// makefiles — variables, targets with their rules, and the special
// targets' settings. It is the seam of the package: the reading (read.go
// and the files beside it) fills it, and it is all that the lowering
// (lower*.go) gets of the reading.
type database struct {
	// file is the main makefile, as Read was given it.
	file string
	// reader is the reader that filled the database: expanding the
	// database's text goes through it (see expander), since an
	// expansion reports what it cannot do, and $(eval …) reads more
	// makefile text into the database.
	reader *reader

	vars map[string]*mkVar
	// targets by name, and their names in order of first appearance.
	targets map[string]*mkTarget
	order   []string

	phony map[string]bool
	// silent and ignore hold the prerequisites of .SILENT and .IGNORE;
	// silentAll and ignoreAll are set by the bare special targets.
	silent, ignore       map[string]bool
	silentAll, ignoreAll bool
	oneShell, posix      bool
	exportAll            bool
	// exportLater holds the names export (true) or unexport (false)
	// named before they were defined.
	exportLater map[string]bool
	notParallel bool
	suffixes    []string
	// defaultGoal is the first ordinary target, unless .DEFAULT_GOAL
	// says otherwise.
	defaultGoal string
	// makefiles lists the files read, for MAKEFILE_LIST.
	makefiles []string
	// dotenv lists the .env files included, and where.
	dotenv    []string
	dotenvPos ir.Pos
	// sources are the included makefiles, relative to the main one.
	sources []ir.Source
	// patternPos says where the first pattern rule is, to report
	// prerequisites that only a pattern rule could make.
	patternRules []string
	// envNames holds the targets and prerequisites whose names make
	// computes from the environment ($(project)/app/dist/index.html),
	// by their text: their value, for bash to compute.
	envNames map[string]val
	// dynNames holds the prerequisites known only when make runs (the
	// words of $(shell …) or $(wildcard …)) by the keys that stand for
	// them in the lists of prerequisites: "\x00" and a number.
	dynNames map[string]val
}

// varFlavor says when a variable's value is expanded.
type varFlavor int

const (
	// recursive variables (=) expand their text on every use.
	recursive varFlavor = iota
	// simple variables (:=, ::=) were expanded once, when set.
	simple
)

// varOrigin says where a variable's value comes from.
type varOrigin int

const (
	originFile varOrigin = iota
	originOverride
	originDefault   // set by make itself: MAKE, CURDIR, SHELL, ...
	originAutomatic // $@, $<, ... bound per rule
)

// mkVar is one make variable.
type mkVar struct {
	name   string
	flavor varFlavor
	// raw is the unexpanded text of a recursive variable.
	raw string
	// value is the expanded value of a simple variable.
	value  val
	origin varOrigin
	// condDefault is set for a variable set with ?=: the environment's
	// value wins over the Makefile's when there is one.
	condDefault bool
	// export is +1 for export, -1 for unexport, 0 when unspecified.
	export int
	// private variables are not inherited by prerequisites.
	private bool
	// selfRef says the variable's value builds on the environment's
	// value of the same name (PATH := x:$(PATH)).
	selfRef bool
	// fromShell says the value came from != or a $(shell) that the
	// converter did not run.
	pos ir.Pos
}

// mkTarget is everything the rules say about one target.
type mkTarget struct {
	name string
	pos  ir.Pos
	// rules holds one entry for a single-colon target (prerequisites of
	// all its rules merged) and one per rule for a double-colon target.
	rules       []*mkRule
	doubleColon bool
	// vars are the target-specific variables, in order.
	vars []*targetVar
	// help is the text of a "## …" comment on or above the rule.
	help string
}

// mkRule is one rule of a target.
type mkRule struct {
	pos       ir.Pos
	prereqs   []string
	orderOnly []string
	// dynPrereqs are prerequisites known only when make runs, such as
	// the output of $(shell find …); they count for status checks.
	dynPrereqs []val
	recipe     []recipeLine
	// recipePos is where the recipe starts, when there is one.
	recipePos ir.Pos
	hasRecipe bool
	// file names the makefile the rule is in, for messages.
	file string
	// stem is the part of the target a static pattern's "%" matched.
	stem string
}

// recipeLine is one recipe line as written, prefix characters included.
type recipeLine struct {
	text string
	line *mkLine
}

// targetVar is a target-specific variable assignment.
type targetVar struct {
	v  *mkVar
	op string
	// text is the right-hand side as written.
	text string
	pos  ir.Pos
}

func newDatabase() *database {
	return &database{
		vars:        map[string]*mkVar{},
		targets:     map[string]*mkTarget{},
		phony:       map[string]bool{},
		silent:      map[string]bool{},
		ignore:      map[string]bool{},
		exportLater: map[string]bool{},
		envNames:    map[string]val{},
		dynNames:    map[string]val{},
		suffixes: []string{".out", ".a", ".ln", ".o", ".c", ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".y", ".l",
			".ym", ".yl", ".s", ".S", ".mod", ".sym", ".def", ".h", ".info", ".dvi", ".tex", ".texinfo", ".texi", ".txinfo",
			".w", ".ch", ".web", ".sh", ".elc", ".el"},
	}
}

// target returns the target called name, creating it.
func (db *database) target(name string, pos ir.Pos) *mkTarget {
	if t := db.targets[name]; t != nil {
		return t
	}
	t := &mkTarget{name: name, pos: pos}
	db.targets[name] = t
	db.order = append(db.order, name)
	return t
}

// prereqs returns all prerequisites of t, in order, without repeats.
func (t *mkTarget) prereqs() (normal, orderOnly []string) {
	seen := map[string]bool{}
	for _, r := range t.rules {
		for _, p := range r.prereqs {
			if !seen[p] {
				seen[p] = true
				normal = append(normal, p)
			}
		}
	}
	for _, r := range t.rules {
		for _, p := range r.orderOnly {
			if !seen[p] {
				seen[p] = true
				orderOnly = append(orderOnly, p)
			}
		}
	}
	return normal, orderOnly
}

// hasRecipe reports whether any rule of t has a recipe.
func (t *mkTarget) hasRecipe() bool {
	for _, r := range t.rules {
		if r.hasRecipe {
			return true
		}
	}
	return false
}

// explicit reports whether t has a rule of its own, as opposed to being
// only named as a prerequisite or special target.
func (t *mkTarget) explicit() bool { return len(t.rules) > 0 }
