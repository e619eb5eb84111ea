package rules

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// word is one shell word of a command.
type word struct {
	// val is the word's value after quote removal, when lit.
	val string
	// raw is the word as written.
	raw string
	// lit says the word has a fixed value: no expansion in it.
	lit bool
	// text, when not nil, is the value of a word that is not lit but
	// holds only literal text and plain variable references ($NAME,
	// ${NAME}): a value that devenv can build from its env.
	text *ir.Text
}

// show returns the word for messages: its value when fixed, else as
// written.
func (w word) show() string {
	if w.lit {
		return w.val
	}
	return w.raw
}

// assign is a variable a command sets for its program.
type assign struct {
	name string
	val  word
}

// invocation is what a command runs, with everything that only prepares
// for it seen through: the program and its arguments, the variables it
// sets, the directory it changes to.
type invocation struct {
	args []word
	env  []assign
	// dir is the directory a "cd" before the program changes to.
	dir *word
	// seen lists what was looked through, for --explain: "exec",
	// "cd DIR", "nix shell nixpkgs#redis", ….
	seen []string
	// sh is the cache the command was parsed with, which parses the
	// words split further (splitWords).
	sh *shell.Cache
	// known are the variables of devenv's env, which options can refer
	// to.
	known envNames
}

// program returns the file name of the program run, or "".
func (inv *invocation) program() string {
	if len(inv.args) == 0 || !inv.args[0].lit {
		return ""
	}
	p := inv.args[0].val
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	return p
}

var varName = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseInvocation finds the one program that a command runs. A command
// that does more — several programs, a pipeline, a loop, output
// redirected — gives an error saying so; calls then lists the programs
// it runs, for --explain. sh holds the project's parsed commands.
func parseInvocation(sh *shell.Cache, cmd string) (inv *invocation, calls []string, err error) {
	f, perr := sh.Parse(cmd)
	if perr != nil {
		return nil, nil, fmt.Errorf("bash cannot parse the command")
	}
	inv, err = invocationOf(sh, f)
	if err != nil {
		// Only a command that is not one program needs its calls.
		return nil, programsRun(f), err
	}
	return inv, nil, nil
}

// programsRun lists the programs a command runs: the first word of each
// call that is not a variable, exec, env or nohup, as far as the words
// are literal.
func programsRun(f *syntax.File) []string {
	var calls []string
	syntax.Walk(f, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.CallExpr); ok {
			for _, a := range c.Args {
				w := toWord(a)
				if !w.lit {
					break
				}
				if w.val == "exec" || w.val == "env" || w.val == "nohup" || strings.Contains(w.val, "=") {
					continue
				}
				calls = append(calls, w.val)
				break
			}
		}
		return true
	})
	return calls
}

// invocationOf is parseInvocation of a parsed command.
func invocationOf(sh *shell.Cache, f *syntax.File) (inv *invocation, err error) {
	var room [4]*syntax.Stmt
	stmts := room[:0]
	for _, s := range f.Stmts {
		stmts = appendAndList(stmts, s)
	}
	if len(stmts) == 0 {
		return nil, fmt.Errorf("the command is empty")
	}
	inv = &invocation{sh: sh}
	for i, s := range stmts {
		last := i == len(stmts)-1
		if s.Negated || s.Background || s.Coprocess {
			return nil, fmt.Errorf("the command runs %q in a way a service cannot", printNode(s))
		}
		if decl, ok := s.Cmd.(*syntax.DeclClause); ok && !last && decl.Variant.Value == "export" && len(s.Redirs) == 0 {
			for _, a := range decl.Args {
				if a.Name == nil || a.Value == nil || a.Naked {
					return nil, fmt.Errorf("the command runs %q before the server", printNode(s))
				}
				inv.env = append(inv.env, assign{a.Name.Value, toWord(a.Value)})
			}
			inv.seen = append(inv.seen, printNode(s))
			continue
		}
		call, ok := s.Cmd.(*syntax.CallExpr)
		if !ok {
			return nil, fmt.Errorf("the command has %s: it does more than start one program", kindOf(s.Cmd))
		}
		if len(s.Redirs) > 0 {
			return nil, fmt.Errorf("the command redirects the input or output of %q", printNode(s))
		}
		if len(call.Args) == 0 {
			// Plain assignments: variables of the shell, which the
			// program inherits only if exported; treat them as its
			// environment only when they come right before it.
			if last {
				return nil, fmt.Errorf("the command only sets variables")
			}
			for _, a := range call.Assigns {
				if a.Value == nil {
					continue
				}
				inv.env = append(inv.env, assign{a.Name.Value, toWord(a.Value)})
			}
			inv.seen = append(inv.seen, printNode(s))
			continue
		}
		if !last {
			// prepare keeps none of the words, which can stay on the
			// stack.
			var room [4]word
			pre := room[:0]
			for _, a := range call.Args {
				pre = append(pre, toWord(a))
			}
			if err := inv.prepare(pre, printNode(s)); err != nil {
				return nil, err
			}
			continue
		}
		args := make([]word, len(call.Args))
		for j, a := range call.Args {
			args[j] = toWord(a)
		}
		for _, a := range call.Assigns {
			if a.Value == nil || a.Name == nil {
				continue
			}
			inv.env = append(inv.env, assign{a.Name.Value, toWord(a.Value)})
		}
		inv.args = args
	}
	if err := inv.seeThrough(); err != nil {
		return nil, err
	}
	return inv, nil
}

// appendAndList appends s to stmts, or the statements it joins with &&
// when it is an && list (without negation, background or redirections),
// in order.
func appendAndList(stmts []*syntax.Stmt, s *syntax.Stmt) []*syntax.Stmt {
	if b, ok := s.Cmd.(*syntax.BinaryCmd); ok && b.Op == syntax.AndStmt && !s.Negated && !s.Background && len(s.Redirs) == 0 {
		return appendAndList(appendAndList(stmts, b.X), b.Y)
	}
	return append(stmts, s)
}

// prepare accepts a statement before the program that only prepares for
// it: changing directory, making directories, setting shell options.
func (inv *invocation) prepare(args []word, text string) error {
	name := args[0].val
	switch {
	case !args[0].lit:
	case name == "cd" && len(args) == 2:
		d := args[1]
		inv.dir = &d
		inv.seen = append(inv.seen, text)
		return nil
	case name == "mkdir":
		inv.seen = append(inv.seen, text)
		return nil
	case name == "set" && len(args) > 1 && strings.HasPrefix(args[1].val, "-"):
		inv.seen = append(inv.seen, text)
		return nil
	}
	return fmt.Errorf("the command runs %q before the server", text)
}

// nixRunPrograms maps nixpkgs attributes to the program "nix run" starts
// for them: meta.mainProgram, as read in nixpkgs. Only attributes checked
// there are listed.
var nixRunPrograms = map[string]string{
	"redis":       "redis-cli",
	"memcached":   "memcached",
	"nats-server": "nats-server",
	"mailpit":     "mailpit",
	"meilisearch": "meilisearch",
}

// seeThrough replaces wrappers that only start the program — exec, env,
// nix shell, nix run — by the program they start.
func (inv *invocation) seeThrough() error {
	for len(inv.args) > 0 {
		a := inv.args
		name := ""
		if a[0].lit {
			name = a[0].val
		}
		switch {
		case name == "exec" && len(a) > 1 && !strings.HasPrefix(a[1].val, "-"):
			inv.args = a[1:]
			inv.seen = append(inv.seen, "exec")
		case name == "env" && len(a) > 1:
			i := 1
			for ; i < len(a); i++ {
				if strings.HasPrefix(a[i].raw, "-") {
					return fmt.Errorf("env is run with option %s", a[i].raw)
				}
				n, v, ok := strings.Cut(a[i].raw, "=")
				if !ok || !varName.MatchString(n) {
					break
				}
				val := word{raw: v, lit: a[i].lit}
				if a[i].lit {
					_, val.val, _ = strings.Cut(a[i].val, "=")
				}
				inv.env = append(inv.env, assign{n, val})
			}
			if i == len(a) {
				return fmt.Errorf("env only prints the environment")
			}
			inv.args = a[i:]
			inv.seen = append(inv.seen, "env")
		case name == "nix" && len(a) > 2 && a[1].val == "shell":
			i := 2
			var pkgs []string
			for ; i < len(a) && a[i].val != "-c" && a[i].val != "--command"; i++ {
				pkgs = append(pkgs, a[i].raw)
			}
			if i+1 >= len(a) {
				return fmt.Errorf("nix shell is run without --command")
			}
			inv.seen = append(inv.seen, "nix shell "+strings.Join(pkgs, " "))
			inv.args = a[i+1:]
		case name == "nix" && len(a) > 2 && a[1].val == "run":
			attr, ok := strings.CutPrefix(a[2].val, "nixpkgs#")
			if !ok || !a[2].lit {
				return fmt.Errorf("nix run starts %s, whose program the converter cannot tell", a[2].raw)
			}
			prog, ok := nixRunPrograms[attr]
			if !ok {
				return fmt.Errorf("nix run starts the main program of nixpkgs#%s, which the converter does not know", attr)
			}
			rest := a[3:]
			if len(rest) > 0 && rest[0].val == "--" {
				rest = rest[1:]
			} else if len(rest) > 0 {
				return fmt.Errorf("nix run is given options of its own: %s", rest[0].raw)
			}
			inv.seen = append(inv.seen, fmt.Sprintf("nix run nixpkgs#%s, whose program is %s", attr, prog))
			inv.args = append([]word{{val: prog, raw: prog, lit: true}}, rest...)
		default:
			return nil
		}
	}
	return fmt.Errorf("the command runs no program")
}

// toWord returns a word's value and text.
func toWord(w *syntax.Word) word {
	raw, ok := simpleWordText(w)
	if !ok {
		raw = printNode(w)
	}
	out := word{raw: raw, lit: true}
	if len(w.Parts) == 1 {
		// Most words are one part, whose value needs no copy.
		switch p := w.Parts[0].(type) {
		case *syntax.Lit:
			out.val = unescape(p.Value, false)
			return out
		case *syntax.SglQuoted:
			if !p.Dollar {
				out.val = p.Value
				return out
			}
		}
	}
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value, false))
		case *syntax.SglQuoted:
			if p.Dollar {
				out.lit = false
			}
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				lit, ok := q.(*syntax.Lit)
				if !ok {
					out.lit = false
					continue
				}
				b.WriteString(unescape(lit.Value, true))
			}
		default:
			out.lit = false
		}
	}
	if out.lit {
		out.val = b.String()
	} else {
		out.text = refText(w)
	}
	return out
}

// refText returns the value of a word made of literal text and plain
// variable references as a Text whose references are those variables, or
// nil when the word holds any other expansion.
func refText(w *syntax.Word) *ir.Text {
	t := &ir.Text{}
	var param func(p *syntax.ParamExp) bool
	param = func(p *syntax.ParamExp) bool {
		if p.Param == nil || p.Flags != nil || p.Excl || p.Length || p.Width || p.IsSet ||
			p.NestedParam != nil || p.Index != nil || len(p.Modifiers) > 0 || p.Slice != nil ||
			p.Repl != nil || p.Names != 0 || p.Exp != nil || !varName.MatchString(p.Param.Value) {
			return false
		}
		t.AppendRef(&ir.VarRef{Raw: printNode(p), Name: p.Param.Value})
		return true
	}
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			t.Append(unescape(p.Value, false))
		case *syntax.SglQuoted:
			if p.Dollar {
				return nil
			}
			t.Append(p.Value)
		case *syntax.ParamExp:
			if !param(p) {
				return nil
			}
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				switch q := q.(type) {
				case *syntax.Lit:
					t.Append(unescape(q.Value, true))
				case *syntax.ParamExp:
					if !param(q) {
						return nil
					}
				default:
					return nil
				}
			}
		default:
			return nil
		}
	}
	return t
}

// unescape removes the backslashes bash removes: before any character
// outside quotes, and before $ ` " \ and newline inside double quotes.
func unescape(s string, quoted bool) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			n := s[i+1]
			if n == '\n' {
				i++
				continue
			}
			if !quoted || strings.IndexByte("$`\"\\", n) >= 0 {
				b.WriteByte(n)
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// splitWords splits a word's value into shell words, as a command that
// gets it as its arguments would: pg_ctl's -o, say. A word with
// expansions is split as written, and the parts with expansions have no
// fixed value. sh holds the project's parsed commands.
func splitWords(sh *shell.Cache, w word) ([]word, error) {
	src := w.val
	if !w.lit {
		src = w.raw
		if len(src) >= 2 && src[0] == '"' && src[len(src)-1] == '"' {
			src = src[1 : len(src)-1]
		}
	}
	f, err := sh.Parse(src)
	if err != nil || len(f.Stmts) != 1 {
		return nil, fmt.Errorf("cannot split %s into arguments", w.raw)
	}
	call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) > 0 || len(f.Stmts[0].Redirs) > 0 {
		return nil, fmt.Errorf("cannot split %s into arguments", w.raw)
	}
	var out []word
	for _, a := range call.Args {
		x := toWord(a)
		if !w.lit && strings.Contains(x.raw, "$") {
			x.lit, x.val = false, ""
		}
		out = append(out, x)
	}
	return out, nil
}

// printNode returns a node as bash source, without comments.
func printNode(n syntax.Node) string {
	return strings.TrimSpace(shell.Print(n))
}

// simpleWordText returns the text of a word on one line made of plain,
// single-quoted and double-quoted text only, as printNode would print it,
// without running the printer; ok is false for any other word, which
// printNode must print.
func simpleWordText(w *syntax.Word) (text string, ok bool) {
	if w.Pos().Line() != w.End().Line() {
		return "", false
	}
	plain := func(s string) bool {
		return !strings.ContainsAny(s, "\n\t") && (len(s)-len(strings.TrimRight(s, `\`)))%2 == 0
	}
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok {
			return l.Value, plain(l.Value) && strings.TrimSpace(l.Value) == l.Value
		}
	}
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if !plain(p.Value) {
				return "", false
			}
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			if !plain(p.Value) {
				return "", false
			}
			if p.Dollar {
				b.WriteByte('$')
			}
			b.WriteByte('\'')
			b.WriteString(p.Value)
			b.WriteByte('\'')
		case *syntax.DblQuoted:
			if p.Dollar {
				b.WriteByte('$')
			}
			b.WriteByte('"')
			for _, q := range p.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok || !plain(l.Value) {
					return "", false
				}
				b.WriteString(l.Value)
			}
			b.WriteByte('"')
		default:
			return "", false
		}
	}
	text = b.String()
	return text, strings.TrimSpace(text) == text
}

// kindOf names a compound command in messages.
func kindOf(c syntax.Command) string {
	switch c := c.(type) {
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			return "a pipeline"
		case syntax.OrStmt:
			return "a \"||\" list"
		}
		return "a list"
	case *syntax.IfClause:
		return "an if statement"
	case *syntax.WhileClause, *syntax.ForClause:
		return "a loop"
	case *syntax.Subshell:
		return "a subshell"
	case *syntax.Block:
		return "a block"
	case *syntax.FuncDecl:
		return "a function definition"
	case *syntax.CaseClause:
		return "a case statement"
	}
	return "a compound command"
}
