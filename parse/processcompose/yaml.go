package processcompose

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// maxYAMLNodes bounds how many nodes a document may expand to through
// aliases, so that a "billion laughs" document is refused quickly (see
// checkShape); a typical process-compose file has a few hundred, one of
// five thousand processes a hundred thousand. maxYAMLDepth bounds how
// deep its values nest: process-compose's own keys nest five levels deep,
// passed-through values a few more. maxYAMLSteps is a safety net on the
// walk itself, which visits some nodes more than once.
const (
	maxYAMLNodes = sourcecheck.MaxYAMLNodes
	maxYAMLDepth = sourcecheck.MaxYAMLDepth
	maxYAMLSteps = 20 * maxYAMLNodes
)

// errTooLarge stops a walk that exceeds maxYAMLNodes.
var errTooLarge = errors.New("too many YAML nodes")

// decodeYAML parses src into its document node. It returns nil, with an
// error diagnostic, when src is not YAML, and nil without one when src
// holds no document.
func decodeYAML(file string, src []byte, diags *ir.Diagnostics) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		var le *yaml.LoadError
		if errors.As(err, &le) {
			pos := ir.Pos{File: file, Line: le.Mark.Line, Col: le.Mark.Column}
			msg := le.Message
			if le.ContextMsg != "" && le.ContextMark.Line > 0 {
				msg = fmt.Sprintf("%s %s that starts at line %d, column %d", msg, le.ContextMsg, le.ContextMark.Line, le.ContextMark.Column)
			} else if le.ContextMsg != "" {
				msg = msg + " " + le.ContextMsg
			}
			diags.Add(pos, ir.IDSyntax, "invalid YAML: "+msg, yamlHint(le.Message))
		} else {
			diags.Add(ir.Pos{File: file}, ir.IDSyntax, "invalid YAML: "+err.Error(), "")
		}
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "cannot start any token"):
		return "YAML indentation must use spaces, not tabs"
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "did not find expected ',' or"):
		return "check for an unclosed quote or bracket"
	}
	return ""
}

// yamlReader walks a YAML tree with positions. It resolves aliases and
// "<<" merge keys, reports duplicate keys and values of the wrong type,
// and records every key it visits.
type yamlReader struct {
	// file names the file of nodes that files does not list.
	file string
	// files gives the file each node was read from, for projects read
	// from several files.
	files map[*yaml.Node]string
	diags *ir.Diagnostics
	keys  *[]ir.Key
	// noKeys is set when no key is recorded (Options.NoKeys).
	noKeys bool
	// noExpand lists the files in which process-compose would not
	// substitute ${...} and "$$" (disable_env_expansion is set).
	noExpand map[string]bool
	// synthetic holds the key nodes the loader made up (a working_dir
	// that process-compose gives the processes of an extended file):
	// they are not source keys and are not recorded.
	synthetic map[*yaml.Node]bool
	// dups holds the repeated keys already reported.
	dups map[*yaml.Node]bool
	// parts are the parts plain hands out.
	parts []ir.TextPart
	nodes int
}

func (r *yamlReader) pos(n *yaml.Node) ir.Pos {
	f := r.file
	if g, ok := r.files[n]; ok {
		f = g
	}
	return ir.Pos{File: f, Line: n.Line, Col: n.Column}
}

// expands reports whether process-compose substitutes ${...} and "$$" in
// the file named file.
func (r *yamlReader) expands(file string) bool { return !r.noExpand[file] }

// step counts one node against maxYAMLSteps.
func (r *yamlReader) step() {
	r.nodes++
	if r.nodes > maxYAMLSteps {
		panic(errTooLarge)
	}
}

// deref follows aliases to the node they stand for.
func (r *yamlReader) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > 100 {
			panic(errTooLarge)
		}
		n = n.Alias
	}
	r.step()
	return n
}

// entry is one key and value of a mapping, after merge keys are resolved.
type entry struct {
	key   string
	kNode *yaml.Node
	value *yaml.Node
}

// isNull reports whether n is an empty value (~, null, or nothing).
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mapping returns the entries of a mapping node, with merge keys resolved
// as YAML's merge key type defines them (keys set in the mapping itself win;
// among merged mappings, earlier ones win). what names the value in
// messages. A null value is an empty mapping.
func (r *yamlReader) mapping(n *yaml.Node, what string) ([]entry, bool) {
	return r.appendMapping(nil, n, what)
}

// appendMapping appends the entries of a mapping node to dst, as mapping
// returns them, and returns the extended slice.
func (r *yamlReader) appendMapping(dst []entry, n *yaml.Node, what string) ([]entry, bool) {
	n = r.deref(n)
	if isNull(n) {
		return dst, true
	}
	if n.Kind != yaml.MappingNode {
		r.typeError(n, what, "a mapping")
		return dst, false
	}
	out := dst
	if out == nil {
		out = make([]entry, 0, len(n.Content)/2)
	} else {
		out = slices.Grow(out, len(n.Content)/2)
	}
	var seen keySet
	// Explicit keys first, so that they win over merged ones.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := r.deref(n.Content[i])
		if k.Tag == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			r.typeError(k, "a key of "+what, "a string")
			continue
		}
		if prev := seen.get(k.Value); prev != nil {
			if r.dups[k] {
				continue
			}
			if r.dups == nil {
				r.dups = map[*yaml.Node]bool{}
			}
			r.dups[k] = true
			r.diags.AddRelated(r.pos(k), ir.IDDuplicateKey,
				fmt.Sprintf("%s repeats the key %q", what, k.Value), "remove one",
				r.pos(prev), "it is first here")
			continue
		}
		seen.set(k.Value, k)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := r.deref(n.Content[i])
		v := n.Content[i+1]
		if k.Tag == "!!merge" {
			for _, m := range r.mergeSources(v, what) {
				for _, e := range m {
					if seen.get(e.key) != nil {
						continue
					}
					seen.set(e.key, e.kNode)
					out = append(out, e)
				}
			}
			continue
		}
		if k.Kind != yaml.ScalarNode || seen.get(k.Value) != k {
			continue
		}
		out = append(out, entry{key: k.Value, kNode: k, value: v})
	}
	return out, true
}

// mergeSources returns the mappings a "<<" value names: one mapping, or a
// sequence of them.
func (r *yamlReader) mergeSources(v *yaml.Node, what string) [][]entry {
	v = r.deref(v)
	var srcs []*yaml.Node
	switch v.Kind {
	case yaml.MappingNode:
		srcs = []*yaml.Node{v}
	case yaml.SequenceNode:
		srcs = v.Content
	default:
		r.typeError(v, "the << merge key in "+what, "a mapping or a list of mappings")
		return nil
	}
	var out [][]entry
	for _, s := range srcs {
		if m, ok := r.mapping(s, what); ok {
			out = append(out, m)
		}
	}
	return out
}

// sequence returns the items of a sequence node; null is empty.
func (r *yamlReader) sequence(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	n = r.deref(n)
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		r.typeError(n, what, "a list")
		return nil, false
	}
	return n.Content, true
}

// typeError reports a value of the wrong type.
func (r *yamlReader) typeError(n *yaml.Node, what, want string) {
	r.diags.Add(r.pos(n), ir.IDType,
		fmt.Sprintf("%s must be %s, not %s; process-compose refuses the file", what, want, describe(n)), "")
}

// describe names the type of a YAML value for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "empty"
	case "!!bool":
		return "a boolean (" + n.Value + ")"
	case "!!int", "!!float":
		return "a number (" + n.Value + ")"
	}
	return fmt.Sprintf("the string %q", n.Value)
}

// scalar returns the text of a scalar node, "" for null.
func (r *yamlReader) scalar(n *yaml.Node, what string) (string, bool) {
	n = r.deref(n)
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		r.typeError(n, what, "a string")
		return "", false
	}
	return n.Value, true
}

// text returns a string value as process-compose's loader sees it.
func (r *yamlReader) text(n *yaml.Node, what string) (ir.Text, bool) {
	s, ok := r.scalar(n, what)
	if !ok {
		return ir.Text{}, false
	}
	return r.substText(s, r.pos(r.deref(n))), true
}

// substText applies load-time substitution to s when the file has it on.
// Malformed references are reported once per file, where they stand (see
// checkRawSubst), not here.
func (r *yamlReader) substText(s string, pos ir.Pos) ir.Text {
	if !r.expands(pos.File) || strings.IndexByte(s, '$') < 0 {
		return r.plain(s, pos)
	}
	t, problems := scanSubst(s, pos)
	for _, p := range problems {
		if p.id == ir.IDBadExpansion {
			continue
		}
		r.diags.AddAs(pos, p.sev, p.id, p.msg, p.hint)
	}
	return t
}

// plain returns ir.Plain(s, pos), taking its part from a block that
// texts share (each its own part, with no room to append to it in place),
// since most values are plain text.
func (r *yamlReader) plain(s string, pos ir.Pos) ir.Text {
	if s == "" {
		return ir.Text{Pos: pos}
	}
	if len(r.parts) == 0 {
		r.parts = make([]ir.TextPart, 64)
	}
	p := r.parts[:1:1]
	r.parts = r.parts[1:]
	p[0].Lit = s
	return ir.Text{Parts: p, Pos: pos}
}

// structural returns a scalar for a field that nothing expands at run time
// (a number, a boolean, an enumeration): ${VAR:-default} is resolved to its
// default; a reference without one is reported and becomes empty.
func (r *yamlReader) structural(n *yaml.Node, what string) (string, ir.Pos, bool) {
	t, ok := r.text(n, what)
	if !ok {
		return "", t.Pos, false
	}
	v, unresolved := resolve(t)
	for _, ref := range unresolved {
		r.diags.Add(t.Pos, ir.IDUnresolvedVar,
			fmt.Sprintf("%s uses %s, which process-compose substitutes from its environment when it loads the file; the converter cannot know that value and uses an empty one", what, ref.Raw),
			"give a default, as in ${"+ref.Name+":-value}, or write the value")
	}
	return v, t.Pos, true
}

// resolve returns t.Resolve(), without copying the text of a plain value.
func resolve(t ir.Text) (string, []*ir.VarRef) {
	if len(t.Parts) == 1 && t.Parts[0].Ref == nil {
		return t.Parts[0].Lit, nil
	}
	return t.Resolve()
}

// boolean reads a bool the way process-compose's YAML decoder does: true
// and false, and YAML 1.1's yes/no/on/off.
func (r *yamlReader) boolean(n *yaml.Node, what string) (ir.Opt[bool], bool) {
	s, pos, ok := r.structural(n, what)
	if !ok {
		return ir.Opt[bool]{}, false
	}
	switch strings.ToLower(s) {
	case "true", "yes", "y", "on":
		return ir.Some(true, pos), true
	case "false", "no", "n", "off":
		return ir.Some(false, pos), true
	case "":
		if isNull(r.deref(n)) {
			return ir.Opt[bool]{}, true
		}
	}
	r.typeError(r.deref(n), what, "true or false")
	return ir.Opt[bool]{}, false
}

// integer reads an int.
func (r *yamlReader) integer(n *yaml.Node, what string) (ir.Opt[int], bool) {
	s, pos, ok := r.structural(n, what)
	if !ok {
		return ir.Opt[int]{}, false
	}
	if s == "" && isNull(r.deref(n)) {
		return ir.Opt[int]{}, true
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			r.typeError(r.deref(n), what, "a whole number")
			return ir.Opt[int]{}, false
		}
		v = int64(f)
	}
	if v > math.MaxInt32 || v < math.MinInt32 {
		r.diags.AddAs(pos, ir.Error, ir.IDBadValue, fmt.Sprintf("%s is out of range: %s", what, s), "")
		return ir.Opt[int]{}, false
	}
	return ir.Some(int(v), pos), true
}

// value converts any YAML value into an ir.Value, resolving aliases and
// merge keys; strings go through load-time substitution.
func (r *yamlReader) value(n *yaml.Node, what string) ir.Value {
	n = r.deref(n)
	pos := r.pos(n)
	switch n.Kind {
	case yaml.MappingNode:
		v := ir.Value{Kind: ir.KindMap, Pos: pos}
		m, _ := r.mapping(n, what)
		for _, e := range m {
			v.Map = append(v.Map, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what+"."+e.key)})
		}
		return v
	case yaml.SequenceNode:
		v := ir.Value{Kind: ir.KindList, Pos: pos}
		for _, it := range n.Content {
			v.List = append(v.List, r.value(it, what))
		}
		return v
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return ir.Value{Kind: ir.KindNull, Pos: pos}
		case "!!bool":
			b, _ := strconv.ParseBool(strings.ToLower(n.Value))
			return ir.BoolValue(b, pos)
		case "!!int":
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				return ir.IntValue(i, pos)
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return ir.Value{Kind: ir.KindFloat, Float: f, Pos: pos}
			}
		}
		return ir.Value{Kind: ir.KindString, Str: r.substText(n.Value, pos), Pos: pos}
	}
	return ir.Value{Kind: ir.KindNull, Pos: pos}
}
