package processcompose

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// {{ or "${X}" .V }} is process-compose's idiom for "the environment
// wins, else the template variable": process-compose substitutes ${X}
// when it loads the file, and or takes the first argument that is not
// empty. The converter says the same at run time, where bash expands
// ${X:-v}: the action becomes a reference ${X:-v}, v being what the rest
// of the or renders to, so that X set (and not empty) when the process
// starts wins, as it would have won when process-compose loaded the file.
//
// It does so for an or whose first arguments are each a string that is
// exactly one plain ${X}, the rest being template values (variables,
// constants); the fallback must be text bash reads literally inside
// ${X:-…}, whether quoted or not. Other actions with references are
// rendered as if the variables were unset (PC036).

// orAction matches a whole action, without trim markers.
var orAction = lazyre.New(`\{\{[^-{}][^{}]*?\}\}|\{\{\}\}`)

// unsafeFallback are the characters a fallback may not hold: bash would
// read them inside ${X:-…} as other than themselves, or they would end
// it.
const unsafeFallback = "\"'`$\\}{\n"

// orFallbacks replaces each action of src (a field's text, references as
// placeholders) that is an or over references and template values by a
// placeholder for the reference ${X:-v}. It returns src unchanged when
// there is none.
func (r *reader) orFallbacks(src string, data map[string]any, pos ir.Pos, what string) string {
	if !strings.Contains(src, "or") {
		return src
	}
	return orAction.ReplaceAllStringFunc(src, func(action string) string {
		if strings.HasSuffix(action, "-}}") {
			return action // trims the text after it
		}
		ref, ok := r.orFallback(action, data)
		if !ok {
			return action
		}
		r.diags.Add(pos, ir.IDTemplateEnvFallback,
			fmt.Sprintf("{{ or \"${%s}\" … }} becomes %s", ref.Name, ref.Raw), "")
		return r.tmpl.encode(ir.Text{Parts: []ir.TextPart{{Ref: ref}}})
	})
}

// orFallback reads one action: an or whose leading arguments are
// references, and whose fallback renders to safe text.
func (r *reader) orFallback(action string, data map[string]any) (*ir.VarRef, bool) {
	tpl, err := template.New("").Parse(action)
	if err != nil || tpl.Tree == nil || tpl.Tree.Root == nil || len(tpl.Tree.Root.Nodes) != 1 {
		return nil, false
	}
	node, ok := tpl.Tree.Root.Nodes[0].(*parse.ActionNode)
	if !ok || len(node.Pipe.Decl) > 0 || len(node.Pipe.Cmds) != 1 {
		return nil, false
	}
	args := node.Pipe.Cmds[0].Args
	if len(args) < 3 {
		return nil, false
	}
	if id, ok := args[0].(*parse.IdentifierNode); !ok || id.Ident != "or" {
		return nil, false
	}
	// The leading arguments that are references; one, for now.
	var refs []*ir.VarRef
	rest := args[1:]
	for len(rest) > 0 {
		s, ok := rest[0].(*parse.StringNode)
		if !ok {
			break
		}
		ref, ok := r.onlyRef(s.Text)
		if !ok {
			break
		}
		refs = append(refs, ref)
		rest = rest[1:]
	}
	if len(refs) != 1 || len(rest) == 0 {
		return nil, false
	}
	// The rest must not depend on the environment either.
	for _, a := range rest {
		if placeholderRE.MatchString(a.String()) {
			return nil, false
		}
	}
	// What or renders when the reference is empty: the rest, as an or of
	// its own (or the one value left).
	fallback := "{{" + rest[0].String() + "}}"
	if len(rest) > 1 {
		var parts []string
		for _, a := range rest {
			parts = append(parts, a.String())
		}
		fallback = "{{or " + strings.Join(parts, " ") + "}}"
	}
	ft, err := parseTemplate(fallback)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := ft.execute(&out, data); err != nil {
		return nil, false
	}
	v := out.String()
	if strings.ContainsAny(v, unsafeFallback) || strings.Contains(v, "<no value>") {
		return nil, false
	}
	x := refs[0]
	return &ir.VarRef{Raw: "${" + x.Name + ":-" + v + "}", Name: x.Name, Op: ":-", Arg: v}, true
}

// onlyRef returns the reference a string literal of a template holds,
// when it holds exactly one plain ${X} and nothing else.
func (r *reader) onlyRef(s string) (*ir.VarRef, bool) {
	m := placeholderRE.FindStringSubmatch(s)
	if m == nil || m[0] != s {
		return nil, false
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(r.tmpl.refs) {
		return nil, false
	}
	ref := r.tmpl.refs[i]
	if ref.Op != "" {
		return nil, false
	}
	return ref, true
}
