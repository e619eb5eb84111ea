package compose

import (
	"fmt"
	"strconv"

	"github.com/pc2devenv/pc2devenv/ir"
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of value a compose file holds, as YAML resolves them.
const (
	KindNull Kind = iota
	KindStr
	KindInt
	KindFloat
	KindBool
	KindTime
	KindMap
	KindList
)

func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindStr:
		return "string"
	case KindInt, KindFloat:
		return "number"
	case KindBool:
		return "boolean"
	case KindTime:
		return "timestamp"
	case KindMap:
		return "mapping"
	}
	return "list"
}

// A Value is one value of a compose file after interpolation and merging:
// a scalar, a mapping with its keys in source order, or a list. Every
// value keeps the position it was read from, in the file it was read
// from, through merges, extends and includes.
type Value struct {
	Kind Kind
	// Str is a string value as compose-go resolves it (references
	// substituted from the project's .env, unset ones by their default or
	// the empty string), or the text of another scalar as compose prints
	// it (1.5, true).
	Str string
	// Text is a string value as written, with every ${...} and $NAME
	// reference kept (see ir.Text), so that a converter can keep a value
	// that comes from .env a run-time reference.
	Text ir.Text
	// Num holds a number, boolean or timestamp as YAML decodes it (int,
	// int64, uint64, float64, bool or time.Time).
	Num any
	// Fields are a mapping's entries, in source order.
	Fields []*Field
	// Items are a list's items.
	Items []*Value
	// Pos is where the value starts.
	Pos ir.Pos
	// tag is !reset or !override when the value carries one.
	tag string
	// raw is the scalar as written, before interpolation.
	raw string
}

// A Field is one key of a mapping with its value.
type Field struct {
	Key    string
	KeyPos ir.Pos
	Value  *Value
}

// Get returns the value of key in a mapping, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil {
		return nil
	}
	for _, f := range v.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// field returns the entry of key in a mapping, or nil.
func (v *Value) field(key string) *Field {
	if v == nil {
		return nil
	}
	for _, f := range v.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// set replaces or appends key's value.
func (v *Value) set(key string, keyPos ir.Pos, val *Value) {
	if f := v.field(key); f != nil {
		f.Value = val
		return
	}
	v.Fields = append(v.Fields, &Field{Key: key, KeyPos: keyPos, Value: val})
}

// del removes key from a mapping.
func (v *Value) del(key string) {
	for i, f := range v.Fields {
		if f.Key == key {
			v.Fields = append(v.Fields[:i:i], v.Fields[i+1:]...)
			return
		}
	}
}

// IsNull reports whether v is absent or null.
func (v *Value) IsNull() bool { return v == nil || v.Kind == KindNull }

// IsScalar reports whether v is neither a mapping nor a list.
func (v *Value) IsScalar() bool { return v != nil && v.Kind != KindMap && v.Kind != KindList }

// String returns a scalar as compose-go prints it with fmt.Sprint: a
// string as it resolved, a number in Go's shortest form.
func (v *Value) String() string {
	if v == nil {
		return ""
	}
	switch v.Kind {
	case KindStr:
		return v.Str
	case KindNull:
		return ""
	case KindInt, KindFloat, KindBool, KindTime:
		return fmt.Sprint(v.Num)
	}
	return ""
}

// clone returns a deep copy of v.
func (v *Value) clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	if v.Fields != nil {
		c.Fields = make([]*Field, len(v.Fields))
		for i, f := range v.Fields {
			fc := *f
			fc.Value = f.Value.clone()
			c.Fields[i] = &fc
		}
	}
	if v.Items != nil {
		c.Items = make([]*Value, len(v.Items))
		for i, it := range v.Items {
			c.Items[i] = it.clone()
		}
	}
	return &c
}

// equal reports whether a and b are the same value, as reflect.DeepEqual
// compares compose-go's decoded values (positions do not count).
func equal(a, b *Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case KindStr:
		return a.Str == b.Str
	case KindNull:
		return true
	case KindInt, KindFloat, KindBool, KindTime:
		return fmt.Sprintf("%T %v", a.Num, a.Num) == fmt.Sprintf("%T %v", b.Num, b.Num)
	case KindMap:
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for _, f := range a.Fields {
			g := b.field(f.Key)
			if g == nil || !equal(f.Value, g.Value) {
				return false
			}
		}
		return true
	}
	if len(a.Items) != len(b.Items) {
		return false
	}
	for i := range a.Items {
		if !equal(a.Items[i], b.Items[i]) {
			return false
		}
	}
	return true
}

// strValue returns a string Value at pos.
func strValue(s string, pos ir.Pos) *Value {
	return &Value{Kind: KindStr, Str: s, Text: ir.Plain(s, pos), Pos: pos}
}

// boolValue returns a boolean Value at pos.
func boolValue(b bool, pos ir.Pos) *Value {
	return &Value{Kind: KindBool, Num: b, Pos: pos}
}

// intValue returns an integer Value at pos.
func intValue(n int, pos ir.Pos) *Value {
	return &Value{Kind: KindInt, Num: n, Pos: pos}
}

// mapValue returns an empty mapping at pos.
func mapValue(pos ir.Pos) *Value { return &Value{Kind: KindMap, Pos: pos} }

// asInt returns an integer scalar's value.
func (v *Value) asInt() (int64, bool) {
	if v == nil || v.Kind != KindInt {
		return 0, false
	}
	switch n := v.Num.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case uint64:
		return int64(n), n <= 1<<63-1
	}
	return 0, false
}

// asBool returns a boolean scalar's value.
func (v *Value) asBool() (bool, bool) {
	if v == nil || v.Kind != KindBool {
		return false, false
	}
	b, ok := v.Num.(bool)
	return b, ok
}

// quoteKey quotes a key for a message when it is not a plain word.
func quoteKey(k string) string {
	for _, r := range k {
		if !(r == '_' || r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
