package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/testhook"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/rules"
)

// Options configure a conversion.
type Options struct {
	// Target is the devenv the output is for (--target).
	Target emit.Target
	// From forces the format of the sources; "" decides by name and
	// content. .env files are always read as .env files.
	From ir.Format
	// Services control the rules that turn processes into devenv
	// services (--no-services, --keep, --force-services).
	Services rules.Options
	// Explain asks for the explanation of every service rule that fired
	// or almost fired (--explain).
	Explain bool
	// PortBase is the PORT of a Procfile's first process, as foreman
	// start -p sets it; 0 leaves it to PORT in the .env file, then 5000.
	PortBase int
	// InlineEnv copies the values of the project's .env files into the
	// output, instead of having devenv load the files at run time.
	InlineEnv bool

	// Scripts says which Makefile targets get a script besides their
	// task: "phony" (default), "none" or "all".
	Scripts string
	// ProcessesFromTargets names Makefile targets that become processes.
	ProcessesFromTargets []string
	// Quiet drops the echo of recipe lines that make prints.
	Quiet bool

	// MaxSize is the largest input file read, in bytes; 0 means
	// DefaultMaxSize.
	MaxSize int64

	// Profiles are the docker-compose profiles to enable (--profile).
	Profiles []string
	// Podman runs a docker-compose service's container with podman
	// rather than docker (--podman).
	Podman bool
	// NoContainers reports the docker-compose services that would stay
	// containers instead of emitting them (--no-containers).
	NoContainers bool

	// NoFates leaves Result.Fates empty, sparing the work of deciding
	// what became of each source key, for callers that do not report it:
	// the command line asks for the fates only for --format json and the
	// report command.
	NoFates bool
}

// Result is one converted project.
type Result struct {
	// Dir is the project's directory: where its devenv.nix belongs.
	Dir string
	// Sources are the files read, relative to Dir.
	Sources []string
	// Output is the devenv.nix, or nil when the project could not be
	// converted.
	Output []byte
	// Diagnostics are sorted by position.
	Diagnostics ir.Diagnostics
	// Fates say what became of each source key; empty when
	// Options.NoFates is set.
	Fates []emit.KeyFate
	// Explanations say, when Options.Explain is set, what each service
	// rule that fired or almost fired saw and decided.
	Explanations []rules.Explanation
	// Replaced maps the source name of each process that became a devenv
	// service to the service's option path, such as "services.postgres".
	Replaced map[string]string
	// Defined lists the services, processes, tasks and scripts of the
	// output, in its order, each with what in the sources it was made
	// from.
	Defined []emit.Definition
	// TODOs are the output's "# TODO(pc2devenv): …" comments, in order:
	// what is left to do by hand.
	TODOs []TODO
	// Names maps each process's source name to its name in the output:
	// the process's, or the one-shot task's ("pc:NAME").
	Names map[string]string
	// Skip is set when a walk found the directory to be a project, but
	// none of its sources is left to convert: they were removed since the
	// walk listed them, or are binary files. Notes say which; a walk
	// passes over the directory.
	Skip bool

	internal *InternalError
}

// Internal returns the internal error met while converting, if any.
func (r *Result) Internal() *InternalError { return r.internal }

// Recovered returns the result of a conversion of input that stopped at a
// bug in pc2devenv: v, recovered from a panic. Its diagnostic names the
// input; the stack is kept in the InternalError, for a bug report.
func Recovered(input string, v any) *Result {
	return recovered(&Result{Dir: input}, input, v)
}

func recovered(res *Result, input string, v any) *Result {
	ie := &InternalError{Input: input, Value: v, Stack: debug.Stack()}
	res.Output = nil
	res.Diagnostics = append(res.Diagnostics, ir.Diagnostic{Pos: ir.Pos{File: input}, Severity: ir.Error, ID: ir.IDInternal, Message: ie.Error()})
	res.internal = ie
	return res
}

// InternalError is a bug in pc2devenv found while converting a project:
// a recovered panic, with the stack for a bug report.
type InternalError struct {
	// Input names what was being converted: a directory or a file.
	Input string
	// Value is the value the panic was called with, and Stack the
	// goroutine's stack when it was recovered.
	Value any
	Stack []byte
}

// Error says that pc2devenv met a bug, with the input, and asks for a
// report.
func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error while converting %s: %v (please report this with the input)", e.Input, e.Value)
}

// Paths converts the project that paths name: one directory, whose sources
// are found by name, or one or more source files. An error means the
// paths could not be used at all (they do not exist, say); problems with
// the sources are diagnostics in the Result.
func Paths(paths []string, opts Options) (res *Result, err error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	defer func() {
		if v := recover(); v != nil {
			res, err = Recovered(paths[0], v), nil
		}
	}()
	var srcs []source
	res = &Result{}
	if len(paths) == 1 {
		st, err := os.Stat(paths[0])
		if err != nil {
			return nil, pathError(err)
		}
		if st.IsDir() {
			res.Dir = paths[0]
			var diags ir.Diagnostics
			srcs, diags, err = findSources(paths[0], opts.From, nil, opts.maxSize())
			if err != nil {
				return nil, pathError(err)
			}
			res.Diagnostics = diags
			if diags.HasErrors() {
				return res, nil
			}
		}
	}
	if res.Dir == "" {
		res.Dir = filepath.Dir(paths[0])
		for _, p := range paths {
			if _, err := os.Stat(p); err != nil {
				return nil, pathError(err)
			}
		}
		for _, p := range paths {
			// A file named on the command line may be a pipe (<(cmd)):
			// only the size is limited.
			b, err := readFile(p, opts.maxSize(), false)
			if err != nil {
				res.Diagnostics = append(res.Diagnostics, readDiag(p, err))
				continue
			}
			format := opts.From
			if format == "" || FormatOf(p, nil) == ir.FormatDotenv {
				format = FormatOf(p, b)
			}
			srcs = append(srcs, source{path: p, name: nameIn(res.Dir, p), format: format, content: b})
		}
		env, d := besideNamed(res.Dir, srcs, opts.maxSize())
		res.Diagnostics = append(res.Diagnostics, d...)
		if res.Diagnostics.HasErrors() {
			return res, nil
		}
		srcs = append(srcs, env...)
	}
	return convertSources(res, srcs, opts), nil
}

// Source converts one source held in memory, such as standard input.
// name is used in diagnostics and the header.
func Source(name string, content []byte, format ir.Format, opts Options) *Result {
	return convertSources(&Result{Dir: "."}, []source{{path: name, name: name, format: format, content: content, memory: true}}, opts)
}

func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// convertSources reads srcs and runs the rest of the pipeline on what
// they make (convertIR). A panic becomes an InternalError diagnostic
// naming the input, never a crash.
func convertSources(res *Result, srcs []source, opts Options) (out *Result) {
	out = res
	name := res.Dir
	if len(srcs) > 0 {
		name = srcs[0].path
	}
	defer func() {
		if v := recover(); v != nil {
			out = recovered(res, name, v)
		}
	}()
	if testhook.Convert != nil {
		testhook.Convert(name)
	}
	for _, s := range srcs {
		res.Sources = append(res.Sources, filepath.ToSlash(s.name))
	}
	proj := read(srcs, opts, &res.Diagnostics)
	return convertIR(res, proj, name, opts)
}

// IR converts a project that a reader returned, with the diagnostics the
// reader returned beside it: it runs the rest of the pipeline that the
// command line runs — the service rules, which change proj, lowering for
// opts.Target, and printing — and says what became of each source key.
// The Result's diagnostics are diags and the pipeline's, sorted, without
// repeats; it has no Output when one of them is an error (a project read
// with errors is not converted). The options of reading (From, PortBase,
// InlineEnv, Scripts, ProcessesFromTargets, Quiet, MaxSize) are not used.
// A panic becomes an InternalError diagnostic, never a crash.
//
// It is the pipeline Paths, Source and Files run after reading, for a
// project read or built some other way.
func IR(proj *ir.Project, diags ir.Diagnostics, opts Options) *Result {
	input := "."
	if proj != nil && len(proj.Sources) > 0 {
		input = proj.Sources[0].Path
	}
	return convertIR(&Result{Dir: ".", Diagnostics: slices.Clone(diags)}, proj, input, opts)
}

// convertIR runs the pipeline after reading on proj, a project read with
// the diagnostics res holds; proj is nil when nothing could be read. input
// names what is converted, in the diagnostic of a panic or of an output
// that cannot be printed.
func convertIR(res *Result, proj *ir.Project, input string, opts Options) (out *Result) {
	out = res
	defer func() {
		if v := recover(); v != nil {
			out = recovered(res, input, v)
		}
	}()
	if proj == nil || res.Diagnostics.HasErrors() {
		res.Diagnostics.Sort()
		res.Diagnostics = res.Diagnostics.Dedup()
		return res
	}
	if proj.Shell == nil {
		proj.Shell = shell.NewCache()
	}
	ro := opts.Services
	ro.NoExplanations = !opts.Explain
	rr := rules.Apply(proj, ro)
	res.Diagnostics = append(res.Diagnostics, rr.Diagnostics...)
	res.Diagnostics = append(res.Diagnostics, containers(proj, opts.NoContainers)...)
	if opts.Explain {
		res.Explanations = rr.Explanations
	}
	for name, s := range rr.Replaced {
		if res.Replaced == nil {
			res.Replaced = map[string]string{}
		}
		res.Replaced[name] = "services." + s.Attr
	}
	e := emit.Emit(proj, emit.Options{Target: opts.Target, NoFates: opts.NoFates})
	res.Diagnostics = append(res.Diagnostics, e.Diagnostics...)
	res.Fates = e.Fates
	res.Names = e.Names
	res.Diagnostics.Sort()
	res.Diagnostics = res.Diagnostics.Dedup()
	if res.Diagnostics.HasErrors() {
		return res
	}
	b, comments, err := nix.FormatComments(e.File)
	if err != nil {
		res.Diagnostics.Add(ir.Pos{File: input}, ir.IDInternal, "cannot print the output: "+err.Error(), "")
		return res
	}
	res.Output = b
	res.Defined = e.Defined
	for _, c := range comments {
		if text, ok := strings.CutPrefix(c.Text, TODOPrefix); ok {
			res.TODOs = append(res.TODOs, TODO{Line: c.Line, Text: text})
		}
	}
	return res
}

// TODOPrefix starts the comments of the output that say what is left to
// do by hand.
const TODOPrefix = "TODO(pc2devenv): "

// A TODO is a "# TODO(pc2devenv): …" comment of the output.
type TODO struct {
	// Line is the comment's line in the output, from 1.
	Line int
	// Text is what is left to do: the comment without TODOPrefix.
	Text string
}
