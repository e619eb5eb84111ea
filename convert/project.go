package convert

import (
	"errors"
	"path/filepath"
	"strings"
)

// Walks (-r) decide which directories are projects by these file names,
// following the design: a process-compose file, or a Procfile; a Makefile
// only on request, since Go and C monorepos have Makefiles everywhere.
var (
	walkProcfileNames = []string{"Procfile.dev", "Procfile"}
	walkMakefileNames = []string{"GNUmakefile", "makefile", "Makefile"}
)

// IsProject reports whether a directory is a project for a walk: whether
// one of the names of the files it holds is a process-compose file
// (compose.yml or compose.yaml only with a top-level processes key, since
// Docker Compose uses the same names; the file is read to tell) or a
// Procfile, or, when makefiles is set, a Makefile. skip, when not nil,
// excludes names, such as files git ignores.
func IsProject(dir string, names []string, makefiles bool, skip func(name string) bool) bool {
	for _, name := range names {
		if !projectFile(name, makefiles) || skip != nil && skip(name) {
			continue
		}
		if strings.HasPrefix(name, "compose.") {
			// Docker Compose's file is read to tell; one too large to
			// read is taken as a project, whose conversion says so.
			var tl *TooLargeError
			b, err := readFile(filepath.Join(dir, name), DefaultMaxSize, true)
			if !errors.As(err, &tl) && (err != nil || !topProcessesRE.Match(b)) {
				continue
			}
		}
		return true
	}
	return false
}

// projectFile reports whether a file named name can make its directory a
// project.
func projectFile(name string, makefiles bool) bool {
	lists := [][]string{processComposeNames, walkProcfileNames}
	if makefiles {
		lists = append(lists, walkMakefileNames)
	}
	for _, l := range lists {
		for _, n := range l {
			if name == n {
				return true
			}
		}
	}
	return false
}

// Project converts the project in the directory dir, whose files a walk
// has just listed (their names, files), without looking for its sources
// on disk again. Otherwise it is Paths with one directory.
func Project(dir string, files []string, opts Options) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = Recovered(dir, v), nil
		}
	}()
	if files == nil {
		files = []string{}
	}
	res = &Result{Dir: dir}
	srcs, diags, err := findSources(dir, opts.From, files, opts.maxSize())
	if err != nil {
		return nil, pathError(err)
	}
	res.Diagnostics = diags
	if diags.HasErrors() {
		return res, nil
	}
	if len(srcs) == 0 {
		// Its sources went away, or are binary: the notes say so.
		res.Skip = true
		return res, nil
	}
	return convertSources(res, srcs, opts), nil
}
