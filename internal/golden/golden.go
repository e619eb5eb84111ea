// Package golden reads and writes the golden test cases of
// testdata/golden: one txtar archive per case, NAME.txtar.
//
// An archive holds, in this order:
//
//   - its comment: the case's settings, and lines starting with # that
//     are prose;
//   - the project's files (process-compose.yml, Procfile, .env, Makefile,
//     files in subdirectories, …), and the files other tests read from a
//     case: "steps" and "stubs" (the make semantic test);
//   - the expected outputs, per target T: T.nix (absent when the case
//     cannot be converted), T.diag (every diagnostic, notes included;
//     absent when there is none) and, for cases whose flags include
//     --explain, T.explain.
//
// The settings are lines "key: value":
//
//	paths: FILE...      the files to convert, relative to the case,
//	                    instead of the case's directory
//	flags: FLAG...      conversion flags as the command line spells them
//	targets: TARGET...  the targets to convert for (default: every one)
//	env: NAME=value...  a variant the behaviour test runs besides the
//	                    plain run, with these variables set (one line a
//	                    variant)
//	unquote: FILE...    each FILE's content is a Go string literal
//	                    (strconv.Quote) on one line, because it lacks a
//	                    final newline or holds a line like a file marker
//
// A target other than devenv2 stores an expected output only where it
// differs from devenv2's, when the case converts for devenv2 too: absent,
// it expects what devenv2 expects (including nothing), and an empty file
// says it expects nothing where devenv2 expects something. Most cases'
// diagnostics are the same for every target, and so are stored once; the
// Nix outputs nearly always differ.
//
// Tests read a case with Load or List, and convert its project in a
// scratch directory that Extract fills. PC2DEVENV_UPDATE=1 (or -update,
// for a test binary that imports this package) makes the golden test
// rewrite the archives with what the conversion gives (Rewrite).
//
// The program in ./migrate turns case directories of the old layout
// (testdata/golden/NAME/ with an "args" file, a "behaviour" file and the
// outputs beside the sources) into archives; ./extract writes archives
// out in that layout, for scripts (scripts/bench-monorepo.sh).
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/pc2devenv/pc2devenv/emit"
)

var updateFlag = flag.Bool("update", false, "rewrite the golden cases' expected outputs")

// Update reports whether the tests should rewrite the expected outputs
// instead of comparing them: PC2DEVENV_UPDATE is set, or -update given.
// Call it once flags are parsed: in a test, not to initialise a variable.
func Update() bool {
	return os.Getenv("PC2DEVENV_UPDATE") != "" || *updateFlag
}

// Exts are the extensions of expected outputs, in the order an archive
// holds them.
var Exts = []string{".nix", ".diag", ".explain"}

// TestFiles are the names of the files of a case that are not the
// project's but other tests': the make semantic test's scenarios and
// stubbed programs.
var TestFiles = []string{"steps", "stubs"}

// A Case is one golden case.
type Case struct {
	// Name is the archive's name without .txtar.
	Name string
	// Path is the archive's path.
	Path string
	// Comment is the archive's comment: the settings, as written.
	Comment []byte

	// Paths are the files to convert, relative to the case's directory;
	// nil converts the directory.
	Paths []string
	// Flags are the conversion flags.
	Flags []string
	// Targets are the targets to convert for.
	Targets []emit.Target
	// Envs are the behaviour test's variants, each a list of NAME=value.
	Envs [][]string

	// Files are the project's files and the test files, unquoted, in the
	// archive's order.
	Files []txtar.File

	quoted map[string]bool
	want   map[string][]byte // stored expected outputs by name, unquoted
	got    map[string][]byte // outputs set for Rewrite; nil value: none
}

// List loads every case of dir, in the order of their names. A directory
// in dir is an error: a case not yet migrated (run ./migrate).
func List(dir string) ([]*Case, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []*Case
	for _, e := range entries {
		switch {
		case e.IsDir():
			return nil, fmt.Errorf("%s: a case directory; run go run ./internal/golden/migrate %s", filepath.Join(dir, e.Name()), dir)
		case strings.HasSuffix(e.Name(), ".txtar"):
			c, err := Load(filepath.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no golden cases", dir)
	}
	return out, nil
}

// Load reads the case in the archive file.
func Load(file string) (*Case, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, b)
}

// Parse reads a case from the archive's content; file names it.
func Parse(file string, data []byte) (*Case, error) {
	ar := txtar.Parse(data)
	c := &Case{
		Name:    strings.TrimSuffix(filepath.Base(file), ".txtar"),
		Path:    file,
		Comment: ar.Comment,
		Targets: emit.Targets,
		quoted:  map[string]bool{},
		want:    map[string][]byte{},
	}
	if err := c.parseSettings(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range ar.Files {
		if seen[f.Name] {
			return nil, fmt.Errorf("%s: %s appears twice", file, f.Name)
		}
		seen[f.Name] = true
		if !filepath.IsLocal(f.Name) || path.Clean(f.Name) != f.Name {
			return nil, fmt.Errorf("%s: %s: not a clean relative path", file, f.Name)
		}
		d := f.Data
		if c.quoted[f.Name] {
			s, err := strconv.Unquote(string(bytes.TrimSuffix(d, []byte("\n"))))
			if err != nil {
				return nil, fmt.Errorf("%s: unquote %s: %v", file, f.Name, err)
			}
			d = []byte(s)
		}
		if IsOutput(f.Name) {
			c.want[f.Name] = d
		} else {
			c.Files = append(c.Files, txtar.File{Name: f.Name, Data: d})
		}
	}
	for name := range c.quoted {
		if !seen[name] {
			return nil, fmt.Errorf("%s: unquote: no file %s", file, name)
		}
	}
	return c, nil
}

// parseSettings reads the settings in the comment.
func (c *Case) parseSettings() error {
	for i, line := range strings.Split(string(c.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pos := fmt.Sprintf("%s:%d", c.Path, i+1)
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%s: not a setting (key: value) nor a # comment: %q", pos, line)
		}
		fields := strings.Fields(value)
		switch key {
		case "paths":
			c.Paths = append(c.Paths, fields...)
		case "flags":
			c.Flags = append(c.Flags, fields...)
		case "targets":
			c.Targets = nil
			for _, name := range fields {
				tg, err := emit.ParseTarget(name)
				if err != nil {
					return fmt.Errorf("%s: %v", pos, err)
				}
				c.Targets = append(c.Targets, tg)
			}
		case "env":
			c.Envs = append(c.Envs, fields)
		case "unquote":
			for _, f := range fields {
				c.quoted[f] = true
			}
		default:
			return fmt.Errorf("%s: unknown setting %q", pos, key)
		}
	}
	return nil
}

// IsOutput reports whether a file name in an archive is an expected
// output: T.nix, T.diag or T.explain for a target T.
func IsOutput(name string) bool {
	for _, tg := range emit.Targets {
		for _, ext := range Exts {
			if name == tg.String()+ext {
				return true
			}
		}
	}
	return false
}

// NeedsQuote reports whether a file's content cannot be held in an
// archive as it is: it lacks a final newline, or holds a line that reads
// as a file marker.
func NeedsQuote(data []byte) bool {
	return len(data) > 0 && data[len(data)-1] != '\n' || txtar.NeedsQuote(data)
}

// File returns the content of the case's file name (a project or test
// file), and whether it has one.
func (c *Case) File(name string) ([]byte, bool) {
	for _, f := range c.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// Member returns the content of the case's file name or, for the name of
// an expected output (devenv1.diag), what the case expects, and whether
// there is one.
func (c *Case) Member(name string) ([]byte, bool) {
	if !IsOutput(name) {
		return c.File(name)
	}
	ext := path.Ext(name)
	tg, err := emit.ParseTarget(strings.TrimSuffix(name, ext))
	if err != nil || !c.HasTarget(tg) {
		return nil, false
	}
	return c.Want(tg, ext)
}

// ReadMember reads a file of the repository, or a member of a case:
// DIR/NAME.txtar/MEMBER (see Member).
func ReadMember(file string) ([]byte, error) {
	archive, member, ok := strings.Cut(filepath.ToSlash(file), ".txtar/")
	if !ok {
		return os.ReadFile(file)
	}
	c, err := Load(filepath.FromSlash(archive + ".txtar"))
	if err != nil {
		return nil, err
	}
	b, ok := c.Member(member)
	if !ok {
		return nil, fmt.Errorf("%s: no %s in the case", c.Path, member)
	}
	return b, nil
}

// HasTarget reports whether the case converts for tg.
func (c *Case) HasTarget(tg emit.Target) bool {
	return slices.Contains(c.Targets, tg)
}

// inherits reports whether tg's expected outputs default to devenv2's.
func (c *Case) inherits(tg emit.Target) bool {
	return tg != emit.Devenv2 && c.HasTarget(emit.Devenv2)
}

// Want returns the expected output of the conversion for tg with the
// extension ext (".nix", ".diag", ".explain"), and whether one is
// expected at all.
func (c *Case) Want(tg emit.Target, ext string) ([]byte, bool) {
	if d, ok := c.want[tg.String()+ext]; ok {
		return d, len(d) > 0
	}
	if c.inherits(tg) {
		return c.Want(emit.Devenv2, ext)
	}
	return nil, false
}

// Stored returns the names of the expected outputs the archive holds.
func (c *Case) Stored() []string {
	var out []string
	for name := range c.want {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Redundant returns the names of the expected outputs the archive holds
// for a target other than devenv2 that are devenv2's exactly, and so
// should not be stored.
func (c *Case) Redundant() []string {
	var out []string
	for _, tg := range c.Targets {
		if !c.inherits(tg) {
			continue
		}
		for _, ext := range Exts {
			d, ok := c.want[tg.String()+ext]
			if !ok {
				continue
			}
			base, baseOK := c.Want(emit.Devenv2, ext)
			if (len(d) > 0) == baseOK && bytes.Equal(d, base) {
				out = append(out, tg.String()+ext)
			}
		}
	}
	return out
}

// Extract writes the case's files (not the expected outputs) into dir,
// which it creates.
func (c *Case) Extract(dir string) error {
	for _, f := range c.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Set records the output the conversion for tg gave with extension ext,
// for Rewrite; ok says whether there is one (a nil Output, no
// diagnostics are none).
func (c *Case) Set(tg emit.Target, ext string, data []byte, ok bool) {
	if c.got == nil {
		c.got = map[string][]byte{}
	}
	if !ok {
		data = nil
	} else if data == nil {
		data = []byte{}
	}
	c.got[tg.String()+ext] = data
}

// Rewrite writes the archive back with the outputs given to Set in place
// of the expected ones, each stored only where it must be (see the
// package doc). It reports whether the file changed.
func (c *Case) Rewrite() (bool, error) {
	b, err := c.Format()
	if err != nil {
		return false, err
	}
	old, _ := os.ReadFile(c.Path)
	if bytes.Equal(old, b) {
		return false, nil
	}
	return true, os.WriteFile(c.Path, b, 0o644)
}

// Format returns the archive of the case with the outputs given to Set.
func (c *Case) Format() ([]byte, error) {
	ar := &txtar.Archive{Comment: c.Comment}
	add := func(name string, data []byte) error {
		if c.quoted[name] {
			data = []byte(strconv.Quote(string(data)) + "\n")
		} else if NeedsQuote(data) {
			return fmt.Errorf("%s: %s needs quoting (add the setting \"unquote: %s\")", c.Path, name, name)
		}
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
		return nil
	}
	for _, f := range c.Files {
		if err := add(f.Name, f.Data); err != nil {
			return nil, err
		}
	}
	for _, tg := range emit.Targets {
		if !c.HasTarget(tg) {
			continue
		}
		for _, ext := range Exts {
			name := tg.String() + ext
			got, ok := c.got[name]
			if !ok {
				continue // not converted with this extension
			}
			if c.inherits(tg) {
				base, baseOK := c.got[emit.Devenv2.String()+ext]
				if (got != nil) == (baseOK && base != nil) && bytes.Equal(got, base) {
					continue // devenv2's
				}
				if got == nil {
					got = []byte{} // nothing, where devenv2 expects something
				}
			} else if got == nil {
				continue
			}
			if err := add(name, got); err != nil {
				return nil, err
			}
		}
	}
	return txtar.Format(ar), nil
}

// WriteDir writes the case into the directory dir as the cases were laid
// out before they were archives: its files, an "args" file with its
// settings (paths, flags, targets), a "behaviour" file with its env
// lines, and the expected output of every target it converts for (T.nix,
// T.diag, T.explain), each absent where nothing is expected.
func (c *Case) WriteDir(dir string) error {
	if err := c.Extract(dir); err != nil {
		return err
	}
	var args, behaviour bytes.Buffer
	for _, line := range strings.SplitAfter(string(c.Comment), "\n") {
		switch key, _, _ := strings.Cut(strings.TrimSpace(line), ":"); key {
		case "env":
			behaviour.WriteString(line)
		case "unquote":
		default:
			args.WriteString(line)
		}
	}
	write := func(name string, b []byte) error {
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if len(bytes.TrimSpace(args.Bytes())) > 0 {
		if err := write("args", args.Bytes()); err != nil {
			return err
		}
	}
	if behaviour.Len() > 0 {
		if err := write("behaviour", behaviour.Bytes()); err != nil {
			return err
		}
	}
	for _, tg := range c.Targets {
		for _, ext := range Exts {
			if b, ok := c.Want(tg, ext); ok {
				if err := write(tg.String()+ext, b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
