package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Options configure a conversion.
type Options struct {
	Target emit.Target
	// From forces the format of the sources; "" decides by name and
	// content.
	From ir.Format
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
	// Fates say what became of each source key.
	Fates []emit.KeyFate

	internal *InternalError
}

// Internal returns the internal error met while converting, if any.
func (r *Result) Internal() *InternalError { return r.internal }

// InternalError is a bug in pc2devenv found while converting a project:
// a recovered panic, with the stack for a bug report.
type InternalError struct {
	Input string
	Value any
	Stack []byte
}

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
			srcs, diags, err = findSources(paths[0], opts.From, nil)
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
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, pathError(err)
			}
			format := opts.From
			if format == "" {
				format = FormatOf(p, b)
			}
			srcs = append(srcs, source{path: p, name: filepath.Base(p), format: format, content: b})
		}
		res.Dir = filepath.Dir(paths[0])
	}
	return convertSources(res, srcs, opts), nil
}

// Source converts one source held in memory, such as standard input.
// name is used in diagnostics and the header.
func Source(name string, content []byte, format ir.Format, opts Options) *Result {
	return convertSources(&Result{Dir: "."}, []source{{path: name, name: name, format: format, content: content}}, opts)
}

func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// convertSources runs the pipeline. A panic inside it becomes an
// InternalError diagnostic naming the input, never a crash.
func convertSources(res *Result, srcs []source, opts Options) (out *Result) {
	out = res
	defer func() {
		if v := recover(); v != nil {
			name := res.Dir
			if len(srcs) > 0 {
				name = srcs[0].path
			}
			ie := &InternalError{Input: name, Value: v, Stack: debug.Stack()}
			res.Output = nil
			res.Diagnostics = append(res.Diagnostics, ir.Diagnostic{Pos: ir.Pos{File: name}, Severity: ir.Error, ID: ir.IDInternal, Message: ie.Error()})
			res.internal = ie
		}
	}()
	for _, s := range srcs {
		res.Sources = append(res.Sources, filepath.ToSlash(s.name))
	}
	proj := read(srcs, opts, &res.Diagnostics)
	if proj == nil || res.Diagnostics.HasErrors() {
		res.Diagnostics.Sort()
		return res
	}
	e := emit.Emit(proj, emit.Options{Target: opts.Target})
	res.Diagnostics = append(res.Diagnostics, e.Diagnostics...)
	res.Fates = emit.Fates(proj.Keys, opts.Target)
	res.Diagnostics.Sort()
	res.Diagnostics = res.Diagnostics.Dedup()
	if res.Diagnostics.HasErrors() {
		return res
	}
	b, err := nix.Format(e.File)
	if err != nil {
		res.Diagnostics.Add(ir.Pos{File: srcs[0].path}, ir.Error, ir.IDInternal, "cannot print the output: "+err.Error(), "")
		return res
	}
	res.Output = b
	return res
}
