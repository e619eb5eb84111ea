// Package convert runs pc2devenv's pipeline on a project: it finds the
// project's sources, reads them (the packages under parse), applies the
// rewrite rules (package rules), lowers the result for a target (package
// emit) and prints devenv.nix. It also writes files the way the command
// line promises: atomically, and never over a devenv.nix written by hand.
//
// Paths converts the project that paths on disk name, finding its sources
// by name as the command line does; Project converts a directory a walk
// has listed; Source, FromReader and Files convert sources held in memory.
// All of them read the sources, then run IR, the pipeline after reading,
// which also converts a project read or built some other way. They take
// Options, the conversion flags of the command line (Options.AddFlags
// registers them on a pflag.FlagSet), and return a Result: the
// devenv.nix, the diagnostics, and what became of each source key.
// WriteFile writes a devenv.nix the way convert -w does.
//
// The formats the converter reads are one registry (formats.go), built
// from what each format's package says of its files (Names, Match,
// Sniff): it decides a file's format, finds a project's sources in a
// directory, and tells a walk which directories are projects.
package convert
