package convert

import "github.com/pc2devenv/pc2devenv/ir"

// A File is a source held in memory: its name, which decides its format
// as a file's name does, and its content.
type File struct {
	Name    string
	Content []byte
}

// Files converts sources held in memory as one project, as Paths converts
// the files named on a command line: a file's format is decided by its
// name, then by its content (Options.From overrides it, except for .env
// files), and the files are merged in order. Nothing is read from disk,
// so the files a source refers to (an extends, an include) cannot be
// found, and only a .env file among files is loaded. It is the
// conversion of a program without files, such as the browser
// playground.
func Files(files []File, opts Options) *Result {
	res := &Result{Dir: "."}
	max := opts.maxSize()
	var srcs []source
	for _, f := range files {
		if int64(len(f.Content)) > max {
			res.Diagnostics = append(res.Diagnostics, readDiag(f.Name, &TooLargeError{Path: f.Name, Max: max}))
			continue
		}
		format := opts.From
		if format == "" || FormatOf(f.Name, nil) == ir.FormatDotenv {
			format = FormatOf(f.Name, f.Content)
		}
		srcs = append(srcs, source{path: f.Name, name: f.Name, format: format, content: f.Content, memory: true})
	}
	if res.Diagnostics.HasErrors() {
		return res
	}
	if len(srcs) == 0 {
		res.Diagnostics.Add(ir.Pos{}, ir.IDNoSource, "no source to convert", "")
		return res
	}
	return convertSources(res, srcs, opts)
}
