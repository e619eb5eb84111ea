package processcompose

import (
	"bytes"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// process-compose renders some fields of every process as Go templates
// (text/template, the engine used here too), after it has substituted
// ${VAR} in the file's text. The data is the global vars, the process's
// vars over them, and PC_REPLICA_NUM. Since that runs for every process,
// any {{ }} in those fields is a template, and a variable that does not
// exist renders as "<no value>".
//
// The converter keeps ${VAR} references for bash (see ir.Text), so it
// renders text in which each reference stands as a placeholder that
// templates copy as they copy any text; a reference inside an action,
// whose meaning depends on the value process-compose substituted, is
// replaced by the value it has when the variable is unset.

// Placeholders: a private-use character, the reference's number, another.
const (
	phOpen  = '\uE000'
	phClose = '\uE001'
)

var placeholderRE = lazyre.New("\uE000([0-9]+)\uE001")

// templater holds the references that placeholders stand for.
type templater struct {
	refs []*ir.VarRef
}

// encode returns t's text with placeholders for its references.
func (tp *templater) encode(t ir.Text) string {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Ref == nil {
			b.WriteString(p.Lit)
			continue
		}
		b.WriteRune(phOpen)
		b.WriteString(strconv.Itoa(len(tp.refs)))
		b.WriteRune(phClose)
		tp.refs = append(tp.refs, p.Ref)
	}
	return b.String()
}

// number numbers t's references as encode does, without writing the
// text: the numbers of later references, and which placeholder-like text
// decode turns into a reference, stay those that encoding every field
// gives.
func (tp *templater) number(t ir.Text) {
	for _, p := range t.Parts {
		if p.Ref != nil {
			tp.refs = append(tp.refs, p.Ref)
		}
	}
}

// decode turns placeholders back into references.
func (tp *templater) decode(s string, pos ir.Pos) ir.Text {
	t := ir.Text{Pos: pos}
	last := 0
	for _, m := range placeholderRE.FindAllStringSubmatchIndex(s, -1) {
		i, _ := strconv.Atoi(s[m[2]:m[3]])
		if i >= len(tp.refs) {
			continue
		}
		t.Append(s[last:m[0]])
		t.AppendRef(tp.refs[i])
		last = m[1]
	}
	t.Append(s[last:])
	return t
}

// templateVars reads a vars mapping into template data, recording its
// keys. Values decode as process-compose's YAML decoder gives them to
// templates: strings, ints, floats, bools, maps and lists.
func (r *reader) templateVars(n *yaml.Node, k ir.Path, what string) map[string]any {
	r.checkNested(n, &field{kind: kMap, elem: fAny}, k, what, "")
	v, ok := r.goValue(n).(map[string]any)
	if !ok {
		if d := r.deref(n); !isNull(d) {
			r.typeError(d, what, "a mapping")
		}
		return nil
	}
	return v
}

// goValue converts a YAML value into the Go value templates see.
func (r *reader) goValue(n *yaml.Node) any {
	n = r.deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		var entries []entry
		r.withoutRecording(func() { entries, _ = r.mapping(n, "") })
		for _, e := range entries {
			m[e.key] = r.goValue(e.value)
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, it := range n.Content {
			l = append(l, r.goValue(it))
		}
		return l
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null", "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err == nil {
				return v
			}
		}
		var t ir.Text
		r.withoutRecording(func() { t = r.substText(n.Value, r.pos(n)) })
		return r.tmpl.encode(t)
	}
	return nil
}

// templateData returns the data a process's templates see.
func (r *reader) templateData(pp *pcProcess) map[string]any {
	data := maps.Clone(r.vars)
	if data == nil {
		data = map[string]any{}
	}
	maps.Copy(data, pp.vars)
	data["PC_REPLICA_NUM"] = pp.num
	return data
}

// templateErrPrefix is what text/template puts before its messages.
var templateErrPrefix = lazyre.New(`^template: :\d+(:\d+)?: (executing "" at )?`)

var missingKeyRE = lazyre.New(`at <([^>]*)>: map has no entry for key`)

// render renders t as process-compose renders a templated field. what
// names the field in messages.
func (r *reader) render(t ir.Text, data map[string]any, what string) ir.Text {
	if !mayBeTemplate(t) {
		r.tmpl.number(t)
		return t
	}
	src := r.tmpl.encode(t)
	if !strings.Contains(src, "{{") {
		return t
	}
	tpl, err := parseTemplate(src)
	if err != nil {
		r.templateError(t.Pos, what, err)
		return t
	}
	if s := r.orFallbacks(src, data, t.Pos, what); s != src {
		src = s
		if tpl, err = parseTemplate(src); err != nil {
			r.templateError(t.Pos, what, err)
			return t
		}
	}
	// A reference inside an action is what process-compose substituted
	// before it rendered: use its value for an unset variable.
	inText := textNodes(tpl.Template)
	changed := false
	src = placeholderRE.ReplaceAllStringFunc(src, func(ph string) string {
		if strings.Contains(inText, ph) {
			return ph
		}
		m := placeholderRE.FindStringSubmatch(ph)
		i, _ := strconv.Atoi(m[1])
		ref := r.tmpl.refs[i]
		d, _ := ref.Default()
		r.diags.Add(t.Pos, ir.IDTemplateEnv,
			fmt.Sprintf("%s uses %s inside a template action: process-compose substitutes it from its environment before it renders the template, so the result depends on that environment; the output is rendered as if %s were unset", what, ref.Raw, ref.Name),
			"move the reference out of {{ }}, or use a template variable")
		changed = true
		return d
	})
	if changed {
		if tpl, err = parseTemplate(src); err != nil {
			r.templateError(t.Pos, what, err)
			return t
		}
	}
	var out bytes.Buffer
	if err := tpl.execute(&out, data); tooMuch(err) {
		r.diags.Add(t.Pos, ir.IDTooMany,
			fmt.Sprintf("%s is a template the converter does not render: %s; process-compose would hang on it, or run out of memory", what, tooMuchReason(err)),
			"")
		return t
	} else if err != nil {
		r.templateError(t.Pos, what, err)
		return t
	}
	s := out.String()
	if n := strings.Count(s, "<no value>"); n > strings.Count(inText, "<no value>") {
		key := "a variable"
		tpl.Option("missingkey=error")
		if err := tpl.execute(&bytes.Buffer{}, data); err != nil {
			if m := missingKeyRE.FindStringSubmatch(err.Error()); m != nil {
				key = "{{" + m[1] + "}}"
			}
		}
		r.diags.Add(t.Pos, ir.IDTemplateNoValue,
			fmt.Sprintf("%s renders %s as \"<no value>\"", what, key),
			`write {{ "{{" }} to keep "{{" as text`)
	}
	return r.tmpl.decode(s, t.Pos)
}

// mayBeTemplate reports whether t can hold a template action: whether
// its literal text has a "{". Text without one renders as itself, and is
// neither encoded nor parsed.
func mayBeTemplate(t ir.Text) bool {
	for _, p := range t.Parts {
		if p.Ref == nil && strings.IndexByte(p.Lit, '{') >= 0 {
			return true
		}
	}
	return false
}

func (r *reader) templateError(pos ir.Pos, what string, err error) {
	msg := templateErrPrefix.ReplaceAllString(err.Error(), "")
	r.diags.Add(pos, ir.IDTemplate,
		fmt.Sprintf("%s is not a template process-compose can render (%s)", what, msg),
		"")
}

// textNodes returns the literal text of a parsed template, all parts
// joined, to tell placeholders in text from those in actions.
func textNodes(tpl *template.Template) string {
	var b strings.Builder
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TextNode:
			b.Write(n.Text)
			b.WriteByte(0)
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, t := range tpl.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	return b.String()
}

// renderProcess renders the fields process-compose renders: the command
// (unless is_template_disabled), working_dir, description, log_location,
// every environment entry and the probes' exec command and http_get host,
// path, scheme and port. It returns the rendered texts, in that order, so
// that the renderings of two replicas can be compared.
//
// The texts are only for that comparison: a process without replicas gets
// none. Fields without a "{" are not templates and are left as they are;
// the data and the names of fields in messages are made for the others
// only.
func (r *reader) renderProcess(pp *pcProcess) []string {
	p := pp.p
	var data map[string]any
	var texts []string
	// render renders t, the field that field and name name in messages.
	render := func(t ir.Text, field, name string) ir.Text {
		if mayBeTemplate(t) {
			if data == nil {
				data = r.templateData(pp)
			}
			t = r.render(t, data, r.names.join(field, name, " of process ", pp.quoted))
		}
		if pp.replicas > 1 {
			texts = append(texts, t.ProcessCompose())
		}
		return t
	}
	if !pp.noTemplate {
		p.Command = render(p.Command, "the command", "")
	}
	if p.Cwd.Set {
		p.Cwd.Val = render(p.Cwd.Val, "working_dir", "")
	}
	if !pp.description.IsEmpty() {
		p.Description = render(pp.description, "the description", "").Shell()
	}
	for i := range p.Extra {
		if f := &p.Extra[i]; f.Key == "log_location" && f.Value.Kind == ir.KindString {
			f.Value.Str = render(f.Value.Str, "log_location", "")
		}
	}
	for i := range p.Env {
		v := &p.Env[i]
		if strings.Contains(v.Name, "{{") {
			v.Name = render(ir.Plain(v.Name, v.Pos), "the environment entry ", v.Name).Shell()
		}
		v.Value = render(v.Value, "the environment variable ", v.Name)
	}
	for _, pr := range []*ir.Probe{p.Readiness, p.Liveness} {
		if pr == nil {
			continue
		}
		kind := "readiness_probe"
		if pr == p.Liveness {
			kind = "liveness_probe"
		}
		if x := pr.Exec; x != nil {
			x.Command = render(x.Command, kind, ".exec.command")
		} else if h := pr.HTTP; h != nil {
			for _, s := range []struct {
				o   *ir.Opt[string]
				key string
			}{{&h.Host, "host"}, {&h.Path, "path"}, {&h.Scheme, "scheme"}} {
				if s.o.Set && strings.Contains(s.o.Val, "{{") {
					s.o.Val = render(ir.Plain(s.o.Val, s.o.Pos), kind+".http_get.", s.key).Shell()
				}
			}
			if h.Port.Set {
				h.Port.Val = render(h.Port.Val, kind, ".http_get.port")
			}
		}
	}
	return texts
}
