package ir

// Reading Makefiles and lowering their rules to tasks, scripts and
// processes (PC400–PC499).
const (
	IDMakeSyntax       ID = "PC400" // a line make cannot read (make stops there too)
	IDMakeShell        ID = "PC401" // $(shell …) or != is not run: left for bash, or unknown
	IDMakeFunction     ID = "PC402" // a function whose result depends on the file system or on make's run
	IDMakeCondition    ID = "PC403" // a conditional that depends on the environment
	IDMakeInclude      ID = "PC404" // an include the converter cannot follow
	IDMakeDotenv       ID = "PC405" // include .env becomes devenv's dotenv
	IDMakePattern      ID = "PC406" // a pattern, static-pattern, suffix or grouped rule is not converted
	IDMakeEnvVar       ID = "PC407" // a variable the Makefile does not define: bash reads it from the environment
	IDMakeEnvDefault   ID = "PC408" // a ?= variable the environment can override
	IDMakeRecursive    ID = "PC409" // $(MAKE) target: the scripts run its recipes in place, the task the other task
	IDMakeSpecial      ID = "PC410" // a special target or variable without equivalent
	IDMakeShellProgram ID = "PC411" // SHELL or .SHELLFLAGS the output cannot keep
	IDMakeTargetVar    ID = "PC412" // a target-specific variable that prerequisites would inherit
	IDMakeNotNeeded    ID = "PC413" // a file target no converted target needs
	IDMakeImplicit     ID = "PC414" // a target not declared .PHONY is treated as phony
	IDMakeProcess      ID = "PC415" // a target becomes a process, or looks like one
	IDMakeUnknownGoal  ID = "PC416" // a flag names a target the Makefile does not have
	IDMakeError        ID = "PC417" // $(error …) stops make
	IDMakeMessage      ID = "PC418" // $(info …) or $(warning …) prints while make reads the file
	IDMakeOverride     ID = "PC419" // a second recipe for a target replaces the first
	IDMakeAutoVar      ID = "PC420" // an automatic variable without a static value
	IDMakeParallel     ID = "PC421" // devenv runs a task's dependencies in parallel (the scripts keep make's order)
	IDMakeExport       ID = "PC422" // an exported variable: how the output exports it
	IDMakeDynamic      ID = "PC423" // a target or prerequisite known only when make runs, or named from the environment
	IDMakeRecipe       ID = "PC424" // a recipe the converter cannot write for bash
	IDMakeArgs         ID = "PC425" // a recipe's ARGS variable becomes the script's arguments
	IDMakeShadowed     ID = "PC426" // a script name bash's builtin of that name hides
	IDMakeDirective    ID = "PC427" // a directive without equivalent (vpath, load, unexport …)
	IDMakeDoubleColon  ID = "PC428" // double-colon rules run as one task
	IDMakeEcho         ID = "PC429" // echo with backslashes: /bin/sh and bash print it differently
)
