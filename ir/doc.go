// Package ir holds pc2devenv's format-neutral model of a development
// environment: the processes, services, scripts, tasks, environment and
// shell hooks that a project's process-compose.yml, Procfile or Makefile
// describes, each value with the source position it came from.
//
// Readers (the packages under parse) build a Project; rewrite rules
// (package rules) raise its level, for example by turning a postgres
// process into a devenv service; the emitter (package emit) lowers it to
// devenv.nix for one target. Nothing in this package knows YAML or Nix.
//
// Diagnostics (Diagnostic, Diagnostics) are shared by every stage: each
// carries a position, a severity, a stable identifier such as PC010, a
// plain-sentence message and an optional suggestion.
//
// Keys (Key) are the keys of a structured source, each at a Path: its
// components, which of them are names the user chose, and the process the
// key belongs to, so that no stage splits dotted text to find them.
package ir
