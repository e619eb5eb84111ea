package makefile

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// reader reads makefiles into make's database, as GNU make 4.3 reads
// them.
type reader struct {
	db    *database
	diags *ir.Diagnostics
	// readFile reads included makefiles (Options.ReadFile).
	readFile func(name string) ([]byte, error)
	// dir is the directory of the main makefile; includes are relative
	// to it, as they are to make's working directory.
	dir string

	// cur holds the rules that receive recipe lines, one per target of
	// the last rule line; inRule is set between a rule line and the next
	// line that ends its recipe. noTargets is set for a rule whose
	// targets expand to nothing, whose recipe make ignores.
	cur       []*curRule
	inRule    bool
	noTargets bool

	conds []condFrame
	// help holds the text of "## …" lines just read, for the rule that
	// follows them.
	help    []string
	helpPos ir.Pos

	notedEnv map[string]bool
	// stopped is set by an $(error …) make would stop at.
	stopped bool
	depth   int
	// included counts the files included so far, against maxIncludes.
	included int
	// lx is the lexer of the file being read.
	lx *mkLexer
	// budget is what is left of maxExpansion.
	budget int
	// warned keeps one-time diagnostics from repeating.
	warned map[string]bool
}

// curRule is a rule receiving recipe lines.
type curRule struct {
	t    *mkTarget
	rule *mkRule
	// fresh says the rule line started this recipe: a recipe line
	// replaces an earlier recipe of the target only once.
	fresh bool
}

// read reads the main makefile file, whose content is src, and the files
// it includes (read with readFile, when not nil) into make's database.
// Problems go to diags.
func read(file string, src []byte, readFile func(name string) ([]byte, error), diags *ir.Diagnostics) *database {
	r := &reader{
		db: newDatabase(), diags: diags, readFile: readFile, dir: filepath.Dir(file),
		notedEnv: map[string]bool{}, warned: map[string]bool{}, budget: maxExpansion,
	}
	r.db.file, r.db.reader = file, r
	r.db.makefiles = []string{filepath.Base(file)}
	r.readMakefile(file, string(src))
	return r.db
}

// readMakefile reads one makefile (the main one or an included one).
func (r *reader) readMakefile(file, src string) {
	r.readLexer(newMkLexer(file, src))
	r.endRule()
}

// readLexer reads every line of lx.
func (r *reader) readLexer(lx *mkLexer) {
	saveLx := r.lx
	r.lx = lx
	defer func() { r.lx = saveLx }()
	depthConds := len(r.conds)
	for !lx.done() && !r.stopped {
		if r.inRule && lx.peekRecipe() {
			l := lx.recipeLine()
			if r.skipping() || r.noTargets {
				continue
			}
			r.addRecipe(&l, l.text)
			continue
		}
		l := lx.line()
		r.statement(lx, &l)
	}
	for len(r.conds) > depthConds {
		c := r.conds[len(r.conds)-1]
		r.diags.Add(c.pos, ir.IDMakeSyntax, "missing endif: the conditional is not closed", "add endif")
		r.conds = r.conds[:len(r.conds)-1]
	}
}

// warnOnce adds a diagnostic unless one with the same key was added.
func (r *reader) warnOnce(key string, pos ir.Pos, sev ir.Severity, id ir.ID, msg, hint string) {
	if r.warned[key] {
		return
	}
	r.warned[key] = true
	r.diags.AddAs(pos, sev, id, msg, hint)
}

// endRule ends the current rule's recipe.
func (r *reader) endRule() {
	r.cur = nil
	r.inRule = false
	r.noTargets = false
}

// firstWord splits s after its first word.
func firstWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

// statement reads one logical line outside a recipe.
func (r *reader) statement(lx *mkLexer, l *mkLine) {
	text := strings.TrimLeft(l.text, " \t")
	if text == "" {
		if !r.skipping() && l.hasComment && strings.HasPrefix(l.comment, "#") && strings.TrimSpace(l.text) == "" && l.pos.Col == 1 {
			if len(r.help) == 0 {
				r.helpPos = l.pos
			}
			r.help = append(r.help, strings.TrimSpace(strings.TrimLeft(l.comment, "#")))
		} else if !l.hasComment {
			r.help = nil
		}
		return
	}
	word, rest := firstWord(text)
	if r.conditional(word, rest, l) {
		return
	}
	if r.skipping() {
		if word == "define" || strings.HasSuffix(word, "define") && isModifier(strings.TrimSuffix(word, "define")) {
			r.skipDefine(lx)
		} else if w2, _ := firstWord(rest); isModifier(word) && w2 == "define" {
			r.skipDefine(lx)
		}
		return
	}
	help := r.help
	r.help = nil
	switch word {
	case "endef":
		r.diags.Add(l.pos, ir.IDMakeSyntax, "extraneous endef: there is no define to end", "")
		return
	case "include", "-include", "sinclude":
		r.endRule()
		r.include(rest, word != "include", l)
		return
	case "vpath", "load", "-load":
		r.endRule()
		r.diags.Add(l.pos, ir.IDMakeDirective,
			fmt.Sprintf("the %s directive has no equivalent in devenv; it is left out", strings.TrimPrefix(word, "-")),
			"")
		return
	case "undefine":
		r.endRule()
		_, name := r.modifiers(rest)
		e := r.expanderAt(l, -1)
		delete(r.db.vars, e.staticOrWarn(e.expand(strings.TrimSpace(name)), "the name given to undefine"))
		return
	}
	mods, after := r.modifiers(text)
	if w, rest2 := firstWord(after); w == "define" {
		r.endRule()
		r.define(lx, l, rest2, mods)
		return
	}
	if name, op, value, ok := parseAssign(after); ok {
		r.endRule()
		if name == "" {
			r.diags.Add(l.pos, ir.IDMakeSyntax, "empty variable name", "")
			return
		}
		r.assign(l, name, op, value, mods, nil)
		return
	}
	if mods.export || mods.unexport {
		if strings.TrimSpace(after) == "" || !strings.ContainsAny(after, ":") {
			r.endRule()
			r.exportNames(l, after, mods)
			return
		}
	}
	if mods.any() {
		r.endRule()
		r.diags.Add(l.pos, ir.IDMakeSyntax, "a directive modifier (override, export, private) without a variable assignment", "")
		return
	}
	if ruleColon(text) >= 0 {
		r.rule(l, text, help)
		return
	}
	// A line that is a variable reference alone, like $(eval ...), is
	// expanded for its effects; what it expands to must be empty.
	if strings.HasPrefix(text, "$") {
		v := r.expanderAt(l, len(l.text)-len(text)).expand(text)
		if v.isEmpty() {
			return
		}
		if s, ok := v.static(); ok && ruleColon(s) >= 0 {
			r.rule(l, s, help)
			return
		}
	}
	msg := "missing separator: the line is neither a rule, a variable assignment nor a directive"
	switch {
	case strings.HasPrefix(l.text, "\t"):
		msg = "recipe commences before first target: a tab-led line outside a rule"
	case strings.HasPrefix(l.text, " ") && r.inRule:
		msg = "missing separator: recipe lines must start with a tab, not spaces"
	}
	r.diags.Add(l.pos, ir.IDMakeSyntax, msg, "")
}

// modifiers of a variable assignment.
type varMods struct {
	override, export, unexport, private bool
}

func (m varMods) any() bool { return m.override || m.export || m.unexport || m.private }

func isModifier(w string) bool {
	switch w {
	case "override", "export", "unexport", "private":
		return true
	}
	return false
}

// modifiers strips the leading modifier words of text.
func (r *reader) modifiers(text string) (varMods, string) {
	var m varMods
	for {
		w, rest := firstWord(text)
		switch w {
		case "override":
			m.override = true
		case "export":
			m.export = true
		case "unexport":
			m.unexport = true
		case "private":
			m.private = true
		default:
			return m, text
		}
		// "export = x" assigns the variable called export.
		if _, _, _, ok := parseAssign(rest); !ok {
			if name, _, _, ok := parseAssign(text); ok && strings.TrimSpace(name) == w {
				return m, text
			}
		} else if n, _, _, _ := parseAssign(rest); n == "" {
			return m, text
		}
		text = rest
	}
}

// parseAssign splits a variable assignment into name, operator and value.
// It reports false for a line that is not one (a rule, a directive).
func parseAssign(s string) (name, op, value string, ok bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'):
			depth++
			i++
		case (c == ')' || c == '}') && depth > 0:
			depth--
		case depth > 0:
		case c == '=':
			op = "="
			end := i
			if i > 0 {
				switch s[i-1] {
				case '+', '?', '!':
					op = string(s[i-1]) + "="
					end = i - 1
				}
			}
			return strings.TrimSpace(s[:end]), op, strings.TrimLeft(s[i+1:], " \t"), true
		case c == ':':
			for _, o := range []string{":::=", "::=", ":="} {
				if strings.HasPrefix(s[i:], o) {
					return strings.TrimSpace(s[:i]), o, strings.TrimLeft(s[i+len(o):], " \t"), true
				}
			}
			return "", "", "", false
		case c == '#':
			return "", "", "", false
		}
	}
	return "", "", "", false
}

// assign performs a variable assignment, globally or (t non-nil) for a
// target.
func (r *reader) assign(l *mkLine, name, op, value string, mods varMods, t *mkTarget) {
	e := r.expanderAt(l, -1)
	if strings.Contains(name, "$") {
		name = e.staticOrWarn(e.expand(name), "a variable name")
	}
	name = strings.TrimSpace(name)
	pos := l.pos
	vars := r.db.vars
	if t != nil {
		vars = map[string]*mkVar{}
		for _, tv := range t.vars {
			vars[tv.v.name] = tv.v
		}
		e.scopes = []map[string]*mkVar{vars}
	}
	old := vars[name]
	if old == nil && t == nil {
		old = r.db.vars[name]
	}
	if old != nil && old.origin == originOverride && !mods.override {
		return
	}
	origin := originFile
	if mods.override {
		origin = originOverride
	}
	v := &mkVar{name: name, origin: origin, pos: pos, private: mods.private}
	if old != nil {
		v.export = old.export
	} else if exp, ok := r.db.exportLater[name]; ok && t == nil {
		v.export = -1
		if exp {
			v.export = 1
		}
	}
	if mods.export {
		v.export = 1
	} else if mods.unexport {
		v.export = -1
	}
	switch op {
	case "=":
		v.flavor = recursive
		v.raw = value
	case ":=", "::=", ":::=":
		v.flavor = simple
		v.value = e.expand(value)
		v.selfRef = old == nil && referencesName(value, name)
	case "?=":
		if old != nil {
			if t == nil || old == vars[name] {
				return
			}
		}
		if _, ok := builtinVars[name]; ok && t == nil {
			r.diags.Add(pos, ir.IDMakeEnvDefault,
				fmt.Sprintf("%s ?= has no effect: make defines %s itself (as %q), so the Makefile's value is never used", name, name, builtinVars[name]),
				"use = to set it")
			return
		}
		v.flavor = recursive
		v.raw = value
		v.condDefault = true
	case "+=":
		switch {
		case old == nil:
			if _, ok := builtinVars[name]; ok {
				v.flavor = recursive
				v.raw = builtinVars[name] + " " + value
				break
			}
			// make appends to the environment's value when there is one.
			v.flavor = recursive
			v.raw = "$(\x00" + name + ")" + value
			v.selfRef = true
		case old.condDefault:
			kept := *old
			kept.name = name
			vars["\x01"+name] = &kept
			v.flavor = recursive
			v.raw = "$(\x01" + name + ") " + value
			v.selfRef = old.selfRef
		case old.flavor == simple:
			v.flavor = simple
			add := e.expand(value)
			v.value = append(append(append(val(nil), old.value...), piece{lit: " "}), add...)
			if len(old.value) == 0 {
				v.value = add
			}
			v.selfRef = old.selfRef
		default:
			v.flavor = recursive
			v.raw = old.raw
			if old.raw != "" {
				v.raw += " "
			}
			v.raw += value
			v.selfRef = old.selfRef
		}
		if old != nil && old.origin == originOverride {
			v.origin = originOverride
		}
	case "!=":
		v.flavor = simple
		cmd := e.expand(value)
		v.value = dynVal(&dyn{kind: dynShell, cmd: cmd, pos: pos, why: "!="})
		r.diags.Add(pos, ir.IDMakeShell,
			fmt.Sprintf("%s != runs %q with the shell when make reads the Makefile; the converter does not run it: bash runs it where the value is used", name, cmd.fallback()), "")
	}
	if t != nil {
		t.vars = append(t.vars, &targetVar{v: v, op: op, text: value, pos: pos})
		return
	}
	r.db.vars[name] = v
	if name == ".RECIPEPREFIX" && r.lx != nil {
		r.lx.prefix = '\t'
		if s := e.value(v, pos).fallback(); s != "" {
			r.lx.prefix = s[0]
		}
	}
}

// referencesName reports whether text refers to the variable name.
func referencesName(text, name string) bool {
	return strings.Contains(text, "$("+name+")") || strings.Contains(text, "${"+name+"}")
}

// exportNames handles "export NAMES", "unexport NAMES" and bare "export".
func (r *reader) exportNames(l *mkLine, text string, mods varMods) {
	e := r.expanderAt(l, -1)
	names := fields(e.staticOrWarn(e.expand(text), "the names given to export"))
	if len(names) == 0 {
		if mods.export {
			r.db.exportAll = true
		} else {
			r.diags.Add(l.pos, ir.IDMakeDirective, "unexport without names stops exporting every variable; the output cannot undo what devenv exports", "")
		}
		return
	}
	for _, n := range names {
		v := r.db.vars[n]
		if v == nil {
			// A later definition is exported.
			r.db.exportLater[n] = mods.export
			if mods.unexport {
				r.diags.Add(l.pos, ir.IDMakeDirective,
					fmt.Sprintf("unexport %s removes %s from the recipes' environment; the output leaves it there", n, n), "")
			}
			continue
		}
		if mods.export {
			v.export = 1
		} else {
			v.export = -1
			r.diags.Add(l.pos, ir.IDMakeDirective,
				fmt.Sprintf("unexport %s removes %s from the recipes' environment; the output leaves it wherever the environment has it", n, n), "")
		}
	}
}

// define reads a define ... endef block.
func (r *reader) define(lx *mkLexer, l *mkLine, rest string, mods varMods) {
	name, op := strings.TrimSpace(rest), "="
	for _, o := range []string{":::=", "::=", ":=", "+=", "?=", "!=", "="} {
		if strings.HasSuffix(name, o) {
			name, op = strings.TrimSpace(strings.TrimSuffix(name, o)), o
			break
		}
	}
	var body []string
	level := 1
	for {
		if lx.done() {
			r.diags.Add(l.pos, ir.IDMakeSyntax, "missing endef: the define is not closed", "add endef")
			return
		}
		text, _, _ := lx.joined()
		w, _ := firstWord(text)
		if w == "define" {
			level++
		} else if w == "endef" {
			level--
			if level == 0 {
				break
			}
		}
		body = append(body, text)
	}
	if name == "" {
		r.diags.Add(l.pos, ir.IDMakeSyntax, "empty variable name in define", "")
		return
	}
	r.assign(l, name, op, strings.Join(body, "\n"), mods, nil)
}

// skipDefine skips the body of a define in a conditional branch that is
// not read.
func (r *reader) skipDefine(lx *mkLexer) {
	level := 1
	for !lx.done() {
		text, _, _ := lx.joined()
		w, _ := firstWord(text)
		if w == "define" {
			level++
		} else if w == "endef" {
			level--
			if level == 0 {
				return
			}
		}
	}
}

// include reads the included files that exist; .env files become
// devenv's dotenv.
func (r *reader) include(text string, optional bool, l *mkLine) {
	e := r.expanderAt(l, -1)
	v := e.expand(text)
	for _, w := range v.words() {
		name, ok := w.static()
		if !ok {
			r.diags.Add(l.pos, ir.IDMakeInclude,
				fmt.Sprintf("the included file's name %q is known only when make runs; it is not read", w.fallback()), "")
			continue
		}
		name = rootRel(name)
		if isDotenvName(name) {
			if r.db.dotenvPos == (ir.Pos{}) {
				r.db.dotenvPos = l.pos
			}
			r.db.dotenv = append(r.db.dotenv, name)
			r.diags.Add(l.pos, ir.IDMakeDotenv,
				fmt.Sprintf("make reads the variables of %s; the output loads it with devenv's dotenv at run time and copies no value from it (make keeps quotes in values, dotenv removes them)", name), "")
			continue
		}
		r.includeFile(name, optional, l)
	}
}

// isDotenvName reports whether an included file is a dotenv file.
func isDotenvName(name string) bool {
	base := filepath.Base(name)
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}

// maxIncludeDepth bounds how deep includes nest, and maxIncludes how
// many files are included in all: a file that includes itself twice would
// otherwise be read 2^maxIncludeDepth times.
const (
	maxIncludeDepth = 20
	maxIncludes     = 1000
)

func (r *reader) includeFile(name string, optional bool, l *mkLine) {
	if r.readFile == nil {
		r.diags.Add(l.pos, ir.IDMakeInclude,
			fmt.Sprintf("%s is not read: includes are not followed for a Makefile read from standard input", name), "convert the Makefile's directory instead")
		return
	}
	names := []string{name}
	if strings.ContainsAny(name, "*?[") {
		matches, _ := filepath.Glob(filepath.Join(r.dir, name))
		names = nil
		for _, m := range matches {
			rel, err := filepath.Rel(r.dir, m)
			if err == nil {
				names = append(names, filepath.ToSlash(rel))
			}
		}
		if len(names) == 0 {
			if !optional {
				r.diags.Add(l.pos, ir.IDMakeInclude, fmt.Sprintf("no file matches %s; nothing is included", name), "")
			}
			return
		}
	}
	for _, n := range names {
		p := n
		if !filepath.IsAbs(n) {
			p = filepath.Join(r.dir, n)
		}
		if r.depth >= maxIncludeDepth {
			r.diags.AddAs(l.pos, ir.Error, ir.IDMakeInclude, fmt.Sprintf("includes nest more than %d deep (an include cycle?); %s is not read", maxIncludeDepth, n), "")
			return
		}
		if r.included >= maxIncludes {
			if !r.warned["maxIncludes"] {
				r.warned["maxIncludes"] = true
				r.diags.AddAs(l.pos, ir.Error, ir.IDMakeInclude, fmt.Sprintf("more than %d files are included (an include cycle?); %s is not read", maxIncludes, n), "")
			}
			return
		}
		r.included++
		src, err := r.readFile(p)
		if err != nil {
			if optional {
				r.diags.AddAs(l.pos, ir.Note, ir.IDMakeInclude, fmt.Sprintf("%s does not exist, so -include reads nothing", n), "")
				continue
			}
			msg := fmt.Sprintf("%s cannot be read (%v): make stops there unless a rule creates it; its rules and variables are missing from the output", n, trimPathErr(err))
			if r.db.targets[n] != nil {
				msg = fmt.Sprintf("%s does not exist yet; make would build it with its rule and read it, which the converter does not do", n)
			}
			r.diags.Add(l.pos, ir.IDMakeInclude, msg, "")
			continue
		}
		var diags ir.Diagnostics
		if !sourcecheck.CheckText(p, src, &diags) {
			*r.diags = append(*r.diags, diags...)
			continue
		}
		r.db.makefiles = append(r.db.makefiles, n)
		r.db.sources = append(r.db.sources, ir.Source{Path: p, Format: ir.FormatMakefile})
		saveRule, saveIn, saveNo := r.cur, r.inRule, r.noTargets
		r.endRule()
		r.depth++
		r.readMakefile(p, string(src))
		r.depth--
		r.cur, r.inRule, r.noTargets = saveRule, saveIn, saveNo
		r.endRule()
	}
}

func trimPathErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// eval reads text given to $(eval …) as makefile lines.
func (r *reader) eval(text string, pos ir.Pos) {
	lx := newMkLexer(pos.File, text)
	lx.fixed = pos
	if r.lx != nil {
		lx.prefix = r.lx.prefix
	}
	saveRule, saveIn, saveNo := r.cur, r.inRule, r.noTargets
	r.endRule()
	r.readLexer(lx)
	r.cur, r.inRule, r.noTargets = saveRule, saveIn, saveNo
}

// dynWarning reports a value that depends on make's run where the
// converter needs a static one.
func (r *reader) dynWarning(pos ir.Pos, what string, v val) {
	for _, d := range v.dyns() {
		r.diags.Add(pos, ir.IDMakeDynamic,
			fmt.Sprintf("%s depends on %s; the converter assumes %q", what, describeDyn(d), v.fallback()), "")
		return
	}
}

// describeDyn names a dynamic part in messages.
func describeDyn(d *dyn) string {
	switch d.kind {
	case dynEnv:
		return fmt.Sprintf("the environment variable %s (taken as unset)", d.name)
	case dynEnvDefault:
		return fmt.Sprintf("the environment variable %s (taken as unset, so %s keeps its ?= default)", d.name, d.name)
	case dynShell:
		return fmt.Sprintf("the output of $(shell %s), which the converter does not run (taken as empty)", d.cmd.fallback())
	case dynGlob:
		return fmt.Sprintf("the files matching %s when make runs", d.cmd.fallback())
	case dynIfSet:
		return fmt.Sprintf("whether the environment variable %s is set (taken as unset)", d.name)
	}
	return d.why
}
