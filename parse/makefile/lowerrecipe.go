package makefile

import (
	"fmt"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// mkCmd is one command of a recipe after expansion: what make hands to
// the shell, and how.
type mkCmd struct {
	v              val
	silent, ignore bool
	pos            ir.Pos
}

// expandedRecipe is a target's recipe as make runs it.
type expandedRecipe struct {
	cmds []mkCmd
	msgs []recipeMsg
}

// autoScope binds the automatic variables of rule r of target t.
func (lw *lowerer) autoScope(t *mkTarget, r *mkRule) map[string]*mkVar {
	var normal, orderOnly []string
	rules := []*mkRule{r}
	if !t.doubleColon {
		rules = t.rules
	}
	for _, x := range rules {
		normal = append(normal, x.prereqs...)
		orderOnly = append(orderOnly, x.orderOnly...)
	}
	dedup := func(list []string) []string {
		seen := map[string]bool{}
		var out []string
		for _, p := range list {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		return out
	}
	all := lw.namesVal(dedup(normal))
	plus := lw.namesVal(normal)
	first := val(nil)
	if len(normal) > 0 {
		first = lw.nameVal(normal[0])
		if isDynKey(normal[0]) {
			first = dynVal(&dyn{kind: dynUnknown, why: "$< names a prerequisite known only when make runs"})
		}
	}
	stem := r.stem
	if stem == "" {
		for _, s := range lw.db.suffixes {
			if strings.HasSuffix(t.name, s) && len(t.name) > len(s) {
				stem = strings.TrimSuffix(t.name, s)
				break
			}
		}
	}
	newer := all
	if !lw.phony[t.name] && len(all) > 0 {
		newer = dynVal(&dyn{kind: dynUnknown, why: "$? (the prerequisites newer than the target) is known only when make runs"})
	}
	mk := func(name string, v val) *mkVar {
		return &mkVar{name: name, flavor: simple, value: v, origin: originAutomatic}
	}
	return map[string]*mkVar{
		"@": mk("@", lw.nameVal(t.name)),
		"<": mk("<", first),
		"^": mk("^", all),
		"+": mk("+", plus),
		"|": mk("|", lw.namesVal(dedup(orderOnly))),
		"*": mk("*", lit(stem)),
		"?": mk("?", newer),
		"%": mk("%", nil),
	}
}

// targetScope returns t's target-specific variables as a scope.
func targetScope(t *mkTarget) map[string]*mkVar {
	if len(t.vars) == 0 {
		return nil
	}
	s := map[string]*mkVar{}
	for _, tv := range t.vars {
		s[tv.v.name] = tv.v
	}
	return s
}

// recipe expands t's recipe lines, one rule after the other.
func (lw *lowerer) recipe(t *mkTarget) expandedRecipe {
	if r, ok := lw.recipes[t.name]; ok {
		return r
	}
	var out expandedRecipe
	silentAll := lw.db.silentAll || lw.db.silent[t.name]
	ignoreAll := lw.db.ignoreAll || lw.db.ignore[t.name]
	for _, rule := range t.rules {
		e := lw.db.expander()
		var msgs []recipeMsg
		e.recipe, e.msgs = true, &msgs
		e.target = t.name
		e.scopes = []map[string]*mkVar{lw.autoScope(t, rule)}
		if s := targetScope(t); s != nil {
			e.scopes = append(e.scopes, s)
		}
		for _, rl := range rule.recipe {
			e.line, e.base, e.pos = rl.line, 0, rl.line.pos
			flagsSilent, flagsIgnore := prefixFlags(rl.text)
			v := e.expand(rl.text)
			for _, chunk := range splitCommands(v) {
				// The prefixes of the line as written apply to every
				// command its expansion holds.
				c := mkCmd{pos: rl.line.pos, silent: silentAll || flagsSilent, ignore: ignoreAll || flagsIgnore}
				chunk = stripPrefix(chunk, &c)
				if chunk.isEmpty() {
					continue
				}
				out.cmds = append(out.cmds, c.with(chunk))
			}
		}
		out.msgs = append(out.msgs, msgs...)
	}
	if lw.db.oneShell && len(out.cmds) > 1 {
		one := out.cmds[0]
		var v val
		for i, c := range out.cmds {
			if i > 0 {
				v = v.addLit("\n")
			}
			v = v.add(c.v...)
		}
		one.v = v
		out.cmds = []mkCmd{one}
	}
	lw.recipes[t.name] = out
	return out
}

func (c mkCmd) with(v val) mkCmd { c.v = v; return c }

// prefixFlags reads the @, - and + at the start of a recipe line as
// written.
func prefixFlags(s string) (silent, ignore bool) {
	for _, c := range s {
		switch c {
		case '@':
			silent = true
		case '-':
			ignore = true
		case '+', ' ', '\t':
		default:
			return
		}
	}
	return
}

// stripPrefix removes the @, - and + at the start of an expanded command,
// adding what they say to c.
func stripPrefix(v val, c *mkCmd) val {
	out := append(val(nil), v...)
	for len(out) > 0 && out[0].d == nil {
		s := out[0].lit
		i := 0
	loop:
		for ; i < len(s); i++ {
			switch s[i] {
			case '@':
				c.silent = true
			case '-':
				c.ignore = true
			case '+', ' ', '\t':
			default:
				break loop
			}
		}
		if i < len(s) {
			out[0].lit = s[i:]
			break
		}
		out = out[1:]
	}
	return out
}

// splitCommands splits an expanded recipe line at newlines that are not
// escaped by a backslash: a define'd variable holds several commands, and
// make runs each in its own shell.
func splitCommands(v val) []val {
	var out []val
	var cur val
	for _, p := range v {
		if p.d != nil {
			cur = cur.add(p)
			continue
		}
		s := p.lit
		for {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				cur = cur.addLit(s)
				break
			}
			if i > 0 && continued(s[:i]) {
				cur = cur.addLit(s[:i+1])
				s = s[i+1:]
				continue
			}
			cur = cur.addLit(s[:i])
			out = append(out, cur)
			cur = nil
			s = s[i+1:]
		}
	}
	return append(out, cur)
}

// shellFlags are the options .SHELLFLAGS gives make's shell.
type shellFlags struct {
	errexit, pipefail, nounset, xtrace bool
}

// bodyResult is a recipe written as bash.
type bodyResult struct {
	text     string
	usesArgs bool
	// subMakes are, for a script, the recursive makes whose recipes the
	// script runs in their place: each stands in text as its placeholder.
	subMakes []subMake
	// err says why the recipe cannot be written, at pos.
	err error
	pos ir.Pos
}

// body writes t's recipe as the bash of a task (or script): each line as
// make runs it, echoed unless silent.
func (lw *lowerer) body(t *mkTarget, mode renderMode) bodyResult {
	rec := lw.recipe(t)
	rr := &renderer{mode: mode, args: lw.args, seen: map[string]bool{}}
	var lines []string
	errexit := lw.flags.errexit || lw.db.posix
	real := 0
	type rendered struct {
		echo, cmd string
		comment   bool
	}
	var cmds []rendered
	var subs []subMake
	for _, c := range rec.cmds {
		text, err := rr.render(c.v)
		if err != nil {
			return bodyResult{err: err, pos: c.pos}
		}
		echoSrc := c.v
		if mode == forScript {
			text = lw.markMakes(text, t.name, c.pos, &subs)
		} else if rewritten, changed := lw.rewriteMake(text, t.name, c.pos); changed {
			text = rewritten
			echoSrc = lit(rewritten)
			if _, ok := c.v.static(); !ok {
				echoSrc = c.v
			}
		}
		var echo string
		if !c.silent && !lw.opts.Quiet && mode != forProcess {
			e, err := rr.echoText(echoSrc)
			if err != nil {
				return bodyResult{err: err, pos: c.pos}
			}
			echo = "echo " + e
		}
		if strings.HasPrefix(strings.TrimLeft(text, " \t"), "#") && !strings.Contains(text, "\n") {
			cmds = append(cmds, rendered{echo: echo, cmd: text, comment: true})
			continue
		}
		real++
		if lw.db.oneShell {
			cmds = append(cmds, rendered{echo: echo, cmd: lw.oneShell(text, c, errexit)})
			continue
		}
		shape, f, err := classify(lw.opts.Shell, text, errexit)
		if err != nil {
			lw.warnOnce("parse:"+c.pos.String(), c.pos, ir.Warning, ir.IDMakeRecipe,
				fmt.Sprintf("bash cannot parse this recipe line (%v); it is kept as written, in a subshell", shortShErr(err)), "")
		}
		if f != nil && lw.shIsSh && echoEscapes(f) {
			lw.warnOnce("echo:"+c.pos.String(), c.pos, ir.Warning, ir.IDMakeEcho,
				"echo with a backslash escape: make runs recipes with /bin/sh, whose echo may interpret it, while devenv's bash prints it as written",
				"use printf")
		}
		cmds = append(cmds, rendered{echo: echo, cmd: wrap(text, shape, f, c.ignore)})
	}
	if len(cmds) == 0 && len(rec.msgs) == 0 {
		return bodyResult{}
	}
	// make stops before the recipe when a prerequisite is neither a file
	// nor a target.
	var check string
	if plain := lw.plainPrereqs(t); len(plain) > 0 {
		check = strings.TrimSuffix(lw.missingCheck(plain, t.name), "\n")
	}
	// The preamble: shell options, ?= defaults, exports.
	var set string
	if real > 1 && !lw.db.oneShell {
		set += "e"
	}
	if lw.db.oneShell && lw.flags.errexit {
		set += "e"
	}
	if lw.flags.nounset {
		set += "u"
	}
	if lw.flags.xtrace {
		set += "x"
	}
	switch {
	case set != "" && lw.flags.pipefail:
		lines = append(lines, "set -"+set+"o pipefail")
	case set != "":
		lines = append(lines, "set -"+set)
	case lw.flags.pipefail:
		lines = append(lines, "set -o pipefail")
	}
	if check != "" {
		lines = append(lines, check)
	}
	pre := len(lines)
	for _, x := range lw.exportLines(t) {
		lines = append(lines, x)
	}
	// Defaults come first, since exports and commands use them.
	defaults, bad, err := lw.defaultLines(rr)
	if err != nil {
		return bodyResult{err: err, pos: bad.pos}
	}
	lines = append(lines[:pre], append(defaults, lines[pre:]...)...)
	for _, m := range rec.msgs {
		var line string
		switch m.fn {
		case "info":
			line = "echo " + shell.Quote(m.text, shell.ReadableQuotes)
		case "warning":
			line = "echo " + shell.Quote(fmt.Sprintf("%s:%d: %s", path.Base(m.pos.File), m.pos.Line, m.text), shell.ReadableQuotes) + " >&2"
		case "error":
			line = "echo " + shell.Quote(fmt.Sprintf("%s:%d: *** %s.  Stop.", path.Base(m.pos.File), m.pos.Line, m.text), shell.ReadableQuotes) + " >&2"
		}
		if m.cond == "?" {
			return bodyResult{err: errUnknown{&dyn{why: fmt.Sprintf("$(%s …) under a condition known only when make runs", m.fn)}}, pos: m.pos}
		}
		if m.cond == "" {
			lines = append(lines, line)
			if m.fn == "error" {
				lw.diags.Add(m.pos, ir.IDMakeError,
					fmt.Sprintf("the recipe of %s stops with the error %q before running any line; so does the task", t.name, m.text), "")
				return bodyResult{text: strings.Join(append(lines, "exit 2"), "\n") + "\n"}
			}
			continue
		}
		test := fmt.Sprintf(`[ -n "$%s" ]`, m.cond)
		if m.ifSet {
			test = fmt.Sprintf(`[ -z "$%s" ]`, m.cond)
		}
		if m.fn == "error" {
			line = "{ " + line + "; exit 2; }"
		}
		lines = append(lines, test+" || "+line)
	}
	for _, c := range cmds {
		if c.echo != "" {
			lines = append(lines, c.echo)
		}
		lines = append(lines, c.cmd)
	}
	res := bodyResult{subMakes: subs}
	for _, d := range rr.used {
		if (d.kind == dynEnv || d.kind == dynEnvDefault) && lw.args[d.name] {
			res.usesArgs = true
		}
		lw.noteDyn(d)
	}
	if len(lines) == 0 {
		return res
	}
	res.text = strings.Join(lines, "\n")
	if strings.Contains(res.text, "\n") {
		res.text += "\n"
	}
	return res
}

// oneShell writes the whole recipe of a .ONESHELL Makefile: one shell
// runs every line, without -e unless the shell flags ask for it.
func (lw *lowerer) oneShell(text string, c mkCmd, errexit bool) string {
	_, f, _ := classify(lw.opts.Shell, text, errexit)
	if !errexit && (f == nil || needsNoErrexit(f)) {
		text = "set +e\n" + text
	}
	if c.ignore {
		return "(\n" + text + "\n) || true"
	}
	return text
}

func shortShErr(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); i >= 0 && strings.HasPrefix(s, ":") {
		return s[i+2:]
	}
	return s
}

// defaultLines sets the defaults of the ?= variables the body's commands
// use, each after those its value refers to: make expands a recursive
// variable when it is used, so LDFLAGS ?= -X main.version=$(VERSION) sees
// VERSION's value wherever in the Makefile VERSION is set. A ?= variable
// that only other defaults refer to has no line of its own: its default
// goes inside theirs, so that it is computed only where make would expand
// it (not at all when the environment sets LDFLAGS).
func (lw *lowerer) defaultLines(rr *renderer) (lines []string, bad *dyn, err error) {
	rr.direct = map[string]bool{}
	for _, d := range rr.defaults {
		rr.direct[d.name] = true
	}
	defer func() { rr.direct, rr.refs = nil, nil }()
	text := map[string]string{}
	deps := map[string][]string{}
	for i := 0; i < len(rr.defaults); i++ {
		d := rr.defaults[i]
		rr.refs = nil
		expr, err := rr.defaultExpr(d)
		if err != nil {
			return nil, d, err
		}
		text[d.name], deps[d.name] = fmt.Sprintf(`%s="%s"`, d.name, expr), rr.refs
	}
	done := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if done[name] {
			return
		}
		done[name] = true
		for _, dep := range deps[name] {
			visit(dep)
		}
		lines = append(lines, text[name])
	}
	for _, d := range rr.defaults {
		visit(d.name)
	}
	return lines, nil, nil
}

// defaultExpr returns ${NAME-default}, for the inside of double quotes:
// the environment's value when there is one, else the ?= default.
func (rr *renderer) defaultExpr(d *dyn) (string, error) {
	var b strings.Builder
	def := splitRoot(d.cmd)
	for i, p := range def {
		if p.d == nil {
			b.WriteString(shell.EscapeDouble(p.lit))
			continue
		}
		next := byte(0)
		if i+1 < len(def) && def[i+1].d == nil && def[i+1].lit != "" {
			next = def[i+1].lit[0]
		}
		e, err := rr.expr(p.d, stDouble, next)
		if err != nil {
			return "", err
		}
		b.WriteString(e)
	}
	return fmt.Sprintf(`${%s-%s}`, d.name, b.String()), nil
}

// exportLines are the lines that export variables to t's commands: the
// exported variables whose values need bash to expand them, and t's own
// exported variables.
func (lw *lowerer) exportLines(t *mkTarget) []string {
	out := append([]string(nil), lw.exports...)
	for _, tv := range t.vars {
		if tv.v.export <= 0 && !(lw.db.exportAll && tv.v.export == 0) {
			continue
		}
		if line, ok := lw.exportLine(tv.v, t); ok {
			out = append(out, line)
		}
	}
	return out
}

// exportLine writes export NAME="value" for v.
func (lw *lowerer) exportLine(v *mkVar, t *mkTarget) (string, bool) {
	if !shellNameRE.MatchString(v.name) {
		return "", false
	}
	e := lw.db.expander()
	e.pos = v.pos
	if t != nil {
		e.scopes = []map[string]*mkVar{targetScope(t)}
	}
	val := e.value(v, v.pos)
	// Other ?= variables the value refers to are computed inside it.
	rr := &renderer{mode: forTask, args: lw.args, seen: map[string]bool{}, direct: map[string]bool{}}
	var b strings.Builder
	pieces := splitRoot(val)
	for i, p := range pieces {
		if p.d == nil {
			b.WriteString(shell.EscapeDouble(p.lit))
			continue
		}
		if p.d.kind == dynEnvDefault && p.d.name == v.name {
			b.WriteString("${" + v.name + "-")
			for _, q := range splitRoot(p.d.cmd) {
				if q.d == nil {
					b.WriteString(shell.EscapeDouble(q.lit))
				} else if x, err := rr.expr(q.d, stDouble, 0); err == nil {
					b.WriteString(x)
				} else {
					return "", false
				}
			}
			b.WriteString("}")
			continue
		}
		next := byte(0)
		if i+1 < len(pieces) && pieces[i+1].d == nil && pieces[i+1].lit != "" {
			next = pieces[i+1].lit[0]
		}
		x, err := rr.expr(p.d, stDouble, next)
		if err != nil {
			lw.diags.AddAs(v.pos, ir.Warning, ir.IDMakeExport,
				fmt.Sprintf("%s is exported, but its value holds %s, which the converter cannot write for bash; it is not exported", v.name, err), "")
			return "", false
		}
		b.WriteString(x)
	}
	return fmt.Sprintf(`export %s="%s"`, v.name, b.String()), true
}

// makeCall is a "make TARGET…" ($(MAKE) expands to make) in a recipe
// command: a recursive make the conversion runs itself.
type makeCall struct {
	start, end int
	goals      []string
	// tasks are the goals' task names.
	tasks []string
	// bad says why the call stays as written, when it does.
	bad    string
	silent bool
	// noErrexit says the call is where bash ignores set -e (the left of
	// && or ||, a condition, after !, in $(…)), so that a recipe run in
	// its place would not stop at its first failing line.
	noErrexit bool
}

// findMakes finds the recursive makes of a recipe command.
func (lw *lowerer) findMakes(text, self string) []makeCall {
	if !strings.Contains(text, "make") {
		return nil
	}
	f, err := lw.opts.Shell.Parse(text)
	if err != nil {
		return nil
	}
	var calls []makeCall
	cdAt := -1
	// ignored holds the spans of text where bash ignores set -e.
	type span struct{ start, end int }
	var ignored []span
	ignore := func(n syntax.Node) {
		if n != nil {
			ignored = append(ignored, span{int(n.Pos().Offset()), int(n.End().Offset())})
		}
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CallExpr:
			if len(n.Args) > 0 && (n.Args[0].Lit() == "cd" || n.Args[0].Lit() == "pushd") && cdAt < 0 {
				cdAt = int(n.Pos().Offset())
			}
		case *syntax.BinaryCmd:
			if n.Op == syntax.AndStmt || n.Op == syntax.OrStmt {
				ignore(n.X)
			}
		case *syntax.Stmt:
			if n.Negated {
				ignore(n)
			}
		case *syntax.IfClause:
			for _, s := range n.Cond {
				ignore(s)
			}
		case *syntax.WhileClause:
			for _, s := range n.Cond {
				ignore(s)
			}
		case *syntax.CmdSubst:
			ignore(n)
		case *syntax.ProcSubst:
			ignore(n)
		}
		return true
	})
	syntax.Walk(f, func(n syntax.Node) bool {
		c, ok := n.(*syntax.CallExpr)
		if !ok || len(c.Args) == 0 || c.Args[0].Lit() != "make" {
			return true
		}
		mc := makeCall{start: int(c.Args[0].Pos().Offset()), end: int(c.Args[len(c.Args)-1].End().Offset())}
		for _, sp := range ignored {
			if mc.start >= sp.start && mc.start < sp.end {
				mc.noErrexit = true
			}
		}
		for _, a := range c.Args[1:] {
			s := a.Lit()
			switch {
			case s == "":
				mc.bad = "runs make with an argument known only when the command runs"
			case s == "-s" || s == "--silent" || s == "--quiet":
				mc.silent = true
			case s == "--no-print-directory" || strings.HasPrefix(s, "-j") || strings.HasPrefix(s, "--jobs"):
			case strings.HasPrefix(s, "-"):
				mc.bad = "runs make with the option " + s
			case strings.Contains(s, "="):
				mc.bad = "runs make with the variable assignment " + s
			default:
				mc.goals = append(mc.goals, s)
			}
			if mc.bad != "" {
				break
			}
		}
		if mc.bad == "" && cdAt >= 0 && cdAt < mc.start {
			mc.bad = "runs make in another directory (after cd)"
		}
		if mc.bad == "" && len(mc.goals) == 0 {
			if g := lw.defaultGoal(); g != "" {
				mc.goals = []string{g}
			} else {
				mc.bad = "runs make without a target, and the Makefile has no default goal"
			}
		}
		for _, g := range mc.goals {
			if mc.bad != "" {
				break
			}
			name, ok := lw.taskName[g]
			switch {
			case ok && g == self:
				mc.bad = "runs make on its own target " + g
			case ok:
				mc.tasks = append(mc.tasks, name)
			case lw.process[g]:
				mc.bad = "runs make on " + g + ", which is now a process"
			case lw.db.targets[g] == nil:
				mc.bad = "runs make on " + g + ", which the Makefile has no rule for"
			default:
				mc.bad = "runs make on " + g + ", which is not converted"
			}
		}
		calls = append(calls, mc)
		return true
	})
	return calls
}

// subMake is a recursive make that a script runs in place: its goals'
// recipes, in make's order.
type subMake struct {
	// placeholder stands for the call in the body's text, and text is
	// the call as written.
	placeholder, text string
	goals             []string
	pos               ir.Pos
}

// markMakes replaces in text each recursive make a script can run in
// place by a placeholder (a word bash reads as a command, as it reads the
// call), and adds it to subs.
func (lw *lowerer) markMakes(text, self string, pos ir.Pos, subs *[]subMake) string {
	calls := lw.findMakes(text, self)
	for i := len(calls) - 1; i >= 0; i-- {
		c := calls[i]
		if c.bad != "" {
			continue
		}
		if c.noErrexit {
			lw.warnOnce("script-make:"+pos.String(), pos, ir.Warning, ir.IDMakeRecursive,
				fmt.Sprintf("make %s is where bash ignores set -e (a condition, the left of && or ||, after !, or in $(…)), so the scripts cannot run its recipes in its place and stop at the first failing line as make does: they run make as written", strings.Join(c.goals, " ")), "")
			continue
		}
		ph := fmt.Sprintf("pc2devenv_make_%d_", len(*subs))
		*subs = append(*subs, subMake{placeholder: ph, text: text[c.start:c.end], goals: c.goals, pos: pos})
		text = text[:c.start] + ph + text[c.end:]
	}
	return text
}

// rewriteMake replaces "make TARGET…" (which $(MAKE) expands to) by
// "devenv tasks run make:TARGET…": the other task, with its prerequisites,
// as a recursive make with -j would run them.
func (lw *lowerer) rewriteMake(text, self string, pos ir.Pos) (string, bool) {
	calls := lw.findMakes(text, self)
	changed := false
	for _, c := range calls {
		if c.bad != "" {
			lw.warnOnce("make:"+pos.String(), pos, ir.Warning, ir.IDMakeRecursive,
				fmt.Sprintf("this recipe %s; it is kept as written, so it still needs make and a Makefile", c.bad), "")
			continue
		}
		msg := fmt.Sprintf("make %s becomes devenv tasks run %s in the task", strings.Join(c.goals, " "), strings.Join(c.tasks, " "))
		if c.silent {
			msg += "; the recipes echo their commands"
		}
		lw.warnOnce("make:"+pos.String(), pos, ir.Note, ir.IDMakeRecursive, msg, "")
	}
	for i := len(calls) - 1; i >= 0; i-- {
		if c := calls[i]; c.bad == "" {
			text = text[:c.start] + "devenv tasks run " + strings.Join(c.tasks, " ") + text[c.end:]
			changed = true
		}
	}
	return text, changed
}
