package ir

// Makefiles (PC400–PC499, ids_makefile.go).
var makefileEntries = []Entry{
	{
		ID: IDMakeSyntax, Name: "make-syntax", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "a line make cannot read (make stops there too)",
		Explanation: `make cannot read this line, and stops there; pc2devenv stops too. Fix the Makefile; make itself reports the same line. It is a warning where make only warns.

    build
    	go build   # missing separator`,
	},
	{
		ID: IDMakeShell, Name: "make-shell", Severity: Warning,
		Summary: "$(shell …) or != is not run: left for bash, or unknown",
		Explanation: `$(shell …) or != runs a command when make reads the Makefile; pc2devenv does not run it, so the output has bash run it where the value is used. Check that running it later gives the same.

    VERSION := $(shell git describe --tags)`,
	},
	{
		ID: IDMakeFunction, Name: "make-function", Severity: Warning,
		Summary: "a function whose result depends on the file system or on make's run",
		Explanation: `A function's result depends on the file system or on make's run ($(wildcard), $(realpath), ...); the output computes it with bash where it is used.

    SRCS := $(wildcard src/*.c)`,
	},
	{
		ID: IDMakeCondition, Name: "make-condition", Severity: Warning,
		Summary: "a conditional that depends on the environment",
		Explanation: `A conditional depends on the environment, which the converter cannot know; it takes the branch the environment at conversion gives. Check that branch.

    ifeq ($(CI),true)`,
	},
	{
		ID: IDMakeInclude, Name: "make-include", Severity: Warning,
		Also:    []Severity{Note, Error},
		Summary: "an include the converter cannot follow",
		Explanation: `An include cannot be followed: the file is missing, the name is computed, or includes nest too deep (an error). Without it, rules and variables may be missing.

    include config/$(ENV).mk`,
	},
	{
		ID: IDMakeDotenv, Name: "make-dotenv", Severity: Note,
		Summary: "include .env becomes devenv's dotenv",
		Explanation: `include .env reads a .env file as Makefile variables; the output loads it with devenv's dotenv instead.

    include .env
    export`,
	},
	{
		ID: IDMakePattern, Name: "make-pattern", Severity: Warning,
		Summary: "a pattern, static-pattern, suffix or grouped rule is not converted",
		Explanation: `Pattern, static-pattern, suffix and grouped rules describe how to make files, not tasks; they are not converted. Targets that need them run make.

    %.o: %.c
    	cc -c $<`,
	},
	{
		ID: IDMakeEnvVar, Name: "make-env-var", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a variable the Makefile does not define: bash reads it from the environment",
		Explanation: `A variable the Makefile does not define comes from the environment, in make and in bash alike. It is a warning when its name is not a bash variable name, so it expands to nothing.

    deploy:
    	./deploy $(TOKEN)`,
	},
	{
		ID: IDMakeEnvDefault, Name: "make-env-default", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a ?= variable the environment can override",
		Explanation: `A ?= variable takes its value from the environment when set there; the output keeps that in bash (${V:-default}).

    PORT ?= 3000`,
	},
	{
		ID: IDMakeRecursive, Name: "make-recursive", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "$(MAKE) target: the scripts run its recipes in place, the task the other task",
		Explanation: `A recipe runs make again ($(MAKE) target). In the task it becomes devenv tasks run make:target, which runs dependencies in parallel as make -j does; the scripts run the recipes in place, in make's order. Where bash ignores set -e there, make stays as written and is still needed.

    all:
    	$(MAKE) build test`,
	},
	{
		ID: IDMakeSpecial, Name: "make-special", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "a special target or variable without equivalent",
		Explanation: `A special target or variable (.ONESHELL, .SILENT, .SECONDEXPANSION, ...) has no equivalent, or changes how the recipes are converted; the message says which.

    .ONESHELL:`,
	},
	{
		ID: IDMakeShellProgram, Name: "make-shell-program", Severity: Warning,
		Summary: "SHELL or .SHELLFLAGS the output cannot keep",
		Explanation: `SHELL or .SHELLFLAGS chooses a shell or options the output (bash, with devenv's options) cannot keep.

    SHELL := /bin/zsh`,
	},
	{
		ID: IDMakeTargetVar, Name: "make-target-var", Severity: Warning,
		Summary: "a target-specific variable that prerequisites would inherit",
		Explanation: `A target-specific variable is inherited by the target's prerequisites in make; the output sets it for the target only.

    test: GOFLAGS=-race
    test: build`,
	},
	{
		ID: IDMakeNotNeeded, Name: "make-not-needed", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "a file target no converted target needs",
		Explanation: `A file target that no converted target needs is not converted; a Makefile without such targets converts to nothing.

    out.txt: in.txt
    	cp in.txt out.txt`,
	},
	{
		ID: IDMakeImplicit, Name: "make-implicit", Severity: Note,
		Summary: "a target not declared .PHONY is treated as phony",
		Explanation: `A target not declared .PHONY, whose file does not exist, is treated as phony: it becomes a task and a script.

    test:
    	go test ./...`,
	},
	{
		ID: IDMakeProcess, Name: "make-process", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a target becomes a process, or looks like one",
		Explanation: `A target that starts a server or watcher stays a task unless --processes-from-targets names it; with it, it becomes a process. A task that needs such a process does not wait for it.

    serve:
    	npm run dev`,
	},
	{
		ID: IDMakeUnknownGoal, Name: "make-unknown-goal", Severity: Warning,
		Summary: "a flag names a target the Makefile does not have",
		Explanation: `--processes-from-targets names a target the Makefile does not have.

    pc2devenv convert --processes-from-targets serv`,
	},
	{
		ID: IDMakeError, Name: "make-error", Severity: Warning,
		Also:    []Severity{Error},
		Summary: "$(error …) stops make",
		Explanation: `$(error …) stops make when it is expanded; the output keeps it where it can, as a failing command.

    $(error set VERSION)`,
	},
	{
		ID: IDMakeMessage, Name: "make-message", Severity: Note,
		Summary: "$(info …) or $(warning …) prints while make reads the file",
		Explanation: `$(info …) or $(warning …) prints while make reads the Makefile; the output does not print it.

    $(info building $(VERSION))`,
	},
	{
		ID: IDMakeOverride, Name: "make-override", Severity: Warning,
		Summary: "a second recipe for a target replaces the first",
		Explanation: `A second recipe for a target replaces the first, as make warns; the output keeps the second.

    build:
    	echo one
    build:
    	echo two`,
	},
	{
		ID: IDMakeAutoVar, Name: "make-auto-var", Severity: Warning,
		Summary: "an automatic variable without a static value",
		Explanation: `An automatic variable ($@, $<, $^) has no static value here; the output cannot replace it.

    $(TARGET): ; echo $@`,
	},
	{
		ID: IDMakeParallel, Name: "make-parallel", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "devenv runs a task's dependencies in parallel (the scripts keep make's order)",
		Explanation: `devenv tasks run runs a task's dependencies in parallel, as make -j does; make without -j makes the prerequisites one after the other, and so does the script. .NOTPARALLEL cannot be kept for the tasks.

    release: build test`,
	},
	{
		ID: IDMakeExport, Name: "make-export", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "an exported variable: how the output exports it",
		Explanation: `How an exported variable reaches the recipes in the output (an env entry or an export in the script).

    export GOFLAGS := -mod=mod`,
	},
	{
		ID: IDMakeDynamic, Name: "make-dynamic", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a target or prerequisite known only when make runs, or named from the environment",
		Explanation: `A target or prerequisite is known only when make runs, or is named from the environment; the output cannot convert it.

    $(BIN): main.go`,
	},
	{
		ID: IDMakeRecipe, Name: "make-recipe", Severity: Warning,
		Summary: "a recipe the converter cannot write for bash",
		Explanation: `A recipe line cannot be written for bash (make syntax bash does not have); it is kept as written, with a TODO.

    build:
    	@$(call compile,$@)`,
	},
	{
		ID: IDMakeArgs, Name: "make-args", Severity: Note,
		Summary: "a recipe's ARGS variable becomes the script's arguments",
		Explanation: `A recipe's $(ARGS) becomes the script's arguments ("$@"), so that the script takes them on its command line.

    run:
    	./app $(ARGS)    # run --flag`,
	},
	{
		ID: IDMakeShadowed, Name: "make-shadowed", Severity: Warning,
		Summary: "a script name bash's builtin of that name hides",
		Explanation: `A script named like a bash builtin (test, help, exec) is hidden by the builtin in the shell; run it as a task instead.

    test:
    	go test ./...    # devenv tasks run make:test`,
	},
	{
		ID: IDMakeDirective, Name: "make-directive", Severity: Warning,
		Summary: "a directive without equivalent (vpath, load, unexport …)",
		Explanation: `A directive without equivalent (vpath, load, unexport …) is left out.

    vpath %.c src`,
	},
	{
		ID: IDMakeDoubleColon, Name: "make-double-colon", Severity: Note,
		Summary: "double-colon rules run as one task",
		Explanation: `Double-colon rules (each with its own recipe) run as one task, one recipe after another.

    clean::
    	rm -f a
    clean::
    	rm -f b`,
	},
	{
		ID: IDMakeEcho, Name: "make-echo", Severity: Warning,
		Summary: "echo with backslashes: /bin/sh and bash print it differently",
		Explanation: `echo with backslashes prints differently in /bin/sh (make's shell) and in bash; the output keeps the text for bash. Use printf.

    hello:
    	echo "a\tb"`,
	},
}
