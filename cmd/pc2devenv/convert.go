package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/ir"
)

// convertOpts are the flags of convert.
type convertOpts struct {
	convert convert.Options
	output  string
	format  string
	strict  bool
	force   bool
	verbose bool
}

func convertFlags(o *convertOpts) *pflag.FlagSet {
	fs := pflag.NewFlagSet("convert", pflag.ContinueOnError)
	fs.StringVarP(&o.output, "output", "o", "", "write the devenv.nix to `FILE` instead of standard output")
	o.convert.AddFlags(fs)
	fs.StringVar(&o.format, "format", "text", "print diagnostics as `text` or json")
	fs.BoolVar(&o.strict, "strict", false, "treat warnings as errors (exit 1)")
	fs.BoolVar(&o.force, "force", false, "with -o, replace a file pc2devenv did not generate")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "also print notes, which explain decisions")
	fs.SortFlags = false
	return fs
}

func (e *env) convert(args []string) int {
	var o convertOpts
	fs := convertFlags(&o)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(e.stdout, convertUsage, fs.FlagUsages())
			return exitOK
		}
		return e.usageError("convert", err.Error())
	}
	opts := o.convert
	if o.format != "text" && o.format != "json" {
		return e.usageError("convert", fmt.Sprintf("unknown diagnostics format %q (choose text or json)", o.format))
	}
	paths := fs.Args()
	var res *convert.Result
	var err error
	if len(paths) == 1 && paths[0] == "-" {
		if opts.From == "" {
			return e.usageError("convert", "reading standard input needs --from")
		}
		src, err := io.ReadAll(e.stdin)
		if err != nil {
			fmt.Fprintf(e.stderr, "pc2devenv convert: reading standard input: %v\n", err)
			return exitFail
		}
		res = convert.Source("<stdin>", src, opts.From, opts)
	} else {
		for _, p := range paths {
			if p == "-" {
				return e.usageError("convert", `"-" (standard input) cannot be combined with other paths`)
			}
		}
		res, err = convert.Paths(paths, opts)
		if err != nil {
			fmt.Fprintf(e.stderr, "pc2devenv convert: %v\n", err)
			return exitFail
		}
	}
	e.report(res, o)
	if res.Internal() != nil {
		return exitUsage
	}
	if res.Output == nil || o.strict && res.Diagnostics.Count(ir.Warning) > 0 {
		return exitFail
	}
	if o.output == "" || o.output == "-" {
		e.stdout.Write(res.Output)
		return exitOK
	}
	if _, err := convert.WriteFile(o.output, res.Output, o.force); err != nil {
		fmt.Fprintf(e.stderr, "pc2devenv convert: %v\n", err)
		return exitFail
	}
	return exitOK
}

// report prints a result's diagnostics in the chosen format.
func (e *env) report(res *convert.Result, o convertOpts) {
	if o.format == "json" {
		writeJSONReport(e.stderr, []*convert.Result{res})
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
