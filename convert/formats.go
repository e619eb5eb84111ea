package convert

import (
	"slices"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/compose"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
	"github.com/pc2devenv/pc2devenv/parse/makefile"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
	"github.com/pc2devenv/pc2devenv/parse/procfile"
)

// A format is a kind of source file the converter reads: what its
// package under parse says of its files, and how the converter finds and
// reads them.
type format struct {
	id ir.Format
	// names are the files its runner looks for in a project's
	// directory, in the runner's order of preference.
	names []string
	// match reports whether a file's name says it is of the format.
	match func(name string) bool
	// sniff reports whether a file's content says it is of the format;
	// nil when content cannot tell.
	sniff func(content []byte) bool
	// find returns the project's sources of the format in f's directory,
	// given those of the formats before it found so far; nil for a
	// format that does not make a project by itself (.env files, which
	// findSources adds to any project).
	find func(f *finder, found []source) ([]source, error)
	// read reads a project's sources of the format, all together, since
	// some formats merge them (process-compose's -f files, say).
	read reader
}

// A reader reads all of a project's sources of one format into a project.
type reader func(srcs []source, c *conversion) (*ir.Project, ir.Diagnostics)

// The formats the converter reads.
var (
	processComposeFormat = &format{
		id:    ir.FormatProcessCompose,
		names: processcompose.Names,
		match: processcompose.Match,
		sniff: processcompose.Sniff,
		find:  findProcessCompose,
		read:  readProcessCompose,
	}
	procfileFormat = &format{
		id:    ir.FormatProcfile,
		names: procfile.Names,
		match: procfile.Match,
		sniff: procfile.Sniff,
		find:  findProcfile,
		read:  readProcfile,
	}
	composeFormat = &format{
		id:    ir.FormatCompose,
		names: compose.Names,
		match: func(string) bool { return false },
		sniff: compose.Sniff,
		find:  findCompose,
		read:  readCompose,
	}
	dotenvFormat = &format{
		id:    ir.FormatDotenv,
		names: dotenv.Names,
		match: dotenv.Match,
		read:  readDotenv,
	}
	makefileFormat = &format{
		id:    ir.FormatMakefile,
		names: makefile.Names,
		match: makefile.Match,
		sniff: makefile.Sniff,
		find:  findMakefile,
		read:  readMakefile,
	}
)

// formats is the registry of the formats, in the order in which the
// projects read from each are combined, which is also the order in which
// a directory is searched: processes from a process-compose file come
// before those from a Procfile, then a docker-compose file's services,
// and a Makefile's scripts and tasks come last.
var formats = []*format{processComposeFormat, procfileFormat, composeFormat, dotenvFormat, makefileFormat}

// byName is the order in which FormatOf asks the formats whether a file's
// name is theirs: the most specific names first (a Procfile.yml is a
// Procfile, a .env.mk a makefile), process-compose's, any YAML or JSON
// file, last.
var byName = []*format{procfileFormat, makefileFormat, dotenvFormat, processComposeFormat}

// byContent is the order in which FormatOf asks the formats whether a
// file's content is theirs: the most telling content first (a top-level
// processes key, then a recipe line), the Procfile's lines, which other
// formats' lines can look like, last.
var byContent = []*format{processComposeFormat, composeFormat, makefileFormat, procfileFormat}

// Formats lists the formats --from accepts: those that make a project by
// themselves.
var Formats = func() []ir.Format {
	var out []ir.Format
	for _, f := range formats {
		if f.find != nil {
			out = append(out, f.id)
		}
	}
	return out
}()

// formatByID returns the format id names, or nil.
func formatByID(id ir.Format) *format {
	for _, f := range formats {
		if f.id == id {
			return f
		}
	}
	return nil
}

// FormatOf decides the format of a file from its name, then, for names
// that say nothing, from its content. It returns "" when it cannot tell.
// A YAML file whose content is docker-compose's (services, no processes)
// is a docker-compose file, whatever its name.
func FormatOf(name string, content []byte) ir.Format {
	for _, f := range byName {
		if f.match(name) {
			if f == processComposeFormat && content != nil && isCompose(name, content) {
				return ir.FormatCompose
			}
			return f.id
		}
	}
	for _, f := range byContent {
		if f.sniff(content) {
			return f.id
		}
	}
	return ""
}

// sharedWithCompose reports whether Docker Compose looks for a file named
// name too, as it does for compose.yml: such a file is a process-compose
// file only when its content says so (processcompose.Sniff), and a
// docker-compose file otherwise.
func sharedWithCompose(name string) bool { return slices.Contains(compose.Names, name) }
