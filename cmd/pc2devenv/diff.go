package main

import (
	"errors"
	"io"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/convert"
)

// diffOpts are the flags of diff.
type diffOpts struct {
	convert convert.Options
	batch   batchOpts
	report  reportOpts
}

func diffFlags(o *diffOpts) *pflag.FlagSet {
	fs := pflag.NewFlagSet("diff", pflag.ContinueOnError)
	o.batch.addRecursive(fs, "check every project under the PATH directories (a monorepo)")
	o.convert.AddFlags(fs)
	fs.BoolVar(&o.batch.force, "force", false, "also compare a devenv.nix pc2devenv did not generate (otherwise it is skipped)")
	o.batch.addWalk(fs)
	o.report.addFlags(fs, true)
	fs.SortFlags = false
	return fs
}

func (e *env) diff(args []string) int {
	var o diffOpts
	fs := diffFlags(&o)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			lookup("diff").writeHelp(e.stdout)
			return exitOK
		}
		return e.usageError("diff", err.Error())
	}
	if o.batch.makefiles && !o.batch.recursive {
		return e.usageError("diff", "--makefiles needs -r")
	}
	for _, p := range fs.Args() {
		if p == "-" {
			return e.usageError("diff", `"-" (standard input) has no devenv.nix to compare with; name a project directory`)
		}
	}
	o.convert.NoFates = !o.report.readsFates()
	return e.runBatch(fs.Args(), o.batch.options(o.convert, batch.Check, o.report), o.report)
}
