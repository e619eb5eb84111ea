// Package convert runs pc2devenv's pipeline on a project: it finds the
// project's sources, reads them (package parse), applies the rewrite rules
// (package rules), lowers the result for a target (package emit) and
// prints devenv.nix. It also writes files the way the command line
// promises: atomically, and never over a devenv.nix written by hand.
//
// Paths converts the project that paths on disk name, finding its sources
// by name as the command line does; Source converts one source held in
// memory. Both take Options, the conversion flags of the command line
// (Options.AddFlags registers them on a pflag.FlagSet), and return a
// Result: the devenv.nix, the diagnostics, and what became of each source
// key. WriteFile writes a devenv.nix the way convert -w does.
package convert
