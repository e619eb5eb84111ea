package stubs

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
)

// Programs returns the programs the bash command src runs, in the order
// they first appear: the names a test must stub for the command to run
// without touching the machine. Shell builtins and keywords, functions the
// command defines, and the programs keep lists (utilities the test wants
// to run for real, such as sleep) are left out. Programs that run another
// program from their arguments — env, nohup, nice, setsid, stdbuf,
// timeout, xargs — are left out too, so that they stay real and the
// program they run is found and stubbed in their place. dynamic lists the
// command words that are not literal ("$CMD"), which no stub can stand
// for.
func Programs(src string, keep ...string) (names, dynamic []string, err error) {
	f, err := shell.Parse(src)
	if err != nil {
		return nil, nil, err
	}
	funcs := map[string]bool{}
	syntax.Walk(f, func(n syntax.Node) bool {
		if fd, ok := n.(*syntax.FuncDecl); ok {
			funcs[fd.Name.Value] = true
		}
		return true
	})
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		if !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		ce, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		for i := 0; i < len(ce.Args); {
			name, ok := literal(ce.Args[i])
			if !ok {
				add(&dynamic, wordText(ce.Args[i]))
				break
			}
			if skip := wrapped(name, ce.Args[i+1:]); skip >= 0 {
				i += 1 + skip
				continue
			}
			if !builtins[name] && !funcs[name] && !slices.Contains(keep, name) {
				add(&names, name)
			}
			break
		}
		return true
	})
	return names, dynamic, nil
}

// wrapped says, for a program that runs another program from its
// arguments, how many of args to skip to reach that program's name; -1
// for any other program. Options are skipped by their shape, which is
// enough for the forms commands use.
func wrapped(name string, args []*syntax.Word) int {
	opt := func(i int) (string, bool) {
		if i >= len(args) {
			return "", false
		}
		return literal(args[i])
	}
	switch name {
	case "exec", "command", "builtin", "nohup", "setsid", "stdbuf", "xargs", "nice":
		i := 0
		for {
			a, ok := opt(i)
			if !ok || !strings.HasPrefix(a, "-") {
				return i
			}
			i++
			if a == "--" {
				return i
			}
			// Options that take a separate value.
			if (name == "exec" && a == "-a") || (name == "nice" && a == "-n") || (name == "xargs" && slices.Contains([]string{"-I", "-n", "-P", "-L", "-d", "-E", "-s"}, a)) {
				i++
			}
		}
	case "env":
		i := 0
		for {
			a, ok := opt(i)
			if !ok {
				return i
			}
			switch {
			case a == "--":
				return i + 1
			case a == "-u" || a == "-C" || a == "-S":
				i += 2
			case strings.HasPrefix(a, "-"), strings.Contains(a, "="):
				i++
			default:
				return i
			}
		}
	case "timeout":
		i := 0
		for {
			a, ok := opt(i)
			if !ok || !strings.HasPrefix(a, "-") {
				return i + 1 // the duration
			}
			i++
			if a == "-s" || a == "-k" {
				i++
			}
		}
	}
	return -1
}

// literal returns the value of a word made only of literal text and
// quotes, such as pg_ctl, "pg_ctl" or 'pg ctl'.
func literal(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if p.Value != "[" && strings.ContainsAny(p.Value, `\*?[`) {
				return "", false
			}
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			if p.Dollar {
				return "", false
			}
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok || strings.Contains(l.Value, `\`) {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// wordText returns a word as written.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	syntax.NewPrinter().Print(&b, w)
	return b.String()
}

// builtins are bash's builtin commands and keywords: a command runs them
// without looking in PATH.
var builtins = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`. : [ [[ alias bg bind break builtin caller cd command compgen complete
		compopt continue declare dirs disown echo enable eval exec exit export false fc fg getopts
		hash help history jobs kill let local logout mapfile popd printf pushd pwd read readarray
		readonly return set shift shopt source suspend test times trap true type typeset ulimit
		umask unalias unset wait`) {
		builtins[name] = true
	}
}
