package ir

// Kind says what a Value holds.
type Kind int

// The kinds of Value.
const (
	KindNull Kind = iota
	KindBool
	KindInt
	KindFloat
	KindString
	KindList
	KindMap
	// KindPackage is a reference to a package, pkgs.<Str>.
	KindPackage
	// KindEnvRef is a string devenv builds when it evaluates the output:
	// Str's literal parts as they are, and for each of its references the
	// value of that variable of devenv's env (config.env.NAME), which
	// dotenv.enable fills from the project's .env files. Values that must
	// not be copied into the output (passwords from .env) are referred to
	// this way.
	KindEnvRef
	// KindPath is a path relative to the project's directory, Str, which
	// the output writes as a Nix path (./init.sql).
	KindPath
)

// Value is a format-neutral data tree: what a source said for a key that
// the model has no typed field for (kept for passing through), and the
// option values of services.
type Value struct {
	Kind  Kind
	Bool  bool
	Int   int64
	Float float64
	// Str holds a string, or a package's attribute name.
	Str  Text
	List []Value
	Map  []Field
	Pos  Pos
}

// Field is one key of a KindMap Value, in source order.
type Field struct {
	Key    string
	KeyPos Pos
	Value  Value
}

// StringValue returns a KindString Value holding s literally.
func StringValue(s string, pos Pos) Value {
	return Value{Kind: KindString, Str: Plain(s, pos), Pos: pos}
}

// IntValue returns a KindInt Value.
func IntValue(n int64, pos Pos) Value { return Value{Kind: KindInt, Int: n, Pos: pos} }

// BoolValue returns a KindBool Value.
func BoolValue(b bool, pos Pos) Value { return Value{Kind: KindBool, Bool: b, Pos: pos} }

// PackageValue returns a reference to pkgs.<attr>.
func PackageValue(attr string, pos Pos) Value {
	return Value{Kind: KindPackage, Str: Plain(attr, pos), Pos: pos}
}

// EnvRefValue returns a KindEnvRef Value for t, whose references name
// variables of devenv's env.
func EnvRefValue(t Text, pos Pos) Value { return Value{Kind: KindEnvRef, Str: t, Pos: pos} }

// PathValue returns a KindPath Value for a path relative to the project.
func PathValue(path string, pos Pos) Value {
	return Value{Kind: KindPath, Str: Plain(path, pos), Pos: pos}
}

// MapValue returns a KindMap Value with the given fields.
func MapValue(pos Pos, fields ...Field) Value { return Value{Kind: KindMap, Map: fields, Pos: pos} }

// Get returns the field named key of a KindMap Value.
func (v Value) Get(key string) (Value, bool) {
	for _, f := range v.Map {
		if f.Key == key {
			return f.Value, true
		}
	}
	return Value{}, false
}
