package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// A command is one of pc2devenv's commands, as help, usage errors and
// shell completion describe it.
type command struct {
	name string
	// args follows the name in the usage line: "[flags] [PATH ...]".
	args string
	// summary is the command's line in the list of commands.
	summary string
	// text is what "pc2devenv help NAME" says before the flags.
	text string
	// flags returns the command's flag set, or nil when it has none.
	flags func() *pflag.FlagSet
	// operands says what the command's arguments are, for completion:
	// "paths", "shells", "commands", "ids", or "" for none.
	operands string
	// examples end the help; every flag of the command appears in one.
	examples []example
}

// An example is a command line and what it does.
type example struct {
	line, comment string
}

// commands lists pc2devenv's commands in the order help gives them.
var commands = []*command{
	{
		name:     "convert",
		args:     "[flags] [PATH ...]",
		summary:  "print (or write) the devenv.nix of a project",
		flags:    func() *pflag.FlagSet { return convertFlags(&convertOpts{}) },
		operands: "paths",
		text: `Convert the project that the PATHs name to devenv.nix and print it on
standard output. A PATH is a project directory (default "."), whose sources
are found by name — process-compose.yml and its override, Procfile.dev or
Procfile, .env, Makefile — or a source file; several files are one project,
merged in order as process-compose -f merges them. "-" reads standard
input, whose format --from gives.

-w writes devenv.nix next to the project's sources instead: atomically,
only when it changed, and never over a devenv.nix that pc2devenv did not
generate (one without pc2devenv's header line) unless --force. With -r,
every directory under the PATHs that holds a process-compose file or a
Procfile is a project (one with only a Makefile too, with --makefiles);
.git, .devenv, node_modules, vendor and what .gitignore ignores are
skipped. Projects are converted in parallel, reported in a stable order,
and a summary ends the run.

Diagnostics go to standard error as FILE:LINE:COL: SEVERITY[ID]: message.`,
		examples: []example{
			{"pc2devenv convert", "Print the devenv.nix of the project in the current directory."},
			{"pc2devenv convert process-compose.yml process-compose.ci.yml", "Convert two files as one project, the second merged over the first."},
			{"pc2devenv convert -o devenv.nix", "Write the file instead of printing it."},
			{"pc2devenv convert -o devenv.nix --force", "Write it even over a devenv.nix written by hand."},
			{"pc2devenv convert -w --init", "Write devenv.nix beside the sources, and devenv.yaml, .envrc and .gitignore\n  # entries where they are missing."},
			{"pc2devenv convert -r -w --jobs 4 .", "Write the devenv.nix of every project of a monorepo, four at a time."},
			{"pc2devenv convert -r -w --makefiles --fsync .", "The same, with projects that have only a Makefile, each file flushed to\n  # disk."},
			{"pc2devenv convert -t devenv1", "Write for devenv 1.x."},
			{"pc2devenv convert --target devenv2-process-compose", "Write for devenv 2 with process-compose as its process manager."},
			{"pc2devenv convert --from procfile - < Procfile", "Read a Procfile from standard input."},
			{"pc2devenv convert --no-services", "Keep every process a process: no devenv services."},
			{"pc2devenv convert --keep postgres --explain", "Keep the process postgres, and say why each service rule fired or not."},
			{"pc2devenv convert --force-services -v", "Make services even where a setting is lost, and print the notes too."},
			{"pc2devenv convert --port-base 3000", "Give a Procfile's processes PORT 3000, 3100, and so on."},
			{"pc2devenv convert --inline-env", "Copy the values in .env into devenv.nix (they may be secrets)."},
			{"pc2devenv convert --scripts all --processes-from-targets dev,serve --quiet", "A script for every Makefile target, the targets dev and serve as\n  # processes, and recipe lines not echoed."},
			{"pc2devenv convert --strict --format github", "In CI: fail on warnings, and report them as GitHub Actions annotations."},
			{"pc2devenv convert --format json", "Report diagnostics and what became of every source key as JSON."},
			{"pc2devenv convert --max-size 64MiB", "Read a source file larger than 16 MiB."},
			{"pc2devenv convert docker-compose.yml --profile debug --podman", "Convert a docker-compose file with its debug profile; the services that\n  # stay containers run with podman."},
			{"pc2devenv convert --no-containers", "Report the docker-compose services that would stay containers instead of\n  # writing them."},
		},
	},
	{
		name:     "diff",
		args:     "[flags] [PATH ...]",
		summary:  "show how devenv.nix differs from its sources",
		flags:    func() *pflag.FlagSet { return diffFlags(&diffOpts{}) },
		operands: "paths",
		text: `Regenerate the devenv.nix of the project that the PATHs name (default ".")
and compare it with the one on disk. When they differ, or devenv.nix is
missing, print a unified diff that patch -p1 and git apply accept, and exit
1; when they are the same, print nothing and exit 0. A devenv.nix that
pc2devenv did not generate is skipped (-v says so), unless --force. With -r,
check every project under the PATHs, as convert -r finds them.

Pass the conversion flags (--target, --no-services, …) that devenv.nix was
converted with, or diff reports the difference they make.`,
		examples: []example{
			{"pc2devenv diff", "Check the project in the current directory."},
			{"pc2devenv diff | patch -p1", "Bring its devenv.nix up to date."},
			{"pc2devenv diff -r .", "Check every project of a monorepo."},
			{"pc2devenv diff -r --format github .", "The same in GitHub Actions, with annotations on the pull request."},
			{"pc2devenv diff -r --makefiles -j 2 --strict .", "With projects that have only a Makefile, two at a time; warnings fail."},
			{"pc2devenv diff --color always", "Colour the diff even when it goes to a pipe."},
			{"pc2devenv diff --force -v", "Compare a devenv.nix written by hand too, and print the notes."},
			{"pc2devenv diff -t devenv1 --no-services", "Check a devenv.nix converted with these flags: pass the same ones."},
			{"pc2devenv diff --target devenv2-process-compose --keep postgres --force-services --explain", "The same with the other conversion flags."},
			{"pc2devenv diff --from procfile --port-base 3000 --inline-env", ""},
			{"pc2devenv diff --scripts none --processes-from-targets dev --quiet", ""},
			{"pc2devenv diff --format json", "Report each project's result as JSON."},
			{"pc2devenv diff -r --max-size 64MiB .", "Read source files of up to 64 MiB."},
			{"pc2devenv diff --profile debug --podman --no-containers", "Check a devenv.nix converted from docker-compose with these flags."},
		},
	},
	{
		name:     "report",
		args:     "[flags] [PATH ...]",
		summary:  "print a Markdown report of the migration, for its pull request",
		flags:    func() *pflag.FlagSet { return reportCmdFlags(&reportCmdOpts{}) },
		operands: "paths",
		text: `Convert the project that the PATHs name as convert does, write nothing, and
print on standard output, in GitHub-flavoured Markdown, what a reviewer of
the pull request that introduces devenv.nix needs: the sources read; what
each process, make target and Procfile entry became — a service, a process,
a task or a script — and its name in devenv.nix; every diagnostic and every
source key with no equivalent, with its FILE:LINE and why; and the
TODO(pc2devenv) comments left in devenv.nix, with their lines. With -r,
report on every project under the PATHs, as convert -r finds them, after a
table that sums them up; a project that cannot be converted is a row with
its error, and makes the exit status 1. "-" reads standard input, whose
format --from gives.

Pass the conversion flags (--target, --no-services, …) that devenv.nix is
converted with.`,
		examples: []example{
			{"pc2devenv report", "Report on the project in the current directory."},
			{"pc2devenv report -r . > migration.md", "Report on every project of a monorepo, for the pull request's description."},
			{"pc2devenv report -r --makefiles -j 2 --strict .", "With projects that have only a Makefile, two at a time; warnings fail."},
			{"pc2devenv report -t devenv1 --no-services -v", "For a devenv.nix converted with these flags, with the notes too."},
			{"pc2devenv report --target devenv2-process-compose --keep postgres --force-services --explain", "The same with the other conversion flags; --explain adds why each service\n  # rule fired or not."},
			{"pc2devenv report --from procfile --port-base 3000 --inline-env - < Procfile", "Report on a Procfile read from standard input."},
			{"pc2devenv report --scripts none --processes-from-targets dev --quiet --max-size 64MiB", "With the Makefile flags, and a larger limit on a source file's size."},
			{"pc2devenv report --profile debug --podman --no-containers", "With the docker-compose flags."},
		},
	},
	{
		name:     "explain",
		args:     "ID",
		summary:  "explain a diagnostic: what it means, why, what to do",
		operands: "ids",
		text: `Print the catalogue entry of the diagnostic ID (such as PC010, the
identifier in warning[PC010]) or of its name (such as unknown-key): its
severity, what it is about, what it means, why pc2devenv reports it, what
to do, and an example. docs/diagnostics.md lists every entry.

This is not convert's --explain, which explains the service rules'
decisions for a project.`,
		examples: []example{
			{"pc2devenv explain PC010", "Explain an unknown key's warning."},
			{"pc2devenv explain unknown-key", "The same, by name."},
		},
	},
	{
		name:     "completion",
		args:     "SHELL",
		summary:  "print a shell completion script (bash, zsh or fish)",
		operands: "shells",
		text: `Print a script that completes pc2devenv's commands, flags and flag
values in SHELL: bash, zsh or fish. Load it in the shell's start-up file,
or install it where the shell looks for completions.`,
		examples: []example{
			{"source <(pc2devenv completion bash)", "bash: add this line to ~/.bashrc."},
			{`pc2devenv completion zsh > "${fpath[1]}/_pc2devenv"`, "zsh: install it in a directory of $fpath (compinit must run)."},
			{"pc2devenv completion fish > ~/.config/fish/completions/pc2devenv.fish", "fish: install it where fish looks for completions."},
		},
	},
	{
		name:    "version",
		summary: "print pc2devenv's version",
		text: `Print pc2devenv's version: the module version it was built as (go install
…@v1.2.3), or the revision of the checkout it was built from.
"pc2devenv --version" and "pc2devenv -V" print the same.`,
		examples: []example{
			{"pc2devenv version", ""},
		},
	},
	{
		name:     "help",
		args:     "[COMMAND]",
		summary:  "show help for a command",
		operands: "commands",
		text: `Show what COMMAND does, its flags and examples; without COMMAND, list
the commands. "pc2devenv COMMAND --help" shows the same.`,
		examples: []example{
			{"pc2devenv help", "List the commands."},
			{"pc2devenv help diff", "Show diff's flags and examples."},
			{"pc2devenv convert --help", "The same for convert."},
		},
	},
}

// lookup returns the command called name, or nil.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// usageLine is "pc2devenv NAME ARGS".
func (c *command) usageLine() string {
	return strings.TrimSpace("pc2devenv " + c.name + " " + c.args)
}

// writeUsage writes the top-level help: what pc2devenv does and its
// commands.
func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString(`pc2devenv converts a project's process-compose.yml, Procfile or Makefile
into an idiomatic devenv.nix, and checks that the two stay in step.

Usage:

`)
	width := 0
	for _, c := range commands {
		width = max(width, len(c.usageLine()))
	}
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-*s   %s\n", width, c.usageLine(), c.summary)
	}
	b.WriteString(`
Run 'pc2devenv help COMMAND' (or 'pc2devenv COMMAND --help') for its flags
and examples.

Exit status, the same for every command: 0 success (for diff: nothing
differs); 1 a devenv.nix is out of date, an input could not be converted,
or a warning under --strict; 2 a usage error or an internal error.

Examples:

`)
	writeExamples(&b, []example{
		{"pc2devenv convert", "Print the devenv.nix of the project in the current directory."},
		{"pc2devenv convert -w --init", "Write it, with devenv.yaml, .envrc and .gitignore entries."},
		{"pc2devenv diff", "In CI: fail when devenv.nix is out of date, and show how."},
	})
	io.WriteString(w, b.String())
}

// writeHelp writes "pc2devenv help NAME".
func (c *command) writeHelp(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n", c.usageLine(), c.text)
	if c.flags != nil {
		b.WriteString("\nFlags:\n")
		b.WriteString(flagUsages(c.flags()))
	}
	if len(c.examples) > 0 {
		b.WriteString("\nExamples:\n\n")
		writeExamples(&b, c.examples)
	}
	io.WriteString(w, b.String())
}

// writeExamples writes examples, each command line under its comment; an
// example without a comment goes on with the one before.
func writeExamples(b *strings.Builder, examples []example) {
	for i, ex := range examples {
		if ex.comment != "" {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(b, "  # %s\n", ex.comment)
		}
		fmt.Fprintf(b, "  %s\n", ex.line)
	}
}

// lineWidth is the width help text is wrapped to.
const lineWidth = 80

// flagUsages lists the flags of fs in their order, one a line: the
// names, the value's name (none for a boolean flag), and the usage
// wrapped under itself, with the default when it is not the zero value
// and the usage does not already say it.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		if f.Value.Type() != "bool" && name != "" {
			left += " " + name
		}
		if !isZero(f.DefValue) && !strings.Contains(usage, "default") {
			usage += " (default " + f.DefValue + ")"
		}
		rows = append(rows, row{left, usage})
	})
	const maxLeft = 30
	width := 0
	for _, r := range rows {
		if len(r.left) <= maxLeft {
			width = max(width, len(r.left))
		}
	}
	var b strings.Builder
	indent := strings.Repeat(" ", width+3)
	for _, r := range rows {
		lines := wrap(r.usage, lineWidth-len(indent))
		if len(r.left) > width {
			b.WriteString(r.left + "\n" + indent)
		} else {
			b.WriteString(r.left + strings.Repeat(" ", len(indent)-len(r.left)))
		}
		b.WriteString(strings.Join(lines, "\n"+indent) + "\n")
	}
	return b.String()
}

// isZero reports whether a flag's default is its type's zero value,
// which help does not mention.
func isZero(def string) bool {
	return slices.Contains([]string{"", "0", "false", "[]"}, def)
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// wantsHelp reports whether args ask for help: -h or --help before any
// "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

func (e *env) help(args []string) int {
	if wantsHelp(args) {
		lookup("help").writeHelp(e.stdout)
		return exitOK
	}
	if len(args) > 1 {
		return e.usageError("help", fmt.Sprintf("too many arguments: name one command, as in 'pc2devenv help %s'", args[0]))
	}
	if len(args) == 0 {
		writeUsage(e.stdout)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		return e.usageError("help", unknownCommand(args[0]))
	}
	c.writeHelp(e.stdout)
	return exitOK
}

// unknownCommand says that name is not a command, and which is meant when
// it is near one.
func unknownCommand(name string) string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("unknown command %q (the commands are %s)", name, orList(names))
	for _, n := range names {
		if strings.HasPrefix(n, name) && name != "" || editDistance(n, name) <= 2 {
			return fmt.Sprintf("unknown command %q; did you mean %q?", name, n)
		}
	}
	return msg
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
