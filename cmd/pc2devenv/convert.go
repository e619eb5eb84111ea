package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/ir"
)

// convertOpts are the flags of convert.
type convertOpts struct {
	convert convert.Options
	batch   batchOpts
	output  string
	write   bool
	init    bool
	fsync   bool
	report  reportOpts
}

func convertFlags(o *convertOpts) *pflag.FlagSet {
	fs := pflag.NewFlagSet("convert", pflag.ContinueOnError)
	fs.StringVarP(&o.output, "output", "o", "", "write the devenv.nix to `FILE` instead of standard output")
	fs.BoolVarP(&o.write, "write", "w", false, "write devenv.nix next to each project's sources (only when it changed)")
	o.batch.addRecursive(fs, "with -w, convert every project under the PATH directories (a monorepo)")
	o.convert.AddFlags(fs)
	fs.BoolVar(&o.batch.force, "force", false, "with -o or -w, replace a devenv.nix pc2devenv did not generate")
	fs.BoolVar(&o.init, "init", false, "with -w, also write devenv.yaml, .envrc and .gitignore entries as devenv init does, where missing")
	fs.BoolVar(&o.fsync, "fsync", false, "with -w, flush every file to disk before going on (slower; survives a crash of the machine)")
	o.batch.addWalk(fs)
	o.report.addFlags(fs, false)
	fs.SortFlags = false
	return fs
}

func (e *env) convert(args []string) int {
	var o convertOpts
	fs := convertFlags(&o)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			lookup("convert").writeHelp(e.stdout)
			return exitOK
		}
		return e.usageError("convert", err.Error())
	}
	paths := fs.Args()
	o.convert.NoFates = !o.report.readsFates()
	switch {
	case o.write && o.output != "":
		return e.usageError("convert", "-w writes devenv.nix next to the sources; it cannot be combined with -o")
	case o.batch.recursive && !o.write:
		return e.usageError("convert", "-r converts many projects, so it needs -w to write each one's devenv.nix (or use pc2devenv diff -r to check them)")
	case o.init && !o.write:
		return e.usageError("convert", "--init needs -w")
	case o.fsync && !o.write:
		return e.usageError("convert", "--fsync needs -w")
	case o.batch.makefiles && !o.batch.recursive:
		return e.usageError("convert", "--makefiles needs -r")
	}
	for _, p := range paths {
		if p == "-" && (len(paths) > 1 || o.write) {
			return e.usageError("convert", `"-" (standard input) cannot be combined with other paths or -w`)
		}
	}
	if o.write {
		bo := o.batch.options(o.convert, batch.Write, o.report)
		bo.Init, bo.Sync = o.init, o.fsync
		return e.runBatch(paths, bo, o.report)
	}
	return e.convertOne(paths, o)
}

// convertOne converts one project and prints it, or writes it to -o.
func (e *env) convertOne(paths []string, o convertOpts) int {
	opts := o.convert
	var res *convert.Result
	var err error
	if len(paths) == 1 && paths[0] == "-" {
		if opts.From == "" {
			return e.usageError("convert", "reading standard input needs --from FORMAT, as in --from process-compose (or procfile, or makefile)")
		}
		res = convert.FromReader("<stdin>", e.stdin, opts.From, opts)
	} else {
		res, err = convert.Paths(paths, opts)
		if err != nil {
			fmt.Fprintf(e.stderr, "pc2devenv convert: %v\n", err)
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintln(e.stderr, "Name a project directory or a source file (default: the current directory).")
			}
			return exitFail
		}
	}
	e.report(res, o.report)
	if res.Internal() != nil {
		return exitUsage
	}
	if res.Output == nil || o.report.strict && res.Diagnostics.Count(ir.Warning) > 0 {
		return exitFail
	}
	if o.output == "" || o.output == "-" {
		e.stdout.Write(res.Output)
		return exitOK
	}
	if _, err := convert.WriteFile(o.output, res.Output, convert.WriteOptions{Force: o.batch.force}); err != nil {
		fmt.Fprintf(e.stderr, "pc2devenv convert: %v\n", err)
		return exitFail
	}
	return exitOK
}

// report prints a result's diagnostics in the chosen format.
func (e *env) report(res *convert.Result, o reportOpts) {
	switch o.format {
	case "json":
		writeJSONReport(e.stderr, []*convert.Result{res})
		return
	case "github":
		var b strings.Builder
		for _, d := range res.Diagnostics {
			if d.Severity != ir.Note || o.verbose {
				b.WriteString(githubAnnotation(d))
			}
		}
		io.WriteString(e.stderr, b.String())
		return
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		if d.Severity == ir.Note && !o.verbose {
			continue
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	for _, x := range res.Explanations {
		b.WriteString(x.String())
	}
	io.WriteString(e.stderr, b.String())
}
