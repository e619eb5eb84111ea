package makefile

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The script named after a target does what "make TARGET" does, in one
// bash script that needs neither make nor devenv: the recipes of the
// target's prerequisites, recursively, one after the other, left to
// right, each once, a file target's only when its file is missing or
// older than a prerequisite; a recursive "$(MAKE) x y" runs the recipes of
// x and then y in its place. The script does not copy the recipes: it
// refers to the tasks' exec and status (config.tasks."make:x".exec), so
// that each recipe is written once, in its task. The tasks keep make's
// graph for devenv tasks run, which runs independent tasks at the same
// time, as make -j does.
//
// Each recipe runs in a subshell, so that what one sets (variables, the
// directory, shell options) does not reach the next, as make runs each in
// shells of its own, and so that the script's ERR trap, which a subshell
// does not inherit, sees only whether the recipe failed: the script stops
// at the first recipe that fails, with make's exit status, 2.

// scriptHeader starts every script, and every recursive make run in
// place: a recipe that fails stops it with make's exit status. (Each
// recipe sets -e itself when it runs several commands, as its task does.)
const scriptHeader = "trap 'exit 2' ERR\n"

// maxScriptSteps bounds the targets the scripts of one Makefile visit in
// all (each a recipe, a check or nothing to do): a chain of targets each needing the one before, or
// recursive makes inside recursive makes, would otherwise write scripts
// growing with the square of the targets, or faster.
const maxScriptSteps = 50000

// lowerScript writes the script named after t.
func (lw *lowerer) lowerScript(t *mkTarget) {
	b := &scriptBuilder{lw: lw, args: map[string]bool{}, budget: maxScriptSteps - lw.scriptSteps}
	if b.budget > 0 {
		b.plan([]string{t.name}, nil)
		b.flushChecks()
	}
	script := &ir.Script{Name: lw.scriptName[t.name], Source: t.name, Description: t.help, Pos: t.pos}
	if b.work > b.budget {
		lw.warnOnce("script-steps", t.pos, ir.Warning, ir.IDTooMany,
			fmt.Sprintf("the scripts would go through more than %d targets in all (long chains of prerequisites, or recursive makes): the script %s and those after it run devenv tasks run instead, which runs the prerequisites as make -j does", maxScriptSteps, script.Name), "")
		run := "devenv tasks run " + lw.taskName[t.name]
		if lw.lowered[t.name].body.usesArgs {
			run = argsEnv(lw.usedArgs(t)) + run
		}
		script.Exec = ir.Plain(run, t.pos)
		lw.scriptSteps = maxScriptSteps
		lw.proj.Scripts = append(lw.proj.Scripts, script)
		return
	}
	lw.scriptSteps += b.work
	var head strings.Builder
	head.WriteString(scriptHeader)
	var argNames []string
	for _, n := range argsVars {
		if b.args[n] {
			argNames = append(argNames, n)
			// make puts a variable set on its command line in the
			// recipes' environment.
			head.WriteString(`[ "$#" -eq 0 ] || export ` + n + `="$*"` + "\n")
		}
	}
	if b.steps == 0 {
		head.WriteString("true\n")
	}
	script.Parts = append([]ir.ScriptPart{{Lit: head.String()}}, b.parts...)
	var text strings.Builder
	for _, p := range script.Parts {
		text.WriteString(b.resolve(p))
	}
	script.Exec = ir.Plain(text.String(), t.pos)
	if len(argNames) > 0 {
		lw.diags.Add(t.pos, ir.IDMakeArgs,
			fmt.Sprintf("the recipes %s runs use %s, which people set on make's command line: the script takes it from its arguments", t.name, strings.Join(argNames, ", ")), "")
	}
	if bashBuiltins()[script.Name] {
		lw.diags.Add(t.pos, ir.IDMakeShadowed,
			fmt.Sprintf("bash's builtin %s hides the script %s", script.Name, script.Name),
			"run devenv tasks run "+lw.taskName[t.name])
	}
	lw.proj.Scripts = append(lw.proj.Scripts, script)
}

// scriptBuilder writes a script's exec.
type scriptBuilder struct {
	lw    *lowerer
	parts []ir.ScriptPart
	// args holds the argument variables the recipes use.
	args map[string]bool
	// steps counts the recipes and checks the script runs.
	steps int
	// checks are the last checks of prerequisites, not yet written.
	checks []pendingCheck
	// work counts the targets visited, and budget is how many the
	// script may visit; past it, planning stops.
	work, budget int
}

func (b *scriptBuilder) lit(s string) {
	if len(b.checks) > 0 {
		b.flushChecks()
	}
	if n := len(b.parts); n > 0 && b.parts[n-1].Task == "" {
		b.parts[n-1].Lit += s
		return
	}
	b.parts = append(b.parts, ir.ScriptPart{Lit: s})
}

func (b *scriptBuilder) ref(task string, status bool) {
	if len(b.checks) > 0 {
		b.flushChecks()
	}
	b.parts = append(b.parts, ir.ScriptPart{Task: task, Status: status})
}

// resolve returns the text of a part.
func (b *scriptBuilder) resolve(p ir.ScriptPart) string {
	if p.Task == "" {
		return p.Lit
	}
	lt := b.lw.lowered[b.lw.targetOfTask(p.Task)]
	if p.Status {
		return lt.task.Status.Val.Shell()
	}
	return lt.task.Exec.Shell()
}

// targetOfTask returns the target whose task is called name.
func (lw *lowerer) targetOfTask(name string) string {
	if lw.taskTarget == nil {
		lw.taskTarget = map[string]string{}
		for t, n := range lw.taskName {
			lw.taskTarget[n] = t
		}
	}
	return lw.taskTarget[name]
}

// plan appends what a make run with these goals does. stack holds the
// goals of the recursive makes being written, to stop a recursion that
// would not end.
func (b *scriptBuilder) plan(goals []string, stack []string) {
	lw := b.lw
	done := map[string]bool{}
	busy := map[string]bool{}
	var visit func(name, parent string)
	visit = func(name, parent string) {
		if done[name] || busy[name] || b.work > b.budget {
			// make drops a circular dependency, and makes a target once.
			return
		}
		b.work++
		t := lw.db.targets[name]
		if t == nil || !t.explicit() {
			done[name] = true
			if parent != "" && lw.isPlainFile(name) {
				b.checkExists(name, parent)
			}
			return
		}
		busy[name] = true
		normal, order := t.prereqs()
		for _, p := range append(normal, order...) {
			visit(p, name)
		}
		delete(busy, name)
		done[name] = true
		if b.work <= b.budget {
			b.step(t, stack)
		}
	}
	for _, g := range goals {
		visit(g, "")
	}
}

// checkExists stops the script as make stops when a prerequisite is
// neither a file nor a target. Checks of one target's prerequisites that
// follow each other share a line.
func (b *scriptBuilder) checkExists(name, parent string) {
	b.steps++
	if n := len(b.checks); n > 0 && b.checks[n-1].parent == parent && b.checks[n-1].at == len(b.parts) {
		b.checks[n-1].names = append(b.checks[n-1].names, name)
		return
	}
	b.flushChecks()
	b.checks = append(b.checks, pendingCheck{parent: parent, names: []string{name}, at: len(b.parts)})
}

// pendingCheck is a line of checks not yet written.
type pendingCheck struct {
	parent string
	names  []string
	at     int
}

// flushChecks writes the pending checks.
func (b *scriptBuilder) flushChecks() {
	checks := b.checks
	b.checks = nil
	for _, c := range checks {
		b.lit(b.lw.missingCheck(c.names, c.parent))
	}
}

// missingCheck returns a line that stops as make stops when one of names,
// prerequisites of parent, is neither a file nor a target.
func (lw *lowerer) missingCheck(names []string, parent string) string {
	if len(names) == 1 {
		msg := "make: *** No rule to make target '" + lw.nameInDouble(names[0]) + "', needed by '" + lw.nameInDouble(parent) + "'.  Stop."
		if !lw.fromEnv(names[0]) && !lw.fromEnv(parent) {
			msg = shell.Quote(fmt.Sprintf("make: *** No rule to make target '%s', needed by '%s'.  Stop.", names[0], parent), shell.ReadableQuotes)
		} else {
			msg = `"` + msg + `"`
		}
		return fmt.Sprintf("[ -e %s ] || { echo %s >&2; exit 2; }\n", lw.nameWord(names[0]), msg)
	}
	var words []string
	for _, n := range names {
		words = append(words, lw.nameWord(n))
	}
	msg := "make: *** No rule to make target '$f', needed by '" + lw.nameInDouble(parent) + "'.  Stop."
	return fmt.Sprintf("for f in %s; do [ -e \"$f\" ] || { echo \"%s\" >&2; exit 2; }; done\n", strings.Join(words, " "), msg)
}

// plainPrereqs returns t's prerequisites that are neither targets nor
// phony, nor made by a pattern rule (which is reported): files make
// expects to find.
func (lw *lowerer) plainPrereqs(t *mkTarget) []string {
	normal, order := t.prereqs()
	var out []string
	for _, p := range append(normal, order...) {
		if lw.isPlainFile(p) {
			out = append(out, p)
		}
	}
	return out
}

// isPlainFile reports whether a prerequisite is a file with no rule.
func (lw *lowerer) isPlainFile(name string) bool {
	if isDynKey(name) {
		return false // the words of $(shell find …) and the like
	}
	if pt := lw.db.targets[name]; pt != nil && pt.explicit() || lw.phony[name] {
		return false
	}
	for _, p := range lw.db.patternRules {
		if _, ok := matchPattern(p, name); ok {
			return false
		}
	}
	return true
}

// step appends the recipe of t: run always, or, for a file target, when
// its status check says the file is out of date.
func (b *scriptBuilder) step(t *mkTarget, stack []string) {
	lw := b.lw
	lt, ok := lw.lowered[t.name]
	if !ok || lt.body.err != nil || lt.task.Exec.IsEmpty() {
		// A process, a recipe that is not converted (reported), or a
		// target without recipe.
		return
	}
	b.steps++
	if lt.body.usesArgs {
		for _, n := range lw.usedArgs(t) {
			b.args[n] = true
		}
	}
	name := lt.task.Name
	if lt.task.Status.Set {
		b.lit("if ! (")
		b.ref(name, true)
		b.lit(parenSep(lt.task.Status.Val.Shell()) + "); then ")
		b.recipe(t, lt, stack)
		b.lit("; fi\n")
		return
	}
	b.recipe(t, lt, stack)
	b.lit("\n")
}

// recipe appends t's recipe in a subshell.
func (b *scriptBuilder) recipe(t *mkTarget, lt loweredTask, stack []string) {
	lw := b.lw
	sb, ok := lw.scriptBodies[t.name]
	if !ok {
		sb = lw.body(t, forScript)
		lw.scriptBodies[t.name] = sb
	}
	if sb.err != nil || sb.text == lt.body.text {
		b.lit("(")
		b.ref(lt.task.Name, false)
		b.lit(parenSep(lt.task.Exec.Shell()) + ")")
		return
	}
	// The recipe runs recursive makes: it is written here, with the
	// recipes of the sub-make's goals in place of each (and those it
	// cannot run in place kept as written, where the task runs devenv).
	text := sb.text
	b.lit("(")
	for len(text) > 0 {
		at, which := -1, subMake{}
		for _, s := range sb.subMakes {
			if i := strings.Index(text, s.placeholder); i >= 0 && (at < 0 || i < at) {
				at, which = i, s
			}
		}
		if at < 0 {
			b.lit(text)
			break
		}
		b.lit(text[:at])
		text = text[at+len(which.placeholder):]
		if recursion(stack, which.goals) {
			lw.warnOnce("script-loop:"+which.pos.String(), which.pos, ir.Warning, ir.IDMakeRecursive,
				fmt.Sprintf("make %s runs itself again, without end; the scripts run make as written there", strings.Join(which.goals, " ")), "")
			b.lit(which.text)
			continue
		}
		// A sub-make is a process of its own: it stops at its first
		// failing recipe and exits 2, whatever the line around it does.
		b.lit("(" + scriptHeader)
		b.plan(which.goals, append(stack, strings.Join(which.goals, " ")))
		b.lit(")")
	}
	b.lit(parenSep(sb.text) + ")")
}

// recursion reports whether the goals of a recursive make are already
// being made by one that encloses it.
func recursion(stack, goals []string) bool {
	key := strings.Join(goals, " ")
	for _, s := range stack {
		if s == key {
			return true
		}
	}
	return false
}

// parenSep returns what must come between text and a ")" after it: a
// newline when text ends in a line a ")" would be part of (a comment, a
// here document).
func parenSep(text string) string {
	if text == "" || strings.HasSuffix(text, "\n") {
		return ""
	}
	last := text[strings.LastIndexByte(text, '\n')+1:]
	if strings.ContainsAny(last, "#\\") || strings.Contains(last, "<<") {
		return "\n"
	}
	return ""
}
