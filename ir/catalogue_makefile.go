package ir

// Makefiles (PC400–PC499, ids_makefile.go).
var makefileEntries = []Entry{
	{
		ID: IDMakeSyntax, Name: "make-syntax", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "a line make cannot read (make stops there too)",
		Explanation: ``,
	},
	{
		ID: IDMakeShell, Name: "make-shell", Severity: Warning,
		Summary:     "$(shell …) or != is not run: left for bash, or unknown",
		Explanation: ``,
	},
	{
		ID: IDMakeFunction, Name: "make-function", Severity: Warning,
		Summary:     "a function whose result depends on the file system or on make's run",
		Explanation: ``,
	},
	{
		ID: IDMakeCondition, Name: "make-condition", Severity: Warning,
		Summary:     "a conditional that depends on the environment",
		Explanation: ``,
	},
	{
		ID: IDMakeInclude, Name: "make-include", Severity: Warning,
		Also:        []Severity{Note, Error},
		Summary:     "an include the converter cannot follow",
		Explanation: ``,
	},
	{
		ID: IDMakeDotenv, Name: "make-dotenv", Severity: Note,
		Summary:     "include .env becomes devenv's dotenv",
		Explanation: ``,
	},
	{
		ID: IDMakePattern, Name: "make-pattern", Severity: Warning,
		Summary:     "a pattern, static-pattern, suffix or grouped rule is not converted",
		Explanation: ``,
	},
	{
		ID: IDMakeEnvVar, Name: "make-env-var", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "a variable the Makefile does not define: bash reads it from the environment",
		Explanation: ``,
	},
	{
		ID: IDMakeEnvDefault, Name: "make-env-default", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "a ?= variable the environment can override",
		Explanation: ``,
	},
	{
		ID: IDMakeRecursive, Name: "make-recursive", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "$(MAKE) target: the scripts run its recipes in place, the task the other task",
		Explanation: ``,
	},
	{
		ID: IDMakeSpecial, Name: "make-special", Severity: Note,
		Also:        []Severity{Warning},
		Summary:     "a special target or variable without equivalent",
		Explanation: ``,
	},
	{
		ID: IDMakeShellProgram, Name: "make-shell-program", Severity: Warning,
		Summary:     "SHELL or .SHELLFLAGS the output cannot keep",
		Explanation: ``,
	},
	{
		ID: IDMakeTargetVar, Name: "make-target-var", Severity: Warning,
		Summary:     "a target-specific variable that prerequisites would inherit",
		Explanation: ``,
	},
	{
		ID: IDMakeNotNeeded, Name: "make-not-needed", Severity: Note,
		Also:        []Severity{Warning},
		Summary:     "a file target no converted target needs",
		Explanation: ``,
	},
	{
		ID: IDMakeImplicit, Name: "make-implicit", Severity: Note,
		Summary:     "a target not declared .PHONY is treated as phony",
		Explanation: ``,
	},
	{
		ID: IDMakeProcess, Name: "make-process", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "a target becomes a process, or looks like one",
		Explanation: ``,
	},
	{
		ID: IDMakeUnknownGoal, Name: "make-unknown-goal", Severity: Warning,
		Summary:     "a flag names a target the Makefile does not have",
		Explanation: ``,
	},
	{
		ID: IDMakeError, Name: "make-error", Severity: Warning,
		Also:        []Severity{Error},
		Summary:     "$(error …) stops make",
		Explanation: ``,
	},
	{
		ID: IDMakeMessage, Name: "make-message", Severity: Note,
		Summary:     "$(info …) or $(warning …) prints while make reads the file",
		Explanation: ``,
	},
	{
		ID: IDMakeOverride, Name: "make-override", Severity: Warning,
		Summary:     "a second recipe for a target replaces the first",
		Explanation: ``,
	},
	{
		ID: IDMakeAutoVar, Name: "make-auto-var", Severity: Warning,
		Summary:     "an automatic variable without a static value",
		Explanation: ``,
	},
	{
		ID: IDMakeParallel, Name: "make-parallel", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "devenv runs a task's dependencies in parallel (the scripts keep make's order)",
		Explanation: ``,
	},
	{
		ID: IDMakeExport, Name: "make-export", Severity: Note,
		Also:        []Severity{Warning},
		Summary:     "an exported variable: how the output exports it",
		Explanation: ``,
	},
	{
		ID: IDMakeDynamic, Name: "make-dynamic", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "a target or prerequisite known only when make runs, or named from the environment",
		Explanation: ``,
	},
	{
		ID: IDMakeRecipe, Name: "make-recipe", Severity: Warning,
		Summary:     "a recipe the converter cannot write for bash",
		Explanation: ``,
	},
	{
		ID: IDMakeArgs, Name: "make-args", Severity: Note,
		Summary:     "a recipe's ARGS variable becomes the script's arguments",
		Explanation: ``,
	},
	{
		ID: IDMakeShadowed, Name: "make-shadowed", Severity: Warning,
		Summary:     "a script name bash's builtin of that name hides",
		Explanation: ``,
	},
	{
		ID: IDMakeDirective, Name: "make-directive", Severity: Warning,
		Summary:     "a directive without equivalent (vpath, load, unexport …)",
		Explanation: ``,
	},
	{
		ID: IDMakeDoubleColon, Name: "make-double-colon", Severity: Note,
		Summary:     "double-colon rules run as one task",
		Explanation: ``,
	},
	{
		ID: IDMakeEcho, Name: "make-echo", Severity: Warning,
		Summary:     "echo with backslashes: /bin/sh and bash print it differently",
		Explanation: ``,
	},
}
