package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// findingKind says what a finding is.
type findingKind uint8

const (
	// fOption sets a service option.
	fOption findingKind = iota
	// fDropped is a setting left out, since devenv does what it did.
	fDropped
	// fUnsupported is a setting the service cannot express.
	fUnsupported
	// fCarried is an environment variable kept on the service's process.
	fCarried
	// fNote is something about the conversion a user should know.
	fNote
)

// opKind says how an option finding combines with earlier ones.
type opKind uint8

const (
	opSet opKind = iota
	opAppend
	opLine
)

// finding is one thing a rule found out about a process.
//
// A match holds its findings by value, so the struct is kept small: the
// kinds are bytes, next to each other, and the variable of an fCarried
// finding, which few findings have, is behind a pointer.
type finding struct {
	kind findingKind
	// op says how an option combines, for fOption.
	op opKind
	// what is the setting as the source wrote it: "--port 6379",
	// "PGDATA=./.pgsql/data", "availability.restart".
	what string
	// why says why it is left out or cannot be expressed, or is the
	// note.
	why string
	pos ir.Pos

	// path and value are an option's, for fOption.
	path  string
	value ir.Value

	// env is the variable kept, for fCarried.
	env *ir.EnvVar

	// id and sev are a note's diagnostic.
	id  ir.ID
	sev ir.Severity
}

// describe returns the finding as a line of --explain.
func (f *finding) describe() string {
	switch f.kind {
	case fOption:
		v := showValue(f.value)
		switch f.op {
		case opAppend:
			return fmt.Sprintf("%s: adds %s to %s", f.what, v, f.path)
		case opLine:
			return fmt.Sprintf("%s: adds the line %s to %s", f.what, v, f.path)
		}
		return fmt.Sprintf("%s: %s = %s", f.what, f.path, v)
	case fDropped:
		return fmt.Sprintf("%s: left out: %s", f.what, f.why)
	case fUnsupported:
		return fmt.Sprintf("%s: cannot be expressed: %s", f.what, f.why)
	case fCarried:
		return fmt.Sprintf("%s: %s", f.what, f.why)
	}
	return f.why
}

// showValue returns a value as Nix-like text for messages.
func showValue(v ir.Value) string {
	switch v.Kind {
	case ir.KindBool:
		return strconv.FormatBool(v.Bool)
	case ir.KindInt:
		return strconv.FormatInt(v.Int, 10)
	case ir.KindString:
		return strconv.Quote(v.Str.Shell())
	case ir.KindPackage:
		return "pkgs." + v.Str.Shell()
	case ir.KindPath:
		if p := v.Str.Shell(); strings.HasPrefix(p, "/") {
			return p
		}
		return "./" + strings.TrimPrefix(v.Str.Shell(), "./")
	case ir.KindEnvRef:
		parts := v.Str.Parts
		if len(parts) == 1 && parts[0].Ref != nil {
			return "config.env." + parts[0].Ref.Name
		}
		var b strings.Builder
		for _, p := range parts {
			if p.Ref != nil {
				b.WriteString("${config.env." + p.Ref.Name + "}")
			} else {
				b.WriteString(p.Lit)
			}
		}
		return strconv.Quote(b.String())
	case ir.KindList:
		var s []string
		for _, it := range v.List {
			s = append(s, showValue(it))
		}
		return "[ " + strings.Join(s, " ") + " ]"
	case ir.KindMap:
		var s []string
		for _, f := range v.Map {
			s = append(s, attrName(f.Key)+" = "+showValue(f.Value)+";")
		}
		return "{ " + strings.Join(s, " ") + " }"
	case ir.KindNull:
		return "null"
	}
	return "?"
}

// attrName quotes an attribute name that is not a plain identifier.
func attrName(s string) string {
	if varName.MatchString(strings.ReplaceAll(s, "-", "_")) {
		return s
	}
	return strconv.Quote(s)
}

// optionPath joins option path components, quoting (as Go does) those
// that hold a dot, a quote or a backslash; emit's optionPath splits them
// again.
func optionPath(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.ContainsAny(p, ".\"\\") {
			p = strconv.Quote(p)
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}

// options builds a service's options from findings, in order.
type options struct {
	fields []ir.Field
}

func (o *options) index(path string) int {
	for i, f := range o.fields {
		if f.Key == path {
			return i
		}
	}
	return -1
}

// add applies an option finding.
func (o *options) add(f *finding) {
	i := o.index(f.path)
	switch {
	case i < 0:
		v := f.value
		switch v.Kind {
		case ir.KindList:
			v.List = append([]ir.Value(nil), v.List...)
		case ir.KindString:
			v.Str = ir.Plain(v.Str.Shell(), v.Str.Pos)
		}
		o.fields = append(o.fields, ir.Field{Key: f.path, KeyPos: f.pos, Value: v})
	case f.op == opAppend && o.fields[i].Value.Kind == ir.KindList:
		o.fields[i].Value.List = append(o.fields[i].Value.List, f.value.List...)
	case f.op == opLine && o.fields[i].Value.Kind == ir.KindString:
		o.fields[i].Value.Str.Append("\n" + f.value.Str.Shell())
	default:
		o.fields[i].Value = f.value
	}
}

// typed converts a fixed value to an option value of type t.
func typed(s string, t ValueType, pos ir.Pos) (ir.Value, error) {
	switch t {
	case Int:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return ir.Value{}, fmt.Errorf("%q is not a number", s)
		}
		return ir.IntValue(n, pos), nil
	case Number:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return ir.IntValue(n, pos), nil
		}
		return ir.StringValue(s, pos), nil
	case Bool, OnOff:
		switch strings.ToLower(s) {
		case "true", "on", "yes", "1":
			return ir.BoolValue(true, pos), nil
		case "false", "off", "no", "0":
			return ir.BoolValue(false, pos), nil
		}
		return ir.Value{}, fmt.Errorf("%q is not on or off", s)
	case StrList:
		var items []ir.Value
		for _, w := range strings.Fields(s) {
			items = append(items, ir.StringValue(w, pos))
		}
		return ir.Value{Kind: ir.KindList, List: items, Pos: pos}, nil
	}
	return ir.StringValue(s, pos), nil
}

// constValue converts a table constant to an option value.
func constValue(v any, pos ir.Pos) ir.Value {
	switch v := v.(type) {
	case bool:
		return ir.BoolValue(v, pos)
	case int:
		return ir.IntValue(int64(v), pos)
	case string:
		return ir.StringValue(v, pos)
	case []string:
		var items []ir.Value
		for _, s := range v {
			items = append(items, ir.StringValue(s, pos))
		}
		return ir.Value{Kind: ir.KindList, List: items, Pos: pos}
	}
	panic(fmt.Sprintf("rules: constant of type %T", v))
}

// splitHostPort splits "HOST:PORT", "[V6]:PORT" or ":PORT".
func splitHostPort(s string) (host, port string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	host, port = s[:i], s[i+1:]
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if _, err := strconv.Atoi(port); err != nil {
		return "", "", false
	}
	return host, port, true
}

// localHost reports whether a listen address is local or the wildcard,
// which a service's fixed local address serves as well for a development
// environment.
func localHost(h string) bool {
	switch h {
	case "", "127.0.0.1", "localhost", "0.0.0.0", "::", "::1", "*":
		return true
	}
	return false
}

var plainYAML = lazyre.New(`^[A-Za-z0-9_./-][A-Za-z0-9_.,/:-]*$`)

// yamlScalar writes a value as a YAML scalar: bare when YAML reads it
// back as the same string, number or boolean, and double-quoted
// otherwise.
func yamlScalar(s string) string {
	if plainYAML.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

// configWord quotes a word for a redis-style configuration line.
func configWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'\\") {
		return s
	}
	return strconv.Quote(s)
}
