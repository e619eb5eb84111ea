package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/ir"
)

// reportCmdOpts are the flags of report.
type reportCmdOpts struct {
	convert convert.Options
	batch   batchOpts
	report  reportOpts
}

func reportCmdFlags(o *reportCmdOpts) *pflag.FlagSet {
	fs := pflag.NewFlagSet("report", pflag.ContinueOnError)
	o.batch.addRecursive(fs, "report on every project under the PATH directories (a monorepo), with a summary table")
	o.convert.AddFlags(fs)
	o.batch.addWalk(fs)
	o.report.addStrictVerbose(fs)
	fs.SortFlags = false
	return fs
}

// reportCmd runs "pc2devenv report": it converts the projects as convert
// does, writes nothing, and prints a Markdown report of the migration on
// standard output.
func (e *env) reportCmd(args []string) int {
	var o reportCmdOpts
	fs := reportCmdFlags(&o)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			lookup("report").writeHelp(e.stdout)
			return exitOK
		}
		return e.usageError("report", err.Error())
	}
	paths := fs.Args()
	if o.batch.makefiles && !o.batch.recursive {
		return e.usageError("report", "--makefiles needs -r")
	}
	for _, p := range paths {
		if p == "-" && (len(paths) > 1 || o.batch.recursive) {
			return e.usageError("report", `"-" (standard input) cannot be combined with other paths or -r`)
		}
	}
	m := &migrationReport{target: o.convert.Target.String(), verbose: o.report.verbose, recursive: o.batch.recursive}
	var sum *batch.Summary
	if len(paths) == 1 && paths[0] == "-" {
		if o.convert.From == "" {
			return e.usageError("report", "reading standard input needs --from FORMAT, as in --from process-compose (or procfile, or makefile)")
		}
		res := convert.FromReader("<stdin>", e.stdin, o.convert.From, o.convert)
		p := &batch.Project{Dir: res.Dir, Result: res, Status: batch.Converted}
		if res.Output == nil || o.report.strict && res.Diagnostics.Count(ir.Warning) > 0 {
			p.Status = batch.Failed
		}
		sum = batch.Tally([]*batch.Project{p})
		m.project(p)
		e.printErrors(p)
	} else {
		sum = batch.Run(paths, o.batch.options(o.convert, batch.Convert, o.report), func(p *batch.Project) {
			m.project(p)
			e.printErrors(p)
		})
	}
	io.WriteString(e.stdout, m.markdown(sum))
	switch {
	case sum.Internal > 0:
		return exitUsage
	case !sum.OK(batch.Convert), o.report.strict && len(sum.Warnings) > 0:
		return exitFail
	}
	return exitOK
}

// printErrors writes a project's errors on standard error, so that the
// exit status is explained where a script sees it; the report has them
// too.
func (e *env) printErrors(p *batch.Project) {
	var b strings.Builder
	for _, d := range p.AllDiagnostics() {
		if d.Severity == ir.Error {
			fmt.Fprintln(&b, d)
		}
	}
	io.WriteString(e.stderr, b.String())
}
