package procfile

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
)

// shellFacts are what a Procfile command does with the variables the
// runner gives it, as a shell parser reads the command.
type shellFacts struct {
	file *syntax.File // nil when the command does not parse
	// setsPort is "prefix", "assign" or "env" when the command sets PORT
	// itself (PORT=3000 cmd, PORT=3000; cmd, export PORT=3000, env
	// PORT=3000 cmd), and "" otherwise.
	setsPort string
	// portValue is the value it sets PORT to, when it is a plain word.
	portValue string
	// assigned are the variables the command assigns for the rest of it
	// (not as a prefix of one command), with the offset where the
	// assignment ends.
	assigned map[string]uint
}

// analyzeShell parses cmd as bash, with the project's parsed commands
// sh, and collects its shellFacts.
func analyzeShell(sh *shell.Cache, cmd string) shellFacts {
	var f shellFacts
	file, err := sh.Parse(cmd)
	if err != nil {
		return f
	}
	f.file = file
	f.assigned = map[string]uint{}
	setPort := func(how string, a *syntax.Assign) {
		if f.setsPort == "" {
			f.setsPort = how
			if a.Value != nil {
				f.portValue = a.Value.Lit()
			}
		}
	}
	note := func(a *syntax.Assign) {
		if a.Name == nil {
			return
		}
		if _, ok := f.assigned[a.Name.Value]; !ok {
			f.assigned[a.Name.Value] = a.End().Offset()
		}
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CallExpr:
			for _, a := range n.Assigns {
				if len(n.Args) == 0 {
					note(a)
				}
				if a.Name != nil && a.Name.Value == "PORT" {
					how := "prefix"
					if len(n.Args) == 0 {
						how = "assign"
					}
					setPort(how, a)
				}
			}
			if len(n.Args) > 1 && n.Args[0].Lit() == "env" {
				for _, w := range n.Args[1:] {
					lit := w.Lit()
					if strings.HasPrefix(lit, "-") {
						continue
					}
					name, val, ok := strings.Cut(lit, "=")
					if !ok {
						break
					}
					if name == "PORT" && f.setsPort == "" {
						f.setsPort, f.portValue = "env", val
					}
				}
			}
		case *syntax.DeclClause:
			for _, a := range n.Args {
				if a.Naked {
					continue // export NAME: no new value
				}
				note(a)
				if a.Name != nil && a.Name.Value == "PORT" {
					setPort("assign", a)
				}
			}
		}
		return true
	})
	return f
}

// substDiff is a place where foreman's substitution and the shell's
// expansion disagree: why completes "the command of X …"; hint says what
// to do.
type substDiff struct{ why, hint string }

// substKey is a variable foreman replaces $NAME for in commands.
type substKey struct {
	name string
	// special says its value holds characters the shell reads as syntax.
	special bool
}

// shellSpecial reports whether a value pasted into a command line would be
// read by the shell differently from the same value expanded from a
// variable: operators, quotes, escapes, expansions, comments, tildes and
// newlines. (Spaces and glob characters act the same in both.)
func shellSpecial(v string) bool { return strings.ContainsAny(v, ";&|<>()$`\\\"'#~\n") }

// foremanSubstDiffs returns where foreman's textual substitution of $NAME
// (Foreman::Process#expanded_command: a plain gsub of "$NAME" for every
// variable it gives the process, before the shell sees the command) gives
// another command than the shell's own expansion of the same variables,
// which is what the output relies on. Each result completes the sentence
// "the command of X …".
func foremanSubstDiffs(cmd string, sh shellFacts, keys []substKey) []substDiff {
	var out []substDiff
	seen := map[string]bool{}
	add := func(why, hint string) {
		if !seen[why] {
			seen[why] = true
			out = append(out, substDiff{why, hint})
		}
	}
	var names []substKey
	for _, k := range keys {
		if k.name != "" && !isDigit(k.name[0]) && strings.Contains(cmd, "$"+k.name) {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	if sh.file == nil {
		// Without a syntax tree, only the longer-name case is certain.
		for _, k := range names {
			for rest := cmd; ; {
				i := strings.Index(rest, "$"+k.name)
				if i < 0 {
					break
				}
				rest = rest[i+1+len(k.name):]
				if rest != "" && sourcecheck.IsNameByte(rest[0]) {
					add(fmt.Sprintf("uses a variable whose name starts with %s: foreman replaced $%s in it with the value of %s, while the shell reads the longer name", k.name, k.name, k.name),
						fmt.Sprintf("write ${%s} followed by the rest if the value of %s was meant", k.name, k.name))
				}
			}
		}
		return out
	}
	syntax.Walk(sh.file, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.SglQuoted:
			for _, k := range names {
				if strings.Contains(n.Value, "$"+k.name) {
					add(fmt.Sprintf("has $%s in single quotes, which foreman replaced", k.name), "")
				}
			}
		case *syntax.Lit:
			for _, k := range names {
				if strings.Contains(n.Value, "$"+k.name) {
					add(fmt.Sprintf("has $%s as text (escaped), which foreman replaced", k.name), "")
				}
			}
		case *syntax.ParamExp:
			if n.Param == nil || !n.Short {
				return true
			}
			name := n.Param.Value
			for _, k := range names {
				switch {
				case name != k.name && strings.HasPrefix(name, k.name):
					add(fmt.Sprintf("uses $%s, which foreman read as $%s", name, k.name),
						fmt.Sprintf("write ${%s}%s", k.name, name[len(k.name):]))
				case name == k.name && k.special:
					add(fmt.Sprintf("uses $%s, whose value foreman pasted in as shell syntax", k.name), "")
				case name == k.name:
					if end, ok := sh.assigned[k.name]; ok && end <= n.Pos().Offset() {
						add(fmt.Sprintf("sets %s and then uses $%s, which foreman had already replaced with the value it gives %s", k.name, k.name, k.name),
							"give the command's own value another name")
					}
				}
			}
		}
		return true
	})
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
