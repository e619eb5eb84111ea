package convert

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/ir"
)

// AddFlags registers the conversion options as command-line flags on fs,
// so that the command line and the golden tests' "flags:" lines spell
// them the same way. A flag whose value is one of a fixed set has a value
// with a Choices() []string method, which help and shell completion use.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.VarP((*targetFlag)(&o.Target), "target", "t", "write for `TARGET`: devenv2, devenv2-process-compose or devenv1")
	fs.Var((*formatFlag)(&o.From), "from", "read sources as `FORMAT`: process-compose, procfile, docker-compose or makefile (default: decided by file name, then content)")
	fs.BoolVar(&o.Services.Off, "no-services", false, "keep every process a process: no devenv services")
	fs.StringArrayVar(&o.Services.Keep, "keep", nil, "keep the process `NAME` (or every process of the service NAME) a process; repeatable")
	fs.BoolVar(&o.Services.Force, "force-services", false, "turn a process into a service even when the service cannot express some of its settings, reporting each")
	fs.BoolVar(&o.Explain, "explain", false, "explain, for each process a service rule fired or almost fired for, the evidence and the decision")
	fs.Var((*portFlag)(&o.PortBase), "port-base", "give a Procfile's first process PORT `N`, the next N+100, and so on, as foreman start -p does (default: PORT from .env, else 5000)")
	fs.BoolVar(&o.InlineEnv, "inline-env", false, "copy the values of .env files into the output instead of loading the files at run time (they may be secrets)")
	fs.Var((*scriptsFlag)(&o.Scripts), "scripts", "which Makefile targets also get a script: `WHICH` is none, phony or all")
	fs.StringSliceVar(&o.ProcessesFromTargets, "processes-from-targets", nil, "turn the Makefile targets in `LIST` (comma-separated) into processes instead of tasks")
	fs.BoolVar(&o.Quiet, "quiet", false, "do not echo Makefile recipe lines as make does")
	fs.StringArrayVar(&o.Profiles, "profile", nil, "enable the docker-compose profile `NAME`; repeatable (default: COMPOSE_PROFILES from .env)")
	fs.BoolVar(&o.Podman, "podman", false, "run the docker-compose services that stay containers with podman rather than docker")
	fs.BoolVar(&o.NoContainers, "no-containers", false, "report the docker-compose services that would stay containers instead of writing them")
	fs.Var((*sizeFlag)(&o.MaxSize), "max-size", "read input files of up to `SIZE` (such as 64MiB); larger ones are refused (default 16MiB)")
}

type sizeFlag int64

func (f *sizeFlag) String() string {
	if *f == 0 {
		return ""
	}
	return SizeText(int64(*f))
}
func (f *sizeFlag) Type() string { return "size" }
func (f *sizeFlag) Set(s string) error {
	n, err := ParseSize(s)
	if err != nil {
		return err
	}
	*f = sizeFlag(n)
	return nil
}

type portFlag int

func (f *portFlag) String() string {
	if *f == 0 {
		return ""
	}
	return strconv.Itoa(int(*f))
}
func (f *portFlag) Type() string { return "port" }
func (f *portFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q is not a port number (1 to 65535)", s)
	}
	*f = portFlag(n)
	return nil
}

type scriptsFlag string

func (f *scriptsFlag) String() string {
	if *f == "" {
		return "phony"
	}
	return string(*f)
}
func (f *scriptsFlag) Type() string { return "which" }

// Choices lists the values Set accepts, for help and shell completion.
func (f *scriptsFlag) Choices() []string { return []string{"none", "phony", "all"} }
func (f *scriptsFlag) Set(s string) error {
	if !slices.Contains(f.Choices(), s) {
		return fmt.Errorf("unknown value %q (choose none, phony or all)", s)
	}
	*f = scriptsFlag(s)
	return nil
}

type targetFlag emit.Target

func (f *targetFlag) String() string { return emit.Target(*f).String() }
func (f *targetFlag) Type() string   { return "target" }

// Choices lists the values Set accepts, for help and shell completion.
func (f *targetFlag) Choices() []string {
	var names []string
	for _, t := range emit.Targets {
		names = append(names, t.String())
	}
	return names
}
func (f *targetFlag) Set(s string) error {
	t, err := emit.ParseTarget(s)
	if err != nil {
		return err
	}
	*f = targetFlag(t)
	return nil
}

type formatFlag ir.Format

func (f *formatFlag) String() string { return string(*f) }
func (f *formatFlag) Type() string   { return "format" }

// Choices lists the values Set accepts, for help and shell completion.
func (f *formatFlag) Choices() []string {
	var names []string
	for _, fm := range Formats {
		names = append(names, string(fm))
	}
	return names
}
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
