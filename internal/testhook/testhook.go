// Package testhook holds the points where tests change what the program
// meets as it runs: a file removed between a walk's listing and its
// reading, a bug (a panic) at a given stage. Each hook is nil, and
// costs a nil check, unless a test sets it before the run starts; a test
// that sets one must not run in parallel with others that run the code.
package testhook

var (
	// Listed is called by a walk with each directory it has listed,
	// before the directory's project is handed over for conversion.
	Listed func(dir string)
	// Read is called with the path of each source file a project's
	// conversion is about to read from its directory.
	Read func(path string)
	// Convert is called with the name of each project's first source as
	// its conversion starts.
	Convert func(input string)
	// Command is called with the arguments of each command line run.
	Command func(args []string)
	// Parse is called with each command the shell layer is asked to
	// parse (package internal/shell); parsed is false when a cache
	// answered without parsing it again.
	Parse func(src string, parsed bool)
)
