package main

import (
	"os"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/convert"
)

// batchOpts are the flags that convert -w and diff share for runs over
// projects.
type batchOpts struct {
	recursive bool
	makefiles bool
	force     bool
	jobs      int
}

func (b *batchOpts) addRecursive(fs *pflag.FlagSet, usage string) {
	fs.BoolVarP(&b.recursive, "recursive", "r", false, usage)
}

func (b *batchOpts) addWalk(fs *pflag.FlagSet) {
	fs.BoolVar(&b.makefiles, "makefiles", false, "with -r, also treat directories with only a Makefile as projects")
	fs.IntVarP(&b.jobs, "jobs", "j", 0, "convert at most `N` projects at once (default: one per CPU)")
}

func (b batchOpts) options(c convert.Options, mode batch.Mode, r reportOpts) batch.Options {
	return batch.Options{
		Convert:   c,
		Mode:      mode,
		Recursive: b.recursive,
		Makefiles: b.makefiles,
		Force:     b.force,
		Strict:    r.strict,
		Jobs:      b.jobs,
	}
}

// reportOpts are the flags that say how diagnostics are reported.
type reportOpts struct {
	format  string
	color   string
	strict  bool
	verbose bool
}

// readsFates reports whether the diagnostics format reports what became
// of each source key (convert.Result.Fates): only json does, and the
// fates are not computed for the others.
func (r reportOpts) readsFates() bool { return r.format == "json" }

// diagFormats and colorSettings are the values of --format and --color.
var (
	diagFormats   = []string{"text", "json", "github"}
	colorSettings = []string{"auto", "always", "never"}
)

func (r *reportOpts) addFlags(fs *pflag.FlagSet, color bool) {
	r.format = "text"
	fs.Var(&choiceValue{&r.format, diagFormats, "diagnostics format"}, "format", "print diagnostics as `FORMAT`: text (the default), json, or github (GitHub Actions annotations)")
	if color {
		r.color = "auto"
		fs.Var(&choiceValue{&r.color, colorSettings, "--color value"}, "color", "colour the diff: `WHEN` is always, never, or auto (the default: on a terminal, unless NO_COLOR is set)")
	}
	r.addStrictVerbose(fs)
}

// addStrictVerbose adds the flags that say which diagnostics count and
// which are shown, for commands whose output is not diagnostics.
func (r *reportOpts) addStrictVerbose(fs *pflag.FlagSet) {
	fs.BoolVar(&r.strict, "strict", false, "treat warnings as errors (exit 1)")
	fs.BoolVarP(&r.verbose, "verbose", "v", false, "also print notes, which explain decisions")
}

// useColor decides whether to colour output written to w: always or
// never when asked; otherwise only on a terminal, and never when NO_COLOR
// is set (https://no-color.org) or the terminal is dumb.
func useColor(setting string, w any) bool {
	switch setting {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}
