// Package convert runs pc2devenv's pipeline on a project: it finds the
// project's sources, reads them (package parse), applies the rewrite rules
// (package rules), lowers the result for a target (package emit) and
// prints devenv.nix. It also writes files the way the command line
// promises: atomically, and never over a devenv.nix written by hand.
package convert
