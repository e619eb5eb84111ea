package makefile

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
)

// shState is a shell quoting context.
type shState byte

const (
	stNone     shState = 0
	stSingle   shState = '\''
	stDouble   shState = '"'
	stBacktick shState = '`'
	stDollarSQ shState = '$'
	stSubst    shState = '(' // inside $( … ) or ( … ): like stNone
	stComment  shState = '#'
)

// shScanner follows the quoting context of shell text as it is written,
// so that a value make would have pasted into it can be written there in
// bash syntax.
type shScanner struct {
	stack []shState
	// prev is the last byte fed, for telling a comment's "#" from one
	// inside a word.
	prev byte
	// justOpened says the last byte fed opened single quotes.
	justOpened bool
}

func (s *shScanner) top() shState {
	if len(s.stack) == 0 {
		return stNone
	}
	return s.stack[len(s.stack)-1]
}

func (s *shScanner) push(st shState) { s.stack = append(s.stack, st) }
func (s *shScanner) pop() {
	if len(s.stack) > 0 {
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// feed advances the scanner over literal shell text.
func (s *shScanner) feed(text string) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if s.top() == stNone || s.top() == stSubst {
			s.justOpened = c == '\''
		} else {
			s.justOpened = false
		}
		switch s.top() {
		case stNone, stSubst:
			switch {
			case c == '\\':
				i++
			case c == '\'':
				s.push(stSingle)
			case c == '"':
				s.push(stDouble)
			case c == '`':
				s.push(stBacktick)
			case c == '$' && i+1 < len(text) && text[i+1] == '\'':
				s.push(stDollarSQ)
				i++
			case c == '$' && i+1 < len(text) && text[i+1] == '(':
				s.push(stSubst)
				i++
			case c == '(':
				s.push(stSubst)
			case c == ')' && s.top() == stSubst:
				s.pop()
			case c == '#' && (s.prev == 0 || strings.IndexByte(" \t\n;&|()", s.prev) >= 0):
				s.push(stComment)
			}
		case stSingle:
			if c == '\'' {
				s.pop()
			}
		case stDollarSQ:
			if c == '\\' {
				i++
			} else if c == '\'' {
				s.pop()
			}
		case stDouble:
			switch {
			case c == '\\':
				i++
			case c == '"':
				s.pop()
			case c == '`':
				s.push(stBacktick)
			case c == '$' && i+1 < len(text) && text[i+1] == '(':
				s.push(stSubst)
				i++
			}
		case stBacktick:
			if c == '\\' {
				i++
			} else if c == '`' {
				s.pop()
			}
		case stComment:
			if c == '\n' {
				s.pop()
			}
		}
		if i < len(text) {
			s.prev = text[i]
		}
	}
}

// renderMode says what the bash is for.
type renderMode int

const (
	forTask renderMode = iota
	// forScript is the recipe as a script runs it: a recursive make runs
	// the other targets' recipes in place (see markMakes).
	forScript
	// forProcess is for a process, whose log does not echo commands.
	forProcess
)

// renderer writes expanded recipe text as bash, and collects what the
// body needs before its commands (the defaults of ?= variables).
type renderer struct {
	mode renderMode
	// args names the variables that stand for the script's arguments.
	args map[string]bool
	// defaults are the ?= variables used, in order of first use.
	defaults []*dyn
	seen     map[string]bool
	// globs and shells collect what was left for bash, for diagnostics.
	used []*dyn
	// refs collects the ?= variables rendered, for ordering their
	// defaults; direct, while the defaults are written, holds those the
	// commands use (see defaultLines).
	refs   []string
	direct map[string]bool
}

// errUnknown is returned for a value bash cannot compute.
type errUnknown struct{ d *dyn }

func (e errUnknown) Error() string { return e.d.why }

// render writes v as bash source text: literal text as make pastes it,
// dynamic parts as bash expressions, moved out of quotes that would stop
// bash from expanding them.
func (rr *renderer) render(v val) (string, error) {
	var b strings.Builder
	var sc shScanner
	pieces := splitRoot(v)
	skipQuote := false
	for i, p := range pieces {
		if p.d == nil {
			text := p.lit
			if skipQuote {
				// The value filled the single quotes: their closing
				// quote goes with the opening one.
				sc.feed(text[:1])
				text = text[1:]
				skipQuote = false
			}
			b.WriteString(text)
			sc.feed(text)
			continue
		}
		next := byte(0)
		if i+1 < len(pieces) && pieces[i+1].d == nil && pieces[i+1].lit != "" {
			next = pieces[i+1].lit[0]
		}
		st := sc.top()
		expr, err := rr.expr(p.d, st, next)
		if err != nil {
			return "", err
		}
		if st == stSingle {
			// The value goes between the single quotes, in double ones:
			// 'a $(VAR) b' becomes 'a '"$VAR"' b', and quotes left
			// empty go: '$(VAR)' becomes "$VAR".
			if out := b.String(); sc.justOpened && strings.HasSuffix(out, "'") {
				b.Reset()
				b.WriteString(out[:len(out)-1])
				expr = expr[1:]
			}
			if next == '\'' {
				expr = expr[:len(expr)-1]
				skipQuote = true
			}
		}
		b.WriteString(expr)
	}
	return b.String(), nil
}

// splitRoot turns each occurrence of rootMark in v's literal text into a
// dynamic part for $DEVENV_ROOT.
func splitRoot(v val) val {
	var out val
	for _, p := range v {
		if p.d != nil || !strings.Contains(p.lit, rootMark) {
			out = append(out, p)
			continue
		}
		parts := strings.Split(p.lit, rootMark)
		for i, s := range parts {
			if i > 0 {
				out = append(out, piece{d: &dyn{kind: dynEnv, name: "DEVENV_ROOT"}})
			}
			if s != "" {
				out = append(out, piece{lit: s})
			}
		}
	}
	return out
}

// varExpr returns $NAME, or ${NAME} when next would join the name.
func varExpr(name string, next byte) string {
	if sourcecheck.IsNameByte(next) {
		return "${" + name + "}"
	}
	return "$" + name
}

// expr returns the bash for d at a place whose quoting context is st.
func (rr *renderer) expr(d *dyn, st shState, next byte) (string, error) {
	var core string // the expression, valid unquoted and inside "…"
	var inDouble string
	switch d.kind {
	case dynEnv, dynEnvDefault:
		if d.kind == dynEnvDefault && rr.direct != nil && !rr.direct[d.name] && st == stDouble {
			// Inside another default: computed only where it is used.
			return rr.defaultExpr(d)
		}
		if d.kind == dynEnvDefault {
			rr.noteDefault(d)
		}
		if d.kind == dynEnvDefault {
			rr.refs = append(rr.refs, d.name)
		}
		rr.used = append(rr.used, d)
		core = varExpr(d.name, next)
		inDouble = "${" + d.name + "}"
		if !sourcecheck.IsNameByte(next) {
			inDouble = core
		}
		if d.sep {
			core, inDouble = varExpr(d.name, ' ')+" ", varExpr(d.name, ' ')+" "
		}
	case dynShell:
		rr.used = append(rr.used, d)
		cmd, err := rr.render(d.cmd)
		if err != nil {
			return "", err
		}
		core = "$(" + cmd + ")"
		inDouble = core
	case dynGlob:
		rr.used = append(rr.used, d)
		if st != stNone && st != stSubst {
			return "", errUnknown{&dyn{why: "$(wildcard …) inside quotes, where bash does not expand a glob", pos: d.pos}}
		}
		pat, err := rr.render(d.cmd)
		if err != nil {
			return "", err
		}
		return pat, nil
	case dynIfSet:
		rr.used = append(rr.used, d)
		if d.why == "default" {
			rr.noteDefault(&dyn{kind: dynEnvDefault, name: d.name})
			rr.refs = append(rr.refs, d.name)
		}
		then, err := rr.render(d.cmd)
		if err != nil {
			return "", err
		}
		if strings.ContainsAny(then, "}") {
			return "", errUnknown{&dyn{why: "$(if …) whose text holds a }", pos: d.pos}}
		}
		core = "${" + d.name + ":+" + then + "}"
		inDouble = core
	default:
		return "", errUnknown{d}
	}
	switch st {
	case stSingle:
		return "'\"" + inDouble + "\"'", nil
	case stDollarSQ:
		return "'\"" + inDouble + "\"$'", nil
	case stDouble:
		return inDouble, nil
	}
	return core, nil
}

// noteDefault records that the body must set a ?= variable's default.
func (rr *renderer) noteDefault(d *dyn) {
	if rr.seen == nil {
		rr.seen = map[string]bool{}
	}
	if rr.seen["default:"+d.name] {
		return
	}
	rr.seen["default:"+d.name] = true
	rr.defaults = append(rr.defaults, d)
}

// echoText returns the arguments of an echo that prints v as make prints
// a recipe line: literal text as written, dynamic parts with their
// values.
func (rr *renderer) echoText(v val) (string, error) {
	pieces := splitRoot(v)
	hasDyn := false
	for _, p := range pieces {
		if p.d != nil {
			hasDyn = true
		}
	}
	if !hasDyn {
		s, _ := pieces.static()
		return shell.Quote(s, shell.ReadableQuotes), nil
	}
	var b strings.Builder
	b.WriteByte('"')
	for i, p := range pieces {
		if p.d == nil {
			b.WriteString(shell.EscapeDouble(p.lit))
			continue
		}
		if p.d.kind == dynGlob {
			// make prints the file names: the glob goes outside the
			// quotes, where bash expands it.
			pat, err := rr.render(p.d.cmd)
			if err != nil {
				return "", err
			}
			if b.Len() == 1 {
				b.Reset() // no empty "" before it
			} else {
				b.WriteByte('"')
			}
			b.WriteString(pat)
			if i == len(pieces)-1 {
				return b.String(), nil
			}
			b.WriteByte('"')
			continue
		}
		next := byte(0)
		if i+1 < len(pieces) && pieces[i+1].d == nil && pieces[i+1].lit != "" {
			next = pieces[i+1].lit[0]
		}
		e, err := rr.expr(p.d, stDouble, next)
		if err != nil {
			return "", err
		}
		b.WriteString(e)
	}
	b.WriteByte('"')
	return b.String(), nil
}

// cmdShape says how a recipe line must be written so that bash runs it
// as make's shell does.
type cmdShape int

const (
	// shapePlain lines run as they are: under set -e they stop the
	// script exactly when make would stop.
	shapePlain cmdShape = iota
	// shapeSub lines run in a subshell, ( … ): they change the shell's
	// state (cd, variables, exit), or end in && (whose failure set -e
	// would not see).
	shapeSub
	// shapeSubNoE lines run in a subshell without -e: they run several
	// statements, and make's shell ran them without -e.
	shapeSubNoE
)

// classify decides the shape of a recipe line. errexit says make's shell
// itself ran with -e (.POSIX, or -e in .SHELLFLAGS). sh holds the
// project's parsed commands.
func classify(sh *shell.Cache, text string, errexit bool) (cmdShape, *syntax.File, error) {
	f, err := sh.Parse(text)
	if err != nil {
		return shapeSubNoE, nil, err
	}
	needNoE := !errexit && needsNoErrexit(f)
	shape := shapePlain
	switch {
	case len(f.Stmts) != 1:
		shape = shapeSub
	default:
		s := f.Stmts[0]
		if s.Negated || s.Background || s.Coprocess || !errexitSafe(s.Cmd) || changesState(s.Cmd) {
			shape = shapeSub
		}
	}
	if needNoE {
		shape = shapeSubNoE
	}
	return shape, f, nil
}

// errexitSafe reports whether set -e stops the script when cmd fails and
// only then: a command, a pipeline of commands, or a list whose last
// operator is ||.
func errexitSafe(cmd syntax.Command) bool {
	switch c := cmd.(type) {
	case *syntax.CallExpr, *syntax.TestClause, *syntax.Subshell:
		return true
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			return pipelinePart(c.X.Cmd) && pipelinePart(c.Y.Cmd) && !c.X.Negated && !c.Y.Negated
		case syntax.OrStmt:
			return !c.Y.Negated && errexitSafe(c.Y.Cmd) && listPartSafe(c.X)
		}
	}
	return false
}

func pipelinePart(cmd syntax.Command) bool {
	switch c := cmd.(type) {
	case *syntax.CallExpr, *syntax.TestClause:
		return true
	case *syntax.BinaryCmd:
		return (c.Op == syntax.Pipe || c.Op == syntax.PipeAll) && pipelinePart(c.X.Cmd) && pipelinePart(c.Y.Cmd)
	}
	return false
}

// listPartSafe reports whether a statement in a && / || list is made of
// plain commands.
func listPartSafe(s *syntax.Stmt) bool {
	if s.Background || s.Coprocess {
		return false
	}
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr, *syntax.TestClause:
		return true
	case *syntax.BinaryCmd:
		if c.Op == syntax.AndStmt || c.Op == syntax.OrStmt {
			return listPartSafe(c.X) && listPartSafe(c.Y)
		}
		return pipelinePart(c)
	}
	return false
}

// stateBuiltins change the shell that runs them, so that the change
// would reach the next recipe line if it ran in the same shell.
var stateBuiltins = map[string]bool{
	"cd": true, "pushd": true, "popd": true, "export": true, "unset": true, "readonly": true,
	"declare": true, "typeset": true, "local": true, "set": true, "shopt": true, "source": true,
	".": true, "exec": true, "exit": true, "return": true, "umask": true, "alias": true,
	"unalias": true, "trap": true, "ulimit": true, "shift": true, "read": true, "eval": true,
	"hash": true, "enable": true, "getopts": true, "mapfile": true, "readarray": true,
	"let": true, "wait": true, "break": true, "continue": true, "disown": true, "bg": true,
	"fg": true, "complete": true, "logout": true, "dirs": true,
}

// changesState reports whether cmd changes the shell it runs in.
func changesState(cmd syntax.Command) bool {
	switch c := cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) == 0 {
			return true // assignments only
		}
		name := c.Args[0].Lit()
		if (name == "builtin" || name == "command") && len(c.Args) > 1 {
			name = c.Args[1].Lit()
		}
		if name == "printf" {
			for _, a := range c.Args[1:] {
				if a.Lit() == "-v" {
					return true
				}
			}
		}
		return stateBuiltins[name]
	case *syntax.TestClause:
		return false
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			return false
		}
		return changesState(c.X.Cmd) || changesState(c.Y.Cmd)
	case *syntax.Subshell:
		return false
	}
	return true
}

// needsNoErrexit reports whether running f under set -e would stop where
// make's shell (without -e) goes on: when a statement list anywhere holds
// several statements, or a loop runs a body.
func needsNoErrexit(f *syntax.File) bool {
	found := len(f.Stmts) > 1
	syntax.Walk(f, func(n syntax.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst:
			return false // bash runs these without -e
		case *syntax.ForClause, *syntax.WhileClause:
			found = true
		case *syntax.Block:
			found = len(n.Stmts) > 1
		case *syntax.Subshell:
			found = len(n.Stmts) > 1
		case *syntax.IfClause:
			found = len(n.Then) > 1
		case *syntax.CaseItem:
			found = len(n.Stmts) > 1
		case *syntax.FuncDecl:
			found = true
		}
		return !found
	})
	return found
}

// hasCommentOrHeredoc reports whether f holds a comment or a here
// document, after which a closing ")" must go on its own line.
func hasCommentOrHeredoc(f *syntax.File, text string) bool {
	if f == nil {
		return strings.Contains(text, "#") || strings.Contains(text, "<<")
	}
	found := len(f.Last) > 0
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			if len(n.Comments) > 0 {
				found = true
			}
		case *syntax.Redirect:
			if n.Op == syntax.Hdoc || n.Op == syntax.DashHdoc {
				found = true
			}
		}
		return !found
	})
	return found
}

// wrap writes a recipe line in its shape; ignore adds make's "-" (go on
// when it fails).
func wrap(text string, shape cmdShape, f *syntax.File, ignore bool) string {
	nl := hasCommentOrHeredoc(f, text)
	var s string
	switch shape {
	case shapePlain:
		if ignore && nl {
			s = "(\n" + text + "\n)"
		} else {
			s = text
		}
	case shapeSub:
		if nl {
			s = "(\n" + text + "\n)"
		} else {
			s = "(" + text + ")"
		}
	case shapeSubNoE:
		if nl || strings.Contains(text, "\n") {
			s = "(set +e\n" + text + "\n)"
		} else {
			s = "(set +e; " + text + ")"
		}
	}
	if ignore {
		s += " || true"
	}
	return s
}

// echoEscapes reports whether f runs echo with an argument holding a
// backslash escape, which /bin/sh's echo (dash) interprets and bash's does
// not.
func echoEscapes(f *syntax.File) bool {
	found := false
	syntax.Walk(f, func(n syntax.Node) bool {
		c, ok := n.(*syntax.CallExpr)
		if !ok || len(c.Args) < 2 || c.Args[0].Lit() != "echo" {
			return !found
		}
		for _, a := range c.Args[1:] {
			var b strings.Builder
			syntax.NewPrinter().Print(&b, a)
			s := b.String()
			for i := 0; i+1 < len(s); i++ {
				if s[i] == '\\' && strings.IndexByte("abcefnrtv0\\", s[i+1]) >= 0 {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// describeShape explains a shape in notes.
func describeShape(shape cmdShape) string {
	switch shape {
	case shapeSub:
		return "runs in a subshell"
	case shapeSubNoE:
		return "runs in a subshell without -e"
	}
	return "runs as written"
}
