package main

import "fmt"

const usage = `pc2devenv converts a project's process-compose.yml, Procfile or Makefile
into an idiomatic devenv.nix.

Usage:

  pc2devenv convert [flags] [PATH ...]   print (or write) the devenv.nix for a project
  pc2devenv diff [flags] [PATH ...]      show how devenv.nix differs from its sources
  pc2devenv version                      print pc2devenv's version
  pc2devenv help [COMMAND]               show help for a command

Exit status: 0 success (for diff: nothing differs); 1 a devenv.nix is out
of date, an input could not be converted, or a warning under --strict; 2 a
usage error or an internal error.
`

const convertUsage = `Usage: pc2devenv convert [flags] [PATH ...]

Convert the project PATH names to devenv.nix and print it on standard
output. PATH is a project directory (default "."), whose sources are found
by name (process-compose.yml or .yaml), or a source file. "-" reads
standard input; --from then says its format.

-w writes devenv.nix next to the project's sources instead, atomically and
only when it changed, and never over a devenv.nix that pc2devenv did not
generate (its first line is pc2devenv's header) unless --force. With -r,
every directory under the PATH directories that holds a process-compose
file or a Procfile is a project (a Makefile too, with --makefiles);
.git, .devenv, node_modules, vendor and what .gitignore ignores are
skipped. Projects are converted in parallel, reported in a stable order,
and a summary ends the run.

Diagnostics go to standard error as FILE:LINE:COL: SEVERITY[ID]: message.

Flags:
%s
Examples:

  pc2devenv convert                          # the project in the current directory
  pc2devenv convert path/to/process-compose.yml
  pc2devenv convert -o devenv.nix            # write the file instead
  pc2devenv convert -w --init                # write devenv.nix, and devenv.yaml, .envrc, .gitignore
  pc2devenv convert -r -w .                  # every project of a monorepo
  pc2devenv convert --target devenv1 .       # for devenv 1.x
  cat pc.yml | pc2devenv convert --from process-compose -
`

const diffUsage = `Usage: pc2devenv diff [flags] [PATH ...]

Regenerate the devenv.nix of the project PATH names (default ".") and
compare it with the one on disk. Print a unified diff that patch -p1 and
git apply accept, and exit 1, when they differ or devenv.nix is missing;
print nothing and exit 0 when they are the same. A devenv.nix that
pc2devenv did not generate is not compared (-v says so), unless --force.
With -r, check every project under the PATH directories, as convert -r
does.

Flags:
%s
Examples:

  pc2devenv diff                             # the project in the current directory
  pc2devenv diff -r .                        # every project of a monorepo, in CI
  pc2devenv diff -r --format github .        # annotations for GitHub Actions
  pc2devenv diff | patch -p1                 # bring devenv.nix up to date
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
	case "diff":
		fmt.Fprintf(e.stdout, diffUsage, diffFlags(&diffOpts{}).FlagUsages())
	case "version":
		fmt.Fprint(e.stdout, versionUsage)
	default:
		return e.usageError("help", fmt.Sprintf("unknown command %q", args[0]))
	}
	return exitOK
}
