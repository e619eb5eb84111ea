package compose

// kinds is a set of Kinds a key's value may have.
type kinds uint16

const (
	kNull  kinds = 1 << KindNull
	kStr   kinds = 1 << KindStr
	kInt   kinds = 1 << KindInt
	kFloat kinds = 1 << KindFloat
	kBool  kinds = 1 << KindBool
	kMap   kinds = 1 << KindMap
	kList  kinds = 1 << KindList
	kAny   kinds = 0xffff
)

// allows reports whether a value of kind k is allowed; a timestamp is a
// string once compose-go marshals the model to JSON to validate it.
func (ks kinds) allows(k Kind) bool {
	if k == KindTime {
		k = KindStr
	}
	return ks&(1<<k) != 0
}

// String names the kinds for messages: "a string or a list".
func (ks kinds) String() string {
	var names []string
	for _, k := range []struct {
		k    kinds
		name string
	}{{kMap, "a mapping"}, {kList, "a list"}, {kStr, "a string"}, {kInt | kFloat, "a number"}, {kInt, "a whole number"}, {kBool, "a boolean"}, {kNull, "null"}} {
		if ks&k.k == k.k && k.k != 0 {
			names = append(names, k.name)
			ks &^= k.k
		}
	}
	switch len(names) {
	case 0:
		return "something else"
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " or " + names[len(names)-1]
}
