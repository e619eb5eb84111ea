package makefile

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// taskPrefix starts the name of every task made from a Makefile target.
const taskPrefix = "make:"

// lowerer turns make's database into tasks, scripts and processes.
type lowerer struct {
	db    *database
	proj  *ir.Project
	opts  Options
	diags *ir.Diagnostics
	// warned keeps one-time diagnostics from repeating.
	warned map[string]bool

	// phony holds the targets that always run: declared .PHONY, or
	// treated so.
	phony map[string]bool
	// tasks holds the targets that become tasks, process those that
	// become processes.
	tasks   map[string]bool
	process map[string]bool
	// taskName and scriptName are the names in the output.
	taskName   map[string]string
	scriptName map[string]string
	// args holds the variables that stand for a script's arguments.
	args map[string]bool
	// exports are lines that export variables to every recipe.
	exports []string
	flags   shellFlags
	// shIsSh says recipes ran with /bin/sh.
	shIsSh  bool
	recipes map[string]expandedRecipe
	noted   map[string]bool
	// orderOnly holds every order-only prerequisite, made on first use.
	orderOnly map[string]bool
	// lowered holds the tasks written so far, by target, and
	// scriptBodies the recipes as scripts run them.
	lowered      map[string]loweredTask
	scriptBodies map[string]bodyResult
	taskTarget   map[string]string
	// scriptSteps counts the steps of the scripts written so far.
	scriptSteps int
}

// loweredTask is a target's task and the recipe it runs.
type loweredTask struct {
	task *ir.Task
	body bodyResult
}

// argsVars are the variable names by which Makefiles take extra
// arguments from the command line (make test ARGS=-v).
var argsVars = []string{"ARGS", "ARG", "args", "arg"}

// lower lowers make's database, db, to the tasks, scripts and processes
// of proj, as opts ask. Problems go to diags.
func lower(db *database, proj *ir.Project, opts Options, diags *ir.Diagnostics) {
	lw := &lowerer{
		db: db, proj: proj, opts: opts, diags: diags, warned: map[string]bool{},
		phony: map[string]bool{}, tasks: map[string]bool{}, process: map[string]bool{},
		taskName: map[string]string{}, scriptName: map[string]string{}, args: map[string]bool{},
		recipes: map[string]expandedRecipe{}, noted: map[string]bool{},
		lowered: map[string]loweredTask{}, scriptBodies: map[string]bodyResult{},
	}
	lw.shell()
	lw.findArgs()
	lw.classify()
	lw.selectTargets()
	lw.names()
	lw.globalExports()
	lw.checkTargetVars()
	parallelNoted := false
	for _, name := range lw.db.order {
		t := lw.db.targets[name]
		switch {
		case lw.process[name]:
			lw.lowerProcess(t)
		case lw.tasks[name]:
			if !parallelNoted && !lw.db.notParallel {
				if normal, order := t.prereqs(); len(normal)+len(order) > 1 {
					parallelNoted = true
					lw.diags.AddAs(t.pos, ir.Note, ir.IDMakeParallel,
						fmt.Sprintf("the task runs the prerequisites of %s in parallel; the script does not", name), "")
				}
			}
			lw.lowerTask(t)
		}
	}
	for _, name := range lw.db.order {
		if lt, ok := lw.lowered[name]; ok && lw.wantsScript(name) && lt.body.err == nil {
			lw.lowerScript(lw.db.targets[name])
		}
	}
	if d := lw.db.dotenv; len(d) > 0 {
		proj.Dotenv = &ir.Dotenv{Files: dedupStrings(d), Pos: lw.db.dotenvPos}
	}
}

// warnOnce adds a diagnostic unless one with the same key was added.
func (lw *lowerer) warnOnce(key string, pos ir.Pos, sev ir.Severity, id ir.ID, msg, hint string) {
	if lw.warned[key] {
		return
	}
	lw.warned[key] = true
	lw.diags.AddAs(pos, sev, id, msg, hint)
}

func dedupStrings(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// shell checks SHELL and .SHELLFLAGS: devenv runs tasks and scripts with
// bash.
func (lw *lowerer) shell() {
	e := lw.db.expander()
	lw.shIsSh = true
	if v := lw.db.vars["SHELL"]; v != nil {
		sh := strings.TrimSpace(e.value(v, v.pos).fallback())
		words := fields(sh)
		prog := ""
		if len(words) > 0 {
			prog = words[len(words)-1]
			if len(words) == 2 && strings.HasSuffix(words[0], "/env") {
				prog = words[1]
			}
		}
		switch base := prog[strings.LastIndexByte(prog, '/')+1:]; base {
		case "bash":
			lw.shIsSh = false
		case "sh", "dash", "":
		default:
			lw.diags.Add(v.pos, ir.IDMakeShellProgram,
				fmt.Sprintf("SHELL is %s, but devenv runs tasks and scripts with bash; the recipes are written for bash as they are", sh),
				"check that the recipes run in bash")
		}
	}
	if v := lw.db.vars[".SHELLFLAGS"]; v != nil {
		words := fields(e.value(v, v.pos).fallback())
		for i := 0; i < len(words); i++ {
			w := words[i]
			switch {
			case w == "-c" && i == len(words)-1:
			case w == "-o" && i+1 < len(words):
				i++
				switch words[i] {
				case "pipefail":
					lw.flags.pipefail = true
				case "errexit":
					lw.flags.errexit = true
				case "nounset":
					lw.flags.nounset = true
				case "xtrace":
					lw.flags.xtrace = true
				default:
					lw.diags.Add(v.pos, ir.IDMakeShellProgram, fmt.Sprintf(".SHELLFLAGS sets -o %s, which the output does not", words[i]), "")
				}
			case strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--"):
				for _, c := range w[1:] {
					switch c {
					case 'e':
						lw.flags.errexit = true
					case 'u':
						lw.flags.nounset = true
					case 'x':
						lw.flags.xtrace = true
					case 'c':
						if i != len(words)-1 {
							lw.diags.Add(v.pos, ir.IDMakeShellProgram, ".SHELLFLAGS does not end in -c", "")
						}
					case 'o':
						if i+1 < len(words) && words[i+1] == "pipefail" {
							lw.flags.pipefail = true
							i++
						}
					default:
						lw.diags.Add(v.pos, ir.IDMakeShellProgram, fmt.Sprintf(".SHELLFLAGS sets -%c, which the output does not", c), "")
					}
				}
			default:
				lw.diags.Add(v.pos, ir.IDMakeShellProgram, fmt.Sprintf(".SHELLFLAGS holds %q, which the output does not keep", w), "")
			}
		}
	}
}

// findArgs finds the variables that stand for a script's arguments: an
// ARGS-like variable the Makefile leaves empty.
func (lw *lowerer) findArgs() {
	for _, n := range argsVars {
		v := lw.db.vars[n]
		if v == nil || v.flavor == recursive && strings.TrimSpace(v.raw) == "" || v.flavor == simple && len(v.value) == 0 {
			lw.args[n] = true
		}
	}
}

// classify decides which targets always run (phony) and which are files.
func (lw *lowerer) classify() {
	for _, name := range lw.db.order {
		t := lw.db.targets[name]
		if lw.db.phony[name] {
			lw.phony[name] = true
			continue
		}
		if !t.explicit() {
			continue
		}
		if lw.looksPhony(t) {
			lw.phony[name] = true
			lw.diags.Add(t.pos, ir.IDMakeImplicit,
				fmt.Sprintf("target %s is treated as .PHONY", name),
				"")
		}
	}
}

// looksPhony reports whether a target not declared .PHONY is one in
// practice: a plain name, whose recipe does not refer to $@ and whose
// prerequisites are other targets.
func (lw *lowerer) looksPhony(t *mkTarget) bool {
	if strings.ContainsAny(t.name, "./") || lw.fromEnv(t.name) {
		return false
	}
	for _, r := range t.rules {
		for _, rl := range r.recipe {
			if strings.Contains(rl.text, "$@") || strings.Contains(rl.text, "$(@") || strings.Contains(rl.text, "${@") {
				return false
			}
		}
		if len(r.dynPrereqs) > 0 {
			return false
		}
	}
	normal, _ := t.prereqs()
	for _, p := range normal {
		if lw.db.targets[p] == nil || !lw.db.targets[p].explicit() {
			return false
		}
	}
	return !lw.usedAsFile(t.name) && !recipeMakes(t)
}

// usedAsFile reports whether name is an order-only prerequisite: the
// idiom for directories.
func (lw *lowerer) usedAsFile(name string) bool {
	if lw.orderOnly == nil {
		// Once, not once per target: a Makefile of many targets would
		// take time growing with their square.
		lw.orderOnly = map[string]bool{}
		for _, n := range lw.db.order {
			_, order := lw.db.targets[n].prereqs()
			for _, p := range order {
				lw.orderOnly[p] = true
			}
		}
	}
	return lw.orderOnly[name]
}

// recipeMakes reports whether t's recipe visibly makes a file named like
// the target: mkdir or touch of it, a redirection into it, -o it.
func recipeMakes(t *mkTarget) bool {
	// Compile the expression only for a recipe that names the target:
	// most do not, and compiling one per target costs more than the rest
	// of the Makefile's lowering.
	named := false
	for _, r := range t.rules {
		for _, rl := range r.recipe {
			named = named || strings.Contains(rl.text, t.name)
		}
	}
	if !named {
		return false
	}
	q := regexp.QuoteMeta(t.name)
	re, err := regexp.Compile(`(?:\b(?:mkdir|touch)\b[^;&|]*\s|>>?\s*|\s-o\s+)` + q + `(?:$|[\s;&|)])`)
	if err != nil {
		return false
	}
	for _, r := range t.rules {
		for _, rl := range r.recipe {
			if re.MatchString(rl.text) {
				return true
			}
		}
	}
	return false
}

// selectTargets decides which targets become processes and which tasks:
// every phony target and every file target a phony one needs, or every
// target with --scripts all.
func (lw *lowerer) selectTargets() {
	for _, name := range lw.opts.ProcessesFromTargets {
		t := lw.db.targets[name]
		switch {
		case t == nil || !t.explicit():
			lw.diags.Add(ir.Pos{File: lw.db.file}, ir.IDMakeUnknownGoal,
				fmt.Sprintf("--processes-from-targets names %s, which the Makefile has no rule for", name), "")
		case !t.hasRecipe():
			lw.diags.Add(t.pos, ir.IDMakeProcess,
				fmt.Sprintf("target %s has no recipe to run as a process; it stays a task", name), "")
		default:
			lw.process[name] = true
		}
	}
	var visit func(name string, from *mkTarget)
	visit = func(name string, from *mkTarget) {
		if isDynKey(name) {
			return
		}
		t := lw.db.targets[name]
		if t == nil || !t.explicit() {
			if from != nil && !lw.phony[name] && len(lw.db.patternRules) > 0 {
				for _, p := range lw.db.patternRules {
					if _, ok := matchPattern(p, name); ok {
						lw.warnOnce("pattern:"+name, from.pos, ir.Warning, ir.IDMakePattern,
							fmt.Sprintf("%s needs %s, which only the pattern rule %s makes; that rule is not converted", from.name, name, p), "")
						break
					}
				}
			}
			return
		}
		if lw.tasks[name] || lw.process[name] && from == nil {
			return
		}
		if !lw.process[name] {
			lw.tasks[name] = true
		}
		normal, order := t.prereqs()
		for _, p := range append(normal, order...) {
			visit(p, t)
		}
	}
	for _, name := range lw.db.order {
		t := lw.db.targets[name]
		if !t.explicit() {
			continue
		}
		if lw.phony[name] || lw.process[name] || lw.opts.Scripts == "all" {
			visit(name, nil)
		}
	}
	for _, name := range lw.db.order {
		t := lw.db.targets[name]
		if t.explicit() && !lw.tasks[name] && !lw.process[name] {
			lw.diags.Add(t.pos, ir.IDMakeNotNeeded,
				fmt.Sprintf("file target %s is not converted: no phony target needs it", name),
				"declare it .PHONY, or use --scripts all")
		}
	}
	// A target with nothing to do and nothing to wait for is left out.
	for name := range lw.tasks {
		t := lw.db.targets[name]
		normal, order := t.prereqs()
		if !t.hasRecipe() && len(staticPrereqs(normal))+len(staticPrereqs(order)) == 0 {
			delete(lw.tasks, name)
			dynamic := false
			for _, r := range t.rules {
				dynamic = dynamic || len(r.dynPrereqs) > 0
			}
			msg := fmt.Sprintf("target %s has neither a recipe nor prerequisites: there is nothing to convert", name)
			if dynamic {
				msg = fmt.Sprintf("target %s has no recipe, and its prerequisites are known only when make runs: there is nothing to convert", name)
			}
			lw.diags.Add(t.pos, ir.IDMakeNotNeeded, msg, "")
		}
	}
}

// globalExports decides how exported variables reach the recipes:
// literal values go to devenv's env, the others are exported by every
// recipe.
func (lw *lowerer) globalExports() {
	var names []string
	for n := range lw.db.vars {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := lw.db.vars[names[i]], lw.db.vars[names[j]]
		if a.pos != b.pos {
			return a.pos.Before(b.pos)
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		v := lw.db.vars[n]
		if strings.HasPrefix(n, "\x01") || v.origin == originAutomatic || !shellNameRE.MatchString(n) {
			continue
		}
		exported := v.export > 0 || lw.db.exportAll && v.export == 0 && !noExport[n]
		if !exported && v.selfRef && v.export == 0 {
			// PATH := x:$(PATH) changes a variable make took from the
			// environment, and make passes it on to the recipes.
			exported = true
			lw.diags.Add(v.pos, ir.IDMakeExport,
				fmt.Sprintf("%s builds on the environment's %s, and make passes it to the recipes' environment: each task and script exports it", n, n), "")
			if line, ok := lw.exportLine(v, nil); ok {
				lw.exports = append(lw.exports, line)
			}
			continue
		}
		if !exported {
			continue
		}
		e := lw.db.expander()
		value := e.value(v, v.pos)
		if s, ok := value.static(); ok && !strings.Contains(s, rootMark) {
			lw.proj.Env = append(lw.proj.Env, ir.EnvVar{Name: n, Value: ir.Plain(s, v.pos), Pos: v.pos})
			lw.diags.Add(v.pos, ir.IDMakeExport,
				fmt.Sprintf("make exports %s to every recipe; devenv's env sets it for the whole environment", n), "")
			continue
		}
		if line, ok := lw.exportLine(v, nil); ok {
			lw.exports = append(lw.exports, line)
			lw.diags.Add(v.pos, ir.IDMakeExport,
				fmt.Sprintf("make exports %s to every recipe; its value needs bash to expand it, so each task and script exports it", n), "")
		}
	}
}

// noExport are variables "export" alone does not export.
var noExport = map[string]bool{"SHELL": true, "MAKEFLAGS": true, "MAKEFILES": true, "MAKELEVEL": true, "MAKE": true, "MAKECMDGOALS": true, "CURDIR": true}

// checkTargetVars reports target-specific variables that make would pass
// on to the recipes of the target's prerequisites.
func (lw *lowerer) checkTargetVars() {
	for _, name := range lw.db.order {
		t := lw.db.targets[name]
		for _, tv := range t.vars {
			if tv.v.private {
				continue
			}
			seen := map[string]bool{}
			var walk func(n string)
			walk = func(n string) {
				p := lw.db.targets[n]
				if p == nil || seen[n] {
					return
				}
				seen[n] = true
				if n != name && lw.tasks[n] && !hasOwnVar(p, tv.v.name) && recipeUses(p, tv.v.name) {
					lw.diags.Add(tv.pos, ir.IDMakeTargetVar,
						fmt.Sprintf("make passes %s's value of %s on to its prerequisite %s; the task %s uses the Makefile's global value", name, tv.v.name, n, taskPrefix+n),
						"give "+n+" its own value")
				}
				normal, order := p.prereqs()
				for _, q := range append(normal, order...) {
					walk(q)
				}
			}
			walk(name)
		}
	}
}

func hasOwnVar(t *mkTarget, name string) bool {
	for _, tv := range t.vars {
		if tv.v.name == name {
			return true
		}
	}
	return false
}

func recipeUses(t *mkTarget, name string) bool {
	for _, r := range t.rules {
		for _, rl := range r.recipe {
			if referencesName(rl.text, name) || len(name) == 1 && strings.Contains(rl.text, "$"+name) {
				return true
			}
		}
	}
	return false
}

// afterList returns the tasks t waits for: its prerequisites that are
// tasks, in order, order-only ones last.
func (lw *lowerer) afterList(t *mkTarget) []string {
	normal, order := t.prereqs()
	var after []string
	for _, p := range append(normal, order...) {
		if n, ok := lw.taskName[p]; ok {
			after = append(after, n)
		} else if lw.process[p] {
			lw.warnOnce("procdep:"+t.name+":"+p, t.pos, ir.Warning, ir.IDMakeProcess,
				fmt.Sprintf("%s needs %s, which is now a process that keeps running; the task does not wait for it", t.name, p), "")
		}
	}
	return after
}

// lowerTask writes one target as a task, and its script.
func (lw *lowerer) lowerTask(t *mkTarget) {
	name := lw.taskName[t.name]
	task := &ir.Task{Name: name, Source: t.name, Description: t.help, After: lw.afterList(t), Pos: t.pos}
	if t.name == lw.defaultGoal() {
		task.Comments = append(task.Comments, "make's default goal: what plain `make` runs")
	}
	b := lw.body(t, forTask)
	if b.err != nil {
		lw.unconvertible(t, b, &task.Comments)
	} else if b.text != "" {
		task.Exec = ir.Plain(b.text, t.pos)
		task.ShowOutput = true
	}
	if t.doubleColon && len(t.rules) > 1 {
		msg := fmt.Sprintf("%s has %d double-colon rules: the task runs their recipes one after the other", t.name, len(t.rules))
		if !lw.phony[t.name] {
			msg += ", where make runs each only when its own prerequisites are newer"
		}
		lw.diags.Add(t.pos, ir.IDMakeDoubleColon, msg, "")
	}
	if st, ok := lw.status(t); ok && b.err == nil {
		task.Status = ir.Some(ir.Plain(st, t.pos), t.pos)
	}
	lw.proj.Tasks = append(lw.proj.Tasks, task)
	if lw.phony[t.name] && looksLikeServer(lw.recipe(t)) {
		lw.diags.AddAs(t.pos, ir.Note, ir.IDMakeProcess,
			fmt.Sprintf("target %s looks like a server, but stays a task", t.name),
			"--processes-from-targets "+t.name+" makes it a process")
	}
	if recipeUses(t, "MAKEFILE_LIST") {
		lw.diags.Add(t.pos, ir.IDMakeSpecial,
			fmt.Sprintf("the recipe of %s reads the Makefile itself ($(MAKEFILE_LIST)), so it needs the Makefile to stay; the help comments are the descriptions devenv info shows", t.name), "")
	}
	lw.lowered[t.name] = loweredTask{task: task, body: b}
}

// usedArgs lists the argument variables t's recipe uses.
func (lw *lowerer) usedArgs(t *mkTarget) []string {
	var out []string
	for _, n := range argsVars {
		if lw.args[n] && recipeUses(t, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		for _, n := range argsVars {
			if lw.args[n] {
				return []string{n}
			}
		}
	}
	return out
}

// argsEnv sets the argument variables to the script's arguments.
func argsEnv(names []string) string {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n + `="$*" `)
	}
	return b.String()
}

// unconvertible reports a recipe the converter cannot write, with the
// recipe as comments for whoever finishes the job.
func (lw *lowerer) unconvertible(t *mkTarget, b bodyResult, comments *[]string) {
	why := b.err.Error()
	lw.diags.Add(b.pos, ir.IDMakeRecipe,
		fmt.Sprintf("the recipe of %s is not converted: it uses %s", t.name, why), "rewrite that part of the recipe, or write the task by hand")
	*comments = append(*comments, fmt.Sprintf("TODO(pc2devenv): the recipe is not converted: it uses %s; make runs:", why))
	for _, r := range t.rules {
		for _, rl := range r.recipe {
			for _, line := range strings.Split(rl.text, "\n") {
				*comments = append(*comments, "  "+line)
			}
		}
	}
}

// defaultGoal returns the target plain make runs.
func (lw *lowerer) defaultGoal() string {
	if v := lw.db.vars[".DEFAULT_GOAL"]; v != nil {
		e := lw.db.expander()
		return strings.TrimSpace(e.value(v, v.pos).fallback())
	}
	return lw.db.defaultGoal
}

// noteDyn explains, once per variable or command, what was left for bash.
func (lw *lowerer) noteDyn(d *dyn) {
	if d.pos == (ir.Pos{}) {
		return
	}
	switch d.kind {
	case dynEnv:
		if lw.args[d.name] || lw.noted["env:"+d.name] {
			return
		}
		lw.noted["env:"+d.name] = true
		lw.diags.AddAs(d.pos, ir.Note, ir.IDMakeEnvVar,
			fmt.Sprintf("%s is not defined in the Makefile: bash reads $%s from the environment", d.name, d.name), "")
	case dynEnvDefault:
		if lw.noted["default:"+d.name] {
			return
		}
		lw.noted["default:"+d.name] = true
		lw.diags.AddAs(d.pos, ir.Note, ir.IDMakeEnvDefault,
			fmt.Sprintf("%s is set with ?=, so the environment can override it: the output sets it only when the environment does not", d.name), "")
	case dynShell:
		key := "shell:" + d.pos.String()
		if lw.noted[key] || d.why == "!=" {
			return
		}
		lw.noted[key] = true
		lw.diags.Add(d.pos, ir.IDMakeShell,
			fmt.Sprintf("$(shell %s) becomes $(%s)", d.cmd.makeText(), lw.bashText(d.cmd)), "")
	case dynGlob:
		key := "glob:" + d.pos.String()
		if lw.noted[key] {
			return
		}
		lw.noted[key] = true
		lw.diags.Add(d.pos, ir.IDMakeFunction,
			fmt.Sprintf("$(wildcard %s) becomes the bash glob %s, which stays as written when no file matches (make's gives nothing)", d.cmd.fallback(), d.cmd.fallback()), "")
	}
}

// bashText returns v as bash writes it, for messages: its fallback when it
// holds what bash cannot compute.
func (lw *lowerer) bashText(v val) string {
	if s, err := (&renderer{mode: forTask, args: lw.args, seen: map[string]bool{}}).render(v); err == nil {
		return s
	}
	return v.fallback()
}

// serverRE matches commands that start development servers and
// watchers: targets ending in one are better run as processes.
var (
	composeUpRE = lazyre.New(`compose up\b(.*)`)
	detachRE    = lazyre.New(`(^|\s)(-d|--detach)\b`)
)

var serverRE = lazyre.New(`(?:^|[\s;&|("])(?:(?:npm|pnpm|yarn|bun)(?: run)? (?:dev|start|serve|watch)\b|uvicorn\b.*--reload|flask run\b|(?:bin/)?rails (?:s|server)\b|manage\.py runserver\b|php artisan serve\b|hugo server\b|next dev\b|vite(?:$|\s)|nodemon\b|cargo watch\b|air(?:$|\s)|process-compose up\b|docker[ -]compose up\b|--watch\b)`)

// looksLikeServer reports whether a recipe's last command starts a
// long-running server or watcher.
func looksLikeServer(rec expandedRecipe) bool {
	if len(rec.cmds) == 0 {
		return false
	}
	last := rec.cmds[len(rec.cmds)-1].v.fallback()
	if !serverRE.MatchString(last) {
		return false
	}
	if m := composeUpRE.FindStringSubmatch(last); m != nil && detachRE.MatchString(m[1]) {
		return false
	}
	return true
}

// lowerProcess writes a target chosen with --processes-from-targets as a
// process.
func (lw *lowerer) lowerProcess(t *mkTarget) {
	b := lw.body(t, forProcess)
	p := &ir.Process{Name: lw.scriptName[t.name], Description: t.help, Pos: t.pos,
		Restart: &ir.Restart{Pos: t.pos, Policy: ir.Some(ir.RestartNo, t.pos)}}
	p.After = lw.afterList(t)
	if b.err != nil {
		lw.unconvertible(t, b, &p.Comments)
		p.Command = ir.Plain("true", t.pos)
	} else {
		p.Command = ir.Plain(b.text, t.pos)
	}
	lw.diags.AddAs(t.pos, ir.Note, ir.IDMakeProcess,
		fmt.Sprintf("target %s becomes a process (--processes-from-targets)", t.name), "")
	lw.proj.Processes = append(lw.proj.Processes, p)
}
