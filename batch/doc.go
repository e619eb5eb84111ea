// Package batch converts many projects at once, the way pc2devenv's
// convert -w, convert -r, diff and report commands do: it walks
// directories for projects (skipping what git ignores), converts them in
// parallel with a bounded number of workers, writes each devenv.nix
// atomically, compares it with the one on disk, or only converts it (for
// a report), and reports the outcomes in a stable order with a summary.
//
// Run is the entry point: it takes the paths, Options that say whether to
// write, check or only convert (Mode) and how, and a function that is
// called with each Project's outcome, in order; it returns the Summary.
package batch
