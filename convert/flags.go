package convert

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/ir"
)

// AddFlags registers the conversion options as command-line flags on fs,
// so that the command line and the golden tests' "flags:" lines spell
// them the same way.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.VarP((*targetFlag)(&o.Target), "target", "t", "write for `TARGET`: devenv2, devenv2-process-compose or devenv1")
	fs.Var((*formatFlag)(&o.From), "from", "read sources as `FORMAT`: process-compose, procfile or makefile (default: decided by file name, then content)")
	fs.Var((*scriptsFlag)(&o.Scripts), "scripts", "which Makefile targets also get a script: `WHICH` is none, phony or all (default phony)")
	fs.StringSliceVar(&o.ProcessesFromTargets, "processes-from-targets", nil, "turn the Makefile targets in `LIST` (comma-separated) into processes instead of tasks")
	fs.BoolVar(&o.Quiet, "quiet", false, "do not echo Makefile recipe lines as make does")
}

type scriptsFlag string

func (f *scriptsFlag) String() string {
	if *f == "" {
		return "phony"
	}
	return string(*f)
}
func (f *scriptsFlag) Type() string { return "which" }
func (f *scriptsFlag) Set(s string) error {
	switch s {
	case "none", "phony", "all":
		*f = scriptsFlag(s)
		return nil
	}
	return fmt.Errorf("unknown value %q (choose none, phony or all)", s)
}

type targetFlag emit.Target

func (f *targetFlag) String() string { return emit.Target(*f).String() }
func (f *targetFlag) Type() string   { return "target" }
func (f *targetFlag) Set(s string) error {
	t, err := emit.ParseTarget(s)
	if err != nil {
		return err
	}
	*f = targetFlag(t)
	return nil
}

// Formats lists the formats --from accepts.
var Formats = []ir.Format{ir.FormatProcessCompose, ir.FormatProcfile, ir.FormatMakefile}

type formatFlag ir.Format

func (f *formatFlag) String() string { return string(*f) }
func (f *formatFlag) Type() string   { return "format" }
func (f *formatFlag) Set(s string) error {
	var names []string
	for _, fm := range Formats {
		if string(fm) == s {
			*f = formatFlag(fm)
			return nil
		}
		names = append(names, string(fm))
	}
	return fmt.Errorf("unknown format %q (choose %s)", s, strings.Join(names, ", "))
}
