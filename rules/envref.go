package rules

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// envNames are the variables devenv's env holds when it evaluates the
// output: the project's own environment, which the output sets under env,
// and the variables the project's .env files define, which dotenv.enable
// (written whenever the project has .env files) loads into it. A service
// option refers to them as config.env.NAME, so that their values, which
// may be secrets, are never copied into the output.
type envNames map[string]bool

// projectEnvNames returns the variables of p's devenv env.
func projectEnvNames(p *ir.Project) envNames {
	names := envNames{}
	for _, v := range p.Env {
		names[v.Name] = true
	}
	if p.Dotenv != nil {
		for _, n := range p.Dotenv.Names {
			names[n] = true
		}
	}
	return names
}

// envValue returns the option value for a word whose value refers to
// variables ($NAME, ${NAME}): a KindEnvRef that devenv builds from its
// env when it evaluates the output. It reports the word as one the
// service cannot express, and returns false, when a variable is not one
// of devenv's env, since devenv cannot then know its value.
func (m *match) envValue(what string, w word) (ir.Value, bool) {
	if w.text == nil {
		m.unsupported(what, "its value is known only when the command runs")
		return ir.Value{}, false
	}
	var missing []string
	for _, r := range w.text.Refs() {
		if !m.env[r.Name] {
			missing = append(missing, r.Name)
		}
	}
	if len(missing) > 0 {
		m.unsupported(what, fmt.Sprintf("it takes %s from the environment the command runs in, which neither the project's .env nor its environment defines, so devenv cannot know it", strings.Join(missing, ", ")))
		return ir.Value{}, false
	}
	return ir.EnvRefValue(*w.text, ir.Pos{}), true
}

// keepEnvRef handles a variable the server reads whose value refers to
// variables: NAME=$NAME passes on a variable of devenv's env, which every
// process of devenv gets anyway. A service's process environment holds
// strings that nothing expands, so another value cannot be expressed.
func (m *match) keepEnvRef(what, name string, w word) {
	if _, ok := m.envValue(what, w); !ok {
		return
	}
	if p := w.text.Parts; len(p) == 1 && p[0].Ref != nil && p[0].Ref.Name == name {
		m.drop(what, fmt.Sprintf("devenv sets %s, from the project's .env or env, for every process", name))
		return
	}
	m.unsupported(what, fmt.Sprintf("the environment of the process of %s holds strings that nothing expands, so %s cannot refer to other variables", m.service(), name))
}

// envRefNote says that an option refers to variables of devenv's env.
// option names it, or is "" for the options an image's variables make
// together.
func (m *match) envRefNote(what, option string, v ir.Value) {
	var names []string
	for _, r := range v.Str.Refs() {
		names = append(names, "config.env."+r.Name)
	}
	target := "the option of " + m.service() + " it sets"
	if option != "" {
		target = m.service() + "." + option
	}
	m.note(ir.IDServiceEnvRef, ir.Note, fmt.Sprintf("%s of process %q: %s refers to %s, read from .env; the value is not copied", what, m.proc.Name, target, strings.Join(names, ", ")))
}

// splitAssign splits the text of NAME=VALUE whose name is literal.
func splitAssign(t *ir.Text) (name string, val ir.Text, ok bool) {
	if len(t.Parts) == 0 || t.Parts[0].Ref != nil {
		return "", ir.Text{}, false
	}
	name, rest, ok := strings.Cut(t.Parts[0].Lit, "=")
	if !ok || !varName.MatchString(name) {
		return "", ir.Text{}, false
	}
	val.Append(rest)
	for _, p := range t.Parts[1:] {
		if p.Ref != nil {
			val.AppendRef(p.Ref)
		} else {
			val.Append(p.Lit)
		}
	}
	return name, val, true
}
