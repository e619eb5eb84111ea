package emit

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// needsSetPlusE reports whether cmd behaves differently under "set -e",
// which devenv puts before every exec, than under plain "bash -c", which
// process-compose uses: when it runs more than one statement, or a
// compound command, and does not turn -e on itself. A command bash cannot
// parse gets "set +e" too: it is harmless, and the analysis cannot prove
// it unneeded. sh holds the project's parsed commands.
func needsSetPlusE(sh *shell.Cache, cmd string) bool {
	if plainCommand(cmd) {
		return false
	}
	f, err := sh.Parse(cmd)
	if err != nil {
		return true
	}
	if len(f.Stmts) == 0 {
		return false
	}
	if setsErrexit(f.Stmts[0]) {
		return false
	}
	return len(f.Stmts) > 1 || !simpleStmt(f.Stmts[0])
}

// plainCommand reports whether cmd is plainly one simple command, without
// parsing it: words of letters, digits and _./:=,@%+- separated by
// spaces (no quote, expansion, operator, redirection or comment), the
// first of which is not a reserved word. Most commands are, and the
// parser is the most expensive step of lowering them.
func plainCommand(cmd string) bool {
	if cmd == "" || cmd[0] == ' ' {
		return false
	}
	for i := 0; i < len(cmd); i++ {
		switch c := cmd[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte(" _./:=,@%+-", c) >= 0:
		default:
			return false
		}
	}
	first, _, _ := strings.Cut(cmd, " ")
	return !bashReserved[first]
}

// bashReserved are the reserved words that can start a command and are
// made of the characters plainCommand accepts.
var bashReserved = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "do": true, "done": true,
	"case": true, "esac": true, "while": true, "until": true, "for": true, "in": true,
	"select": true, "function": true, "time": true, "coproc": true,
}

// simpleStmt reports whether s ends the script with its own status under
// set -e as without it: a command, or an && / || / | chain of them.
func simpleStmt(s *syntax.Stmt) bool {
	if s.Background || s.Coprocess {
		return false
	}
	switch c := s.Cmd.(type) {
	case nil, *syntax.CallExpr, *syntax.DeclClause, *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		return true
	case *syntax.BinaryCmd:
		return simpleStmt(c.X) && simpleStmt(c.Y)
	}
	return false
}

// setsErrexit reports whether s is "set -e" (or -eu, -o errexit, …).
func setsErrexit(s *syntax.Stmt) bool {
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) < 2 || call.Args[0].Lit() != "set" {
		return false
	}
	for i, a := range call.Args[1:] {
		lit := a.Lit()
		if strings.HasPrefix(lit, "-") && !strings.HasPrefix(lit, "--") && strings.ContainsRune(lit[1:], 'e') {
			return true
		}
		if lit == "-o" && i+2 < len(call.Args) && call.Args[i+2].Lit() == "errexit" {
			return true
		}
	}
	return false
}

var shellName = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// exportLine returns a bash line that exports name with value t, in which
// bash substitutes t's references and nothing else. ok is false when name
// cannot be a bash variable.
func exportLine(name string, t ir.Text) (line string, ok bool) {
	if !shellName.MatchString(name) {
		return "", false
	}
	size := len(`export =""`) + len(name)
	for _, p := range t.Parts {
		size += len(p.Lit)
		if p.Ref != nil {
			size += len(p.Ref.Raw)
		}
	}
	var b strings.Builder
	b.Grow(size) // exact unless a literal needs escapes
	b.WriteString("export ")
	b.WriteString(name)
	b.WriteString(`="`)
	for _, p := range t.Parts {
		if p.Ref != nil {
			b.WriteString(p.Ref.Raw)
			continue
		}
		b.WriteString(shell.EscapeDouble(p.Lit))
	}
	b.WriteString(`"`)
	return b.String(), true
}
