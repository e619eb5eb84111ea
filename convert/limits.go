package convert

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// DefaultMaxSize is the largest input file read unless Options.MaxSize
// says otherwise: sources are a few kilobytes, and a file of megabytes is
// a mistake (or an attack) that should not take a CI job's memory.
const DefaultMaxSize = 16 << 20

// maxSize returns the size limit on input files.
func (o *Options) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

// TooLargeError is the error for an input file larger than the limit.
type TooLargeError struct {
	Path string
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s, the limit on an input file (--max-size)", e.Path, SizeText(e.Max))
}

// NotRegularError is the error for an input that is a directory, a named
// pipe, a socket or a device, where a file was expected.
type NotRegularError struct {
	Path string
	Kind string // "a directory", "a named pipe", …
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a file", e.Path, e.Kind)
}

// ReadFile reads the regular file at path, as os.ReadFile does, without
// a size limit; anything but a regular file is a *NotRegularError (a
// named pipe is refused rather than waited on).
func ReadFile(path string) ([]byte, error) { return readFile(path, -1, true) }

// ReadInput reads a file the converter takes as input, at most max bytes
// (DefaultMaxSize when max is 0), and only a regular file: a
// *TooLargeError or a *NotRegularError otherwise.
func ReadInput(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	return readFile(path, max, true)
}

// readDiag turns the error of reading an input file into a diagnostic
// at the file.
func readDiag(path string, err error) ir.Diagnostic {
	pos := ir.Pos{File: path}
	var tl *TooLargeError
	var nr *NotRegularError
	switch {
	case errors.As(err, &tl):
		return ir.Diagnostic{Pos: pos, Severity: ir.Error, ID: ir.IDTooLarge,
			Message:    fmt.Sprintf("the file is larger than %s, the limit on an input file; it was not read", SizeText(tl.Max)),
			Suggestion: "pass --max-size to raise the limit, if this really is the source"}
	case errors.As(err, &nr):
		return ir.Diagnostic{Pos: pos, Severity: ir.Error, ID: ir.IDNotRegular,
			Message: fmt.Sprintf("this is %s, not a file, so it cannot be read as a source", nr.Kind)}
	}
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	return ir.Diagnostic{Pos: pos, Severity: ir.Error, ID: ir.IDIO, Message: "cannot read the file: " + reason}
}

// FromReader converts one source read from r, such as standard input,
// reading at most the size limit. name is used in diagnostics and the
// header.
func FromReader(name string, r io.Reader, format ir.Format, opts Options) *Result {
	max := opts.maxSize()
	src, err := io.ReadAll(io.LimitReader(r, max+1))
	switch {
	case err != nil:
		res := &Result{Dir: "."}
		res.Diagnostics = append(res.Diagnostics, readDiag(name, err))
		return res
	case int64(len(src)) > max:
		res := &Result{Dir: "."}
		res.Diagnostics = append(res.Diagnostics, readDiag(name, &TooLargeError{Path: name, Max: max}))
		return res
	}
	return Source(name, src, format, opts)
}

// binaryAt returns the offset of the first NUL byte among the first 8000
// bytes of b, or -1: git's test for a binary file.
func binaryAt(b []byte) int {
	return bytes.IndexByte(b[:min(len(b), 8000)], 0)
}

// SizeText writes a size in bytes the way --max-size reads it: 16MiB,
// 512KiB, 100B.
func SizeText(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

// ParseSize reads a size: a number of bytes, with an optional unit: B,
// K/KB/KiB, M/MB/MiB, G/GB/GiB (all powers of 1024).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size (such as 16MiB, 64M or 1000000)", s)
	}
	var mult int64
	switch unit {
	case "", "b":
		mult = 1
	case "k", "kb", "kib":
		mult = 1 << 10
	case "m", "mb", "mib":
		mult = 1 << 20
	case "g", "gb", "gib":
		mult = 1 << 30
	default:
		return 0, fmt.Errorf("%q is not a size: unknown unit %q (use KiB, MiB or GiB)", s, t[i:])
	}
	if n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n * mult, nil
}
