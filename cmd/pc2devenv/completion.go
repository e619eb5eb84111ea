package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pc2devenv/pc2devenv/internal/shell"
)

// shells are the shells "pc2devenv completion" writes scripts for.
var shells = []string{"bash", "zsh", "fish"}

func (e *env) completion(args []string) int {
	if wantsHelp(args) {
		lookup("completion").writeHelp(e.stdout)
		return exitOK
	}
	if len(args) != 1 {
		return e.usageError("completion", "name one shell: bash, zsh or fish, as in 'pc2devenv completion bash'")
	}
	var b strings.Builder
	switch args[0] {
	case "bash":
		writeBash(&b)
	case "zsh":
		writeZsh(&b)
	case "fish":
		writeFish(&b)
	default:
		return e.usageError("completion", fmt.Sprintf("unknown shell %q (choose %s)", args[0], orList(shells)))
	}
	io.WriteString(e.stdout, b.String())
	return exitOK
}

// A flagSpec is what completion needs to know of a flag.
type flagSpec struct {
	name, short string
	// value is the name of the flag's value ("" for a boolean flag).
	value string
	// choices are the values the flag accepts, when it is one of a set.
	choices []string
	// files says the value is a file name.
	files bool
	// repeat says the flag may be given more than once.
	repeat bool
	// desc is the start of the flag's usage, up to a clause break.
	desc string
}

// flagSpecs describes the flags of c, with -h/--help last.
func flagSpecs(c *command) []flagSpec {
	var specs []flagSpec
	if c.flags != nil {
		c.flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			name, usage := pflag.UnquoteUsage(f)
			s := flagSpec{name: f.Name, short: f.Shorthand, desc: shortDesc(usage)}
			if f.Value.Type() != "bool" {
				s.value = name
				if name == "" {
					s.value = "VALUE"
				}
			}
			if ch, ok := f.Value.(interface{ Choices() []string }); ok {
				s.choices = ch.Choices()
			}
			s.files = s.value == "FILE"
			s.repeat = strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice")
			specs = append(specs, s)
		})
	}
	return append(specs, flagSpec{name: "help", short: "h", desc: "show help for " + c.name})
}

// shortDesc shortens a flag's usage for the descriptions shells show
// beside each flag: without parentheses, up to the first semicolon.
func shortDesc(usage string) string {
	var b strings.Builder
	depth := 0
	for _, r := range usage {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	s, _, _ := strings.Cut(b.String(), ";")
	return strings.TrimRight(strings.Join(strings.Fields(s), " "), ":,")
}

// operandWords are the fixed words a command's arguments are chosen from.
func operandWords(c *command) []string {
	switch c.operands {
	case "shells":
		return shells
	case "ids":
		return explainWords()
	case "commands":
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		return names
	}
	return nil
}

func commandNames() string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	return strings.Join(names, " ")
}

// writeBash writes a bash completion script: source it, or install it as
// bash-completion's completions/pc2devenv.
func writeBash(b *strings.Builder) {
	b.WriteString(`# bash completion for pc2devenv, written by "pc2devenv completion bash".
# Load it with: source <(pc2devenv completion bash)

_pc2devenv() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= flag=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "` + commandNames() + `" -- "$cur"))
		return
	fi
	# --flag=value: bash splits the word at "=" (COMP_WORDBREAKS).
	if [[ $cur == = ]]; then
		flag=$prev cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		flag=${COMP_WORDS[COMP_CWORD-2]}
	elif [[ $prev == -* ]]; then
		flag=$prev
	fi
	case ${COMP_WORDS[1]} in
`)
	for _, c := range commands {
		specs := flagSpecs(c)
		fmt.Fprintf(b, "\t%s)\n", c.name)
		// The value of a flag.
		var plain []string
		var cases strings.Builder
		for _, s := range specs {
			if s.value == "" {
				continue
			}
			pattern := "--" + s.name
			if s.short != "" {
				pattern = "-" + s.short + "|" + pattern
			}
			switch {
			case len(s.choices) > 0:
				fmt.Fprintf(&cases, "\t\t%s)\n\t\t\tCOMPREPLY=($(compgen -W %q -- \"$cur\"))\n\t\t\treturn\n\t\t\t;;\n", pattern, strings.Join(s.choices, " "))
			case s.files:
				fmt.Fprintf(&cases, "\t\t%s)\n\t\t\tcompopt -o filenames 2>/dev/null\n\t\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n\t\t\treturn\n\t\t\t;;\n", pattern)
			default:
				plain = append(plain, pattern)
			}
		}
		if len(plain) > 0 {
			fmt.Fprintf(&cases, "\t\t%s)\n\t\t\treturn # a value to type\n\t\t\t;;\n", strings.Join(plain, "|"))
		}
		if cases.Len() > 0 {
			b.WriteString("\t\tcase $flag in\n" + cases.String() + "\t\tesac\n")
		}
		// Flags.
		var names []string
		for _, s := range specs {
			names = append(names, "--"+s.name)
			if s.short != "" {
				names = append(names, "-"+s.short)
			}
		}
		fmt.Fprintf(b, "\t\tif [[ $cur == -* ]]; then\n\t\t\tCOMPREPLY=($(compgen -W %q -- \"$cur\"))\n\t\t\treturn\n\t\tfi\n", strings.Join(names, " "))
		// Operands.
		switch words := operandWords(c); {
		case c.operands == "paths":
			b.WriteString("\t\tcompopt -o filenames 2>/dev/null\n\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n")
		case words != nil:
			fmt.Fprintf(b, "\t\t((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", strings.Join(words, " "))
		}
		b.WriteString("\t\t;;\n")
	}
	b.WriteString(`	esac
}

complete -F _pc2devenv pc2devenv
`)
}

// zq quotes s for zsh (and bash) in single quotes.
func zq(s string) string { return shell.Quote(s, shell.AlwaysQuotes) }

// zshEscape escapes what _arguments gives a meaning to in an option's
// description and in its value's message.
func zshEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, ":", `\:`).Replace(s)
}

// writeZsh writes a zsh completion script: install it as _pc2devenv in a
// directory of $fpath, or source it after compinit.
func writeZsh(b *strings.Builder) {
	b.WriteString(`#compdef pc2devenv
# zsh completion for pc2devenv, written by "pc2devenv completion zsh".
# Install it as _pc2devenv in a directory of $fpath, or load it after
# compinit with: source <(pc2devenv completion zsh)

_pc2devenv() {
	local -a commands
	commands=(
`)
	for _, c := range commands {
		fmt.Fprintf(b, "\t\t%s\n", zq(c.name+":"+strings.ReplaceAll(c.summary, ":", `\:`)))
	}
	b.WriteString(`	)
	if ((CURRENT == 2)); then
		_describe -t commands 'pc2devenv command' commands
		return
	fi
	local cmd=${words[2]}
	shift words
	((CURRENT--))
	case $cmd in
`)
	for _, c := range commands {
		fmt.Fprintf(b, "\t%s)\n\t\t_arguments -s -S", c.name)
		for _, s := range flagSpecs(c) {
			excl := "--" + s.name
			if s.short != "" {
				excl = "-" + s.short + " " + excl
			}
			if s.repeat {
				excl = "*"
			} else {
				excl = "(" + excl + ")"
			}
			action := ""
			if s.value != "" {
				switch {
				case len(s.choices) > 0:
					action = ":" + zshEscape(s.value) + ":(" + strings.Join(s.choices, " ") + ")"
				case s.files:
					action = ":" + zshEscape(s.value) + ":_files"
				default:
					action = ":" + zshEscape(s.value) + ": "
				}
			}
			desc := "[" + zshEscape(s.desc) + "]"
			if s.short != "" {
				opt := "-" + s.short
				if s.value != "" {
					opt += "+"
				}
				fmt.Fprintf(b, " \\\n\t\t\t%s", zq(excl+opt+desc+action))
			}
			opt := "--" + s.name
			if s.value != "" {
				opt += "="
			}
			fmt.Fprintf(b, " \\\n\t\t\t%s", zq(excl+opt+desc+action))
		}
		switch words := operandWords(c); {
		case c.operands == "paths":
			fmt.Fprintf(b, " \\\n\t\t\t%s", zq("*:PATH:_files"))
		case words != nil:
			fmt.Fprintf(b, " \\\n\t\t\t%s", zq("1:"+strings.ToUpper(strings.TrimSuffix(c.operands, "s"))+":("+strings.Join(words, " ")+")"))
		}
		b.WriteString("\n\t\t;;\n")
	}
	b.WriteString(`	esac
}

if [[ $funcstack[1] == _pc2devenv ]]; then
	# Autoloaded from $fpath: complete now.
	_pc2devenv "$@"
else
	compdef _pc2devenv pc2devenv
fi
`)
}

// fq quotes s for fish in single quotes.
func fq(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// writeFish writes a fish completion script: install it as
// ~/.config/fish/completions/pc2devenv.fish, or source it.
func writeFish(b *strings.Builder) {
	b.WriteString(`# fish completion for pc2devenv, written by "pc2devenv completion fish".
# Install it as ~/.config/fish/completions/pc2devenv.fish.

complete -c pc2devenv -e
complete -c pc2devenv -f
`)
	for _, c := range commands {
		fmt.Fprintf(b, "complete -c pc2devenv -n __fish_use_subcommand -a %s -d %s\n", c.name, fq(c.summary))
	}
	for _, c := range commands {
		b.WriteString("\n")
		cond := fq("__fish_seen_subcommand_from " + c.name)
		for _, s := range flagSpecs(c) {
			fmt.Fprintf(b, "complete -c pc2devenv -n %s", cond)
			if s.short != "" {
				fmt.Fprintf(b, " -s %s", s.short)
			}
			fmt.Fprintf(b, " -l %s", s.name)
			switch {
			case s.value == "":
			case len(s.choices) > 0:
				fmt.Fprintf(b, " -x -a %s", fq(strings.Join(s.choices, " ")))
			case s.files:
				b.WriteString(" -r -F")
			default:
				b.WriteString(" -x")
			}
			fmt.Fprintf(b, " -d %s\n", fq(s.desc))
		}
		switch words := operandWords(c); {
		case c.operands == "paths":
			fmt.Fprintf(b, "complete -c pc2devenv -n %s -F\n", cond)
		case words != nil:
			fmt.Fprintf(b, "complete -c pc2devenv -n %s -x -a %s\n", cond, fq(strings.Join(words, " ")))
		}
	}
}
