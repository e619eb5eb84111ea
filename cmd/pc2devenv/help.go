package main

import "fmt"

const usage = `pc2devenv converts a project's process-compose.yml, Procfile or Makefile
into an idiomatic devenv.nix.

Usage:

  pc2devenv convert [flags] [PATH ...]   print (or write) the devenv.nix for a project
  pc2devenv version                      print pc2devenv's version
  pc2devenv help [COMMAND]               show help for a command

Exit status: 0 success; 1 the input could not be converted, or a warning
under --strict; 2 a usage error or an internal error.
`

const convertUsage = `Usage: pc2devenv convert [flags] [PATH ...]

Convert the project PATH names to devenv.nix and print it on standard
output. PATH is a project directory (default "."), whose sources are found
by name (process-compose.yml or .yaml), or a source file. "-" reads
standard input; --from then says its format.

Diagnostics go to standard error as FILE:LINE:COL: SEVERITY[ID]: message.

Flags:
%s
Examples:

  pc2devenv convert                          # the project in the current directory
  pc2devenv convert path/to/process-compose.yml
  pc2devenv convert -o devenv.nix            # write the file instead
  pc2devenv convert --target devenv1 .       # for devenv 1.x
  cat pc.yml | pc2devenv convert --from process-compose -
`

const versionUsage = `Usage: pc2devenv version

Print pc2devenv's version.
`

func (e *env) help(args []string) int {
	if len(args) > 1 {
		return e.usageError("help", "too many arguments")
	}
	if len(args) == 0 {
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	switch args[0] {
	case "convert":
		fmt.Fprintf(e.stdout, convertUsage, convertFlags(&convertOpts{}).FlagUsages())
	case "version":
		fmt.Fprint(e.stdout, versionUsage)
	default:
		return e.usageError("help", fmt.Sprintf("unknown command %q", args[0]))
	}
	return exitOK
}
