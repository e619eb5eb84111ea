package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/makefile"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// source is one file of a project, as found on disk.
type source struct {
	// path is where to read it, and the name diagnostics use.
	path string
	// name is its path relative to the project directory, for the header.
	name    string
	format  ir.Format
	content []byte
	// memory is set for a source that is not a file (standard input):
	// files it refers to cannot be found.
	memory bool
}

// finder reads the files of a project directory that are its sources.
type finder struct {
	dir string
	// listed, when not nil, holds the names of dir's files, which a walk
	// has just read: names not in it are not looked for on disk, a file
	// in it that is gone was removed during the walk, and a binary file
	// is skipped rather than refused.
	listed []string
	max    int64
	diags  ir.Diagnostics
	// skipped is set when a source was passed over (removed, binary).
	skipped bool
}

// read reads the file name of the directory, if it exists, as a source
// of format. Problems are diagnostics.
func (f *finder) read(name string, format ir.Format) (source, bool) {
	p := filepath.Join(f.dir, name)
	if f.listed == nil {
		st, err := os.Stat(p)
		if err != nil || st.IsDir() {
			return source{}, false
		}
	} else if !slices.Contains(f.listed, name) {
		return source{}, false
	}
	if testhook.Read != nil {
		testhook.Read(p)
	}
	b, err := readFile(p, f.max, true)
	switch {
	case f.listed != nil && errors.Is(err, fs.ErrNotExist):
		f.diags.Add(ir.Pos{File: p}, ir.IDVanished,
			"the file was removed after the walk listed it, so it was not converted", "")
		f.skipped = true
		return source{}, false
	case err != nil:
		f.diags = append(f.diags, readDiag(p, err))
		return source{}, false
	case f.listed != nil && binaryAt(b) >= 0:
		f.diags.Add(ir.Pos{File: p}, ir.IDBinary,
			fmt.Sprintf("this is a binary file (a NUL byte at offset %d), not a %s, so the walk skipped it", binaryAt(b), format), "")
		f.skipped = true
		return source{}, false
	}
	return source{path: p, name: name, format: format, content: b}, true
}

// findSources lists the sources of the project in dir, by name: those of
// each format that makes a project, in the registry's order, then the
// project's .env file. from, when set, restricts them to one format.
// listed, when not nil, holds the names of dir's files, which a walk has
// just read (see finder). Input files are read up to max bytes. Problems
// with the files are diagnostics; an error means the directory could not
// be read.
func findSources(dir string, from ir.Format, listed []string, max int64) ([]source, ir.Diagnostics, error) {
	f := &finder{dir: dir, listed: listed, max: max}
	var out []source
	for _, fm := range formats {
		if fm.find == nil || from != "" && from != fm.id {
			continue
		}
		found, err := fm.find(f, out)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, found...)
	}
	if len(out) == 0 {
		if f.skipped || f.diags.HasErrors() {
			// The notes or errors say why there is nothing to convert.
			return out, f.diags, nil
		}
		msg := "no process-compose.yml, Procfile or Makefile here"
		if from != "" {
			msg = fmt.Sprintf("no %s file here", from)
		}
		f.diags.Add(ir.Pos{File: dir}, ir.IDNoSource, msg, "name a source file, or a directory that holds one")
		return out, f.diags, nil
	}
	// Every runner loads the project's .env (process-compose too, by
	// default), whatever the other sources are.
	if env, ok := findDotenv(f); ok {
		out = append(out, env)
	}
	return out, f.diags, nil
}

// findProcessCompose returns the process-compose file of the project in
// f's directory, the first of the names process-compose looks for, and
// the first override file beside it; a Docker Compose name counts only
// when the file has process-compose's content. The others found are
// reported: process-compose ignores them.
func findProcessCompose(f *finder, _ []source) ([]source, error) {
	var out []source
	for _, names := range [][]string{processcompose.Names, processcompose.OverrideNames} {
		var found []source
		for _, name := range names {
			s, ok := f.read(name, ir.FormatProcessCompose)
			if !ok || sharedWithCompose(name) && !processcompose.Sniff(s.content) {
				continue
			}
			found = append(found, s)
		}
		if len(found) == 0 {
			break // no override without a main file
		}
		out = append(out, found[0])
		for _, s := range found[1:] {
			f.diags.Add(ir.Pos{File: s.path}, ir.IDSeveralFiles,
				fmt.Sprintf("process-compose reads %s and ignores %s, and so does the converter", found[0].name, s.name),
				"remove or rename the file that is not used")
		}
	}
	return out, nil
}

// findMakefile returns the makefile of the project in f's directory: the
// first of the names make looks for.
func findMakefile(f *finder, _ []source) ([]source, error) {
	for _, name := range makefile.Names {
		if s, ok := f.read(name, ir.FormatMakefile); ok {
			return []source{s}, nil
		}
	}
	return nil, nil
}
