package makefile

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// specialTargets are make's built-in targets whose names start with ".".
var specialTargets = map[string]bool{
	".PHONY": true, ".SUFFIXES": true, ".DEFAULT": true, ".PRECIOUS": true, ".INTERMEDIATE": true,
	".NOTINTERMEDIATE": true, ".SECONDARY": true, ".SECONDEXPANSION": true, ".DELETE_ON_ERROR": true,
	".IGNORE": true, ".LOW_RESOLUTION_TIME": true, ".SILENT": true, ".EXPORT_ALL_VARIABLES": true,
	".NOTPARALLEL": true, ".ONESHELL": true, ".POSIX": true, ".WAIT": true,
}

// rule reads a rule line: "targets : prerequisites [; recipe]", with
// "::" for double-colon rules, "|" before order-only prerequisites, a
// target-specific variable assignment after the colon, or a static
// pattern.
func (r *reader) rule(l *mkLine, text string, help []string) {
	r.endRule()
	off := len(l.text) - len(text)
	if !strings.HasSuffix(l.text, text) {
		off = -1 // text a variable expanded to
	}
	colon := ruleColon(text)
	if colon < 0 {
		r.diags.Add(l.pos, ir.IDMakeSyntax, "missing separator: the line is neither a rule, a variable assignment nor a directive", "")
		return
	}
	targetsText := text[:colon]
	rest := text[colon+1:]
	doubleColon := strings.HasPrefix(rest, ":")
	if doubleColon {
		rest = rest[1:]
	}
	grouped := strings.HasSuffix(strings.TrimRight(targetsText, " \t"), "&")
	if grouped {
		targetsText = strings.TrimSuffix(strings.TrimRight(targetsText, " \t"), "&")
	}
	e := r.expanderAt(l, off)
	targetWords := e.expand(targetsText).words()
	var targets []string
	for _, w := range targetWords {
		s, ok := w.static()
		if !ok && w.envOnly() {
			name := r.envName(w)
			r.warnOnce("envtarget:"+name, l.pos, ir.Note, ir.IDMakeDynamic,
				fmt.Sprintf("target %s is named from the environment: its task computes the path when it runs, as make does", name), "")
			targets = append(targets, name)
			continue
		}
		if !ok {
			r.diags.Add(l.pos, ir.IDMakeDynamic,
				fmt.Sprintf("a target's name depends on %s; that target is left out", describeDyn(w.dyns()[0])), "")
			continue
		}
		targets = append(targets, rootRel(s))
	}
	// A target-specific variable: the rest of the line is its value,
	// ";" included.
	if mods, after := r.modifiers(rest); true {
		if name, op, value, ok := parseAssign(after); ok && name != "" {
			for _, t := range targets {
				if strings.Contains(t, "%") {
					r.diags.Add(l.pos, ir.IDMakePattern,
						fmt.Sprintf("the pattern-specific variable %s for %s is not converted", name, t), "")
					continue
				}
				r.assign(l, name, op, value, mods, r.db.target(t, l.pos))
			}
			return
		}
	}
	recipeText, hasSemi := "", false
	if semi := topLevelIndex(rest, ';', '('); semi >= 0 {
		recipeText, hasSemi = rest[semi+1:], true
		rest = rest[:semi]
	}
	if len(targets) == 0 {
		r.inRule, r.noTargets = true, true
		return
	}
	if grouped && len(targets) > 1 {
		r.diags.Add(l.pos, ir.IDMakePattern,
			fmt.Sprintf("the grouped targets %s (&:) are made by one run of their recipe; each becomes a task that runs it", strings.Join(targets, " ")), "")
	}
	// A static pattern rule: targets: target-pattern: prereq-patterns.
	var staticPattern string
	if c := ruleColon(rest); c >= 0 {
		staticPattern = strings.TrimSpace(e.staticOrWarn(e.expand(rest[:c]), "a static pattern"))
		rest = rest[c+1:]
	}
	var normal, orderOnly []string
	var dynamic []val
	order := false
	for _, w := range e.expand(rest).words() {
		s, ok := w.static()
		if !ok && w.envOnly() {
			// A name from the environment: a target of that name, or a
			// file at a path bash computes.
			if order {
				orderOnly = append(orderOnly, r.envName(w))
			} else {
				normal = append(normal, r.envName(w))
			}
			continue
		}
		if !ok {
			// Known only when make runs ($(shell find …), $(wildcard …)):
			// it keeps its place among the prerequisites.
			dynamic = append(dynamic, w)
			key := fmt.Sprintf("\x00%d", len(r.db.dynNames))
			r.db.dynNames[key] = w
			if order {
				orderOnly = append(orderOnly, key)
			} else {
				normal = append(normal, key)
			}
			continue
		}
		for s != "" {
			i := strings.IndexByte(s, '|')
			part := s
			if i >= 0 {
				part = s[:i]
			}
			if part != "" {
				if order {
					orderOnly = append(orderOnly, rootRel(part))
				} else {
					normal = append(normal, rootRel(part))
				}
			}
			if i < 0 {
				break
			}
			order = true
			s = s[i+1:]
		}
	}
	helpText := ""
	if l.hasComment && strings.HasPrefix(l.comment, "#") {
		helpText = strings.TrimSpace(strings.TrimLeft(l.comment, "#"))
	} else if len(help) > 0 {
		helpText = strings.Join(help, " ")
	}
	for _, name := range targets {
		if r.special(l, name, normal, hasSemi) {
			continue
		}
		if strings.Contains(name, "%") && staticPattern == "" {
			r.db.patternRules = append(r.db.patternRules, name)
			r.diags.Add(l.pos, ir.IDMakePattern,
				fmt.Sprintf("the pattern rule for %s is not converted: devenv tasks have fixed names", name),
				"write an explicit rule for each file a task needs")
			r.inRule, r.noTargets = true, true
			continue
		}
		if r.isSuffixRule(name, normal) {
			r.diags.Add(l.pos, ir.IDMakePattern,
				fmt.Sprintf("the suffix rule %s is not converted: devenv tasks have fixed names", name), "")
			r.inRule, r.noTargets = true, true
			continue
		}
		pre := normal
		ord := orderOnly
		stem := ""
		if staticPattern != "" {
			s, ok := matchPattern(staticPattern, name)
			if !ok {
				r.diags.AddAs(l.pos, ir.Warning, ir.IDMakeSyntax,
					fmt.Sprintf("target %s does not match the static pattern %s; make ignores it", name, staticPattern), "")
				continue
			}
			stem = s
			pre, ord = nil, nil
			for _, p := range normal {
				pre = append(pre, substPercent(p, s))
			}
			for _, p := range orderOnly {
				ord = append(ord, substPercent(p, s))
			}
		}
		t := r.db.target(name, l.pos)
		if t.explicit() && t.doubleColon != doubleColon {
			r.diags.Add(l.pos, ir.IDMakeSyntax,
				fmt.Sprintf("target %s has both : and :: entries; make stops here", name), "")
			r.stopped = true
			return
		}
		t.doubleColon = doubleColon
		if helpText != "" && t.help == "" {
			t.help = helpText
		}
		if r.db.defaultGoal == "" && (!strings.HasPrefix(name, ".") || strings.Contains(name, "/")) {
			r.db.defaultGoal = name
		}
		var rule *mkRule
		if doubleColon || len(t.rules) == 0 {
			rule = &mkRule{pos: l.pos, file: l.pos.File}
			t.rules = append(t.rules, rule)
		} else {
			rule = t.rules[0]
		}
		rule.prereqs = append(rule.prereqs, pre...)
		rule.orderOnly = append(rule.orderOnly, ord...)
		rule.dynPrereqs = append(rule.dynPrereqs, dynamic...)
		if stem != "" {
			rule.stem = stem
		}
		r.cur = append(r.cur, &curRule{t: t, rule: rule, fresh: true})
	}
	r.inRule = true
	if len(r.cur) == 0 {
		r.noTargets = true
	}
	if hasSemi && !r.noTargets {
		rl := *l
		rl.recipe = true
		r.addRecipe(&rl, strings.TrimLeft(recipeText, " \t"))
	}
}

// envName records a target or prerequisite name that make computes from
// the environment, and returns the name it goes by: its make text.
func (r *reader) envName(w val) string {
	name := rootRel(w.makeText())
	r.db.envNames[name] = w
	return name
}

// isSuffixRule reports whether name is an old-fashioned suffix rule
// (.c.o or .c) with no prerequisites.
func (r *reader) isSuffixRule(name string, prereqs []string) bool {
	if len(prereqs) > 0 || !strings.HasPrefix(name, ".") {
		return false
	}
	for _, a := range r.db.suffixes {
		if name == a {
			return true
		}
		if rest, ok := strings.CutPrefix(name, a); ok {
			for _, b := range r.db.suffixes {
				if rest == b {
					return true
				}
			}
		}
	}
	return false
}

// addRecipe adds a recipe line to the current rules.
func (r *reader) addRecipe(l *mkLine, text string) {
	for _, c := range r.cur {
		if c.fresh {
			c.fresh = false
			if c.rule.hasRecipe && !c.t.doubleColon {
				r.diags.AddRelated(l.pos, ir.IDMakeOverride,
					fmt.Sprintf("overriding recipe for target %s", c.t.name), "",
					c.rule.recipePos, "make ignores this recipe")
				c.rule.recipe = nil
			}
			c.rule.hasRecipe = true
			c.rule.recipePos = l.pos
		}
		c.rule.recipe = append(c.rule.recipe, recipeLine{text: text, line: l})
	}
}

// special handles a special target; it reports false for other targets.
func (r *reader) special(l *mkLine, name string, prereqs []string, hasRecipe bool) bool {
	if !strings.HasPrefix(name, ".") || !specialTargets[name] {
		return false
	}
	r.inRule, r.noTargets = true, true
	switch name {
	case ".PHONY":
		for _, p := range prereqs {
			r.db.phony[p] = true
		}
	case ".SUFFIXES":
		if len(prereqs) == 0 {
			r.db.suffixes = nil
		} else {
			r.db.suffixes = append(r.db.suffixes, prereqs...)
		}
	case ".SILENT":
		if len(prereqs) == 0 {
			r.db.silentAll = true
		}
		for _, p := range prereqs {
			r.db.silent[p] = true
		}
	case ".IGNORE":
		if len(prereqs) == 0 {
			r.db.ignoreAll = true
		}
		for _, p := range prereqs {
			r.db.ignore[p] = true
		}
	case ".ONESHELL":
		r.db.oneShell = true
	case ".POSIX":
		r.db.posix = true
	case ".EXPORT_ALL_VARIABLES":
		r.db.exportAll = true
	case ".NOTPARALLEL":
		r.db.notParallel = true
		r.diags.Add(l.pos, ir.IDMakeParallel,
			".NOTPARALLEL asks make to run one recipe at a time; the scripts do, but devenv tasks run runs independent tasks in parallel and has no setting to stop it", "")
	case ".SECONDEXPANSION":
		r.diags.AddAs(l.pos, ir.Warning, ir.IDMakeSpecial,
			".SECONDEXPANSION expands prerequisites a second time; the converter expands them once", "")
	case ".DELETE_ON_ERROR":
		r.diags.Add(l.pos, ir.IDMakeSpecial,
			".DELETE_ON_ERROR deletes a file target whose recipe fails; the tasks leave such files", "")
	case ".DEFAULT":
		r.diags.AddAs(l.pos, ir.Warning, ir.IDMakeSpecial,
			".DEFAULT gives a recipe for targets without rules; it is not converted", "")
	case ".WAIT":
	default:
		r.diags.Add(l.pos, ir.IDMakeSpecial,
			fmt.Sprintf("%s has no effect on the tasks: they keep every file they make", name), "")
	}
	return true
}
