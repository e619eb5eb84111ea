package main

import (
	"fmt"
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

func (r *reportOpts) addFlags(fs *pflag.FlagSet, color bool) {
	fs.StringVar(&r.format, "format", "text", "print diagnostics as `text`, json, or github (GitHub Actions annotations)")
	if color {
		fs.StringVar(&r.color, "color", "auto", "colour the diff: `auto` (on a terminal, unless NO_COLOR is set), always or never")
	}
	fs.BoolVar(&r.strict, "strict", false, "treat warnings as errors (exit 1)")
	fs.BoolVarP(&r.verbose, "verbose", "v", false, "also print notes, which explain decisions")
}

// check returns a usage error message for wrong values, or "".
func (r *reportOpts) check() string {
	switch r.format {
	case "text", "json", "github":
	default:
		return fmt.Sprintf("unknown diagnostics format %q (choose text, json or github)", r.format)
	}
	switch r.color {
	case "", "auto", "always", "never":
	default:
		return fmt.Sprintf("unknown --color value %q (choose auto, always or never)", r.color)
	}
	return ""
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
