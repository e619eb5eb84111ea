package convert

import (
	"errors"
	"path/filepath"
	"slices"

	"github.com/pc2devenv/pc2devenv/parse/compose"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// IsProject reports whether a directory is a project for a walk: whether
// one of the names of the files it holds is a process-compose file, a
// docker-compose file (a Docker Compose name holding a process-compose or
// docker-compose file; the file is read to tell) or a Procfile, or, when
// makefiles is set, a Makefile. skip, when not nil,
// excludes names, such as files git ignores.
func IsProject(dir string, names []string, makefiles bool, skip func(name string) bool) bool {
	for _, name := range names {
		if !projectFile(name, makefiles) || skip != nil && skip(name) {
			continue
		}
		if sharedWithCompose(name) {
			// Docker Compose's file is read to tell; one too large to
			// read is taken as a project, whose conversion says so.
			var tl *TooLargeError
			b, err := readFile(filepath.Join(dir, name), DefaultMaxSize, true)
			if !errors.As(err, &tl) && (err != nil || !processcompose.Sniff(b) && !compose.Sniff(b)) {
				continue
			}
		}
		return true
	}
	return false
}

// projectFile reports whether a file named name can make its directory a
// project for a walk (-r): one that the runner of a format looks for (a
// process-compose file, a Procfile), a Makefile only on request, since Go
// and C monorepos have Makefiles everywhere. A .env file is loaded beside
// another source, and makes no project.
func projectFile(name string, makefiles bool) bool {
	for _, f := range formats {
		if f.find == nil || f == makefileFormat && !makefiles {
			continue
		}
		if slices.Contains(f.names, name) {
			return true
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
