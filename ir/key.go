package ir

import (
	"strconv"
	"strings"
)

// Key is one key of a structured source (a YAML mapping key), for the
// report of what became of each key (see package emit).
type Key struct {
	// Path is where the key is, such as processes.web.availability.restart;
	// it knows which process the key belongs to (Path.Process) and which
	// of its components are names the user chose (Path.Pattern).
	Path     Path
	Pos      Pos
	ValuePos Pos // where the key's value is
	// Unknown is set for keys the source format does not define.
	Unknown bool
	// Consumed, when not empty, says why the reader used the key up itself
	// and nothing in the output stands for it: a default value, a value a
	// later file overrides, a template variable. Its fate is "consumed"
	// under every target, whatever the key's row of the fate table says.
	Consumed string
	// Dropped, when not empty, says why the reader left the key out, with
	// a diagnostic at the key (process-compose ignores it too, say). Its
	// fate is "reported" under every target.
	Dropped string
}

// Path is where a key sits in a structured source: its components from
// the top, each a key the format defines, a name the user chose (of a
// variable, a dependency, a header), or the name of a process. Paths are
// values: Child and Name return new paths and leave the one they are
// called on alone. The zero Path is the top of the file.
type Path struct{ parts []part }

// part is one component of a Path.
type part struct {
	text string
	kind partKind
}

// partKind says what a component of a Path is.
type partKind uint8

const (
	keyPart     partKind = iota // a key the format defines
	namePart                    // a name the user chose
	processPart                 // the name of a process, which the user chose
)

// NewPath returns the path of a top-level key and the keys under it, all
// of them keys the format defines, such as NewPath("shell",
// "shell_command").
func NewPath(keys ...string) Path { return Path{}.Child(keys...) }

// ProcessPath returns the path of the process called name: processes.NAME.
func ProcessPath(name string) Path {
	return Path{parts: []part{{"processes", keyPart}, {name, processPart}}}
}

// ComposeServicePath returns the path of the docker-compose service
// called name, services.NAME: the key of the process made from it.
func ComposeServicePath(name string) Path {
	return Path{parts: []part{{"services", keyPart}, {name, processPart}}}
}

// Child returns the path of keys the format defines under p, one inside
// the other: ProcessPath("web").Child("shutdown", "command").
func (p Path) Child(keys ...string) Path {
	return p.with(keyPart, keys...)
}

// Name returns the path of an entry under p whose key the user chose,
// such as a variable of an environment or a process named in depends_on.
func (p Path) Name(name string) Path {
	return p.with(namePart, name)
}

func (p Path) with(kind partKind, texts ...string) Path {
	parts := make([]part, len(p.parts), len(p.parts)+len(texts))
	copy(parts, p.parts)
	for _, t := range texts {
		parts = append(parts, part{t, kind})
	}
	return Path{parts: parts}
}

// Len returns the number of components of p.
func (p Path) Len() int { return len(p.parts) }

// IsZero reports whether p is the zero Path, which names no key.
func (p Path) IsZero() bool { return len(p.parts) == 0 }

// Last returns p's last component, or "" for the zero Path.
func (p Path) Last() string {
	if len(p.parts) == 0 {
		return ""
	}
	return p.parts[len(p.parts)-1].text
}

// Parent returns the path of the key p is in; the parent of a top-level
// key, and of the zero Path, is the zero Path.
func (p Path) Parent() Path {
	if len(p.parts) == 0 {
		return p
	}
	return Path{parts: p.parts[: len(p.parts)-1 : len(p.parts)-1]}
}

// Process returns the name of the process p is in, or is the key of, and
// the path of p below that process's key (empty for the process's key
// itself). ok is false for a path outside every process.
func (p Path) Process() (name string, below []string, ok bool) {
	for i, c := range p.parts {
		if c.kind == processPart {
			for _, b := range p.parts[i+1:] {
				below = append(below, b.text)
			}
			return c.text, below, true
		}
	}
	return "", nil, false
}

// String returns p's components joined with ".", as written:
// processes.web.availability.restart. A name that holds a dot reads like
// two components; Quote tells them apart.
func (p Path) String() string {
	return p.join(func(c part) string { return c.text })
}

// Pattern returns p with every name the user chose replaced by "*", such
// as processes.*.availability.restart: the keys of every process (or
// every variable) alike, as the rows of a fate table name them.
func (p Path) Pattern() string {
	return p.join(func(c part) string {
		if c.kind == keyPart {
			return c.text
		}
		return "*"
	})
}

// Quote returns p as String does, but with every component that holds a
// dot or a double quote, or is empty, in double quotes as Go quotes
// strings: processes."db.web".command. Two paths are the same key exactly
// when their Quote is the same.
func (p Path) Quote() string {
	return p.join(func(c part) string {
		if needsQuote(c.text) {
			return strconv.Quote(c.text)
		}
		return c.text
	})
}

// needsQuote reports whether Quote writes s in double quotes: when it is
// empty, holds a dot, or is not as strconv.Quote would write it.
func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '.' {
			// Printable non-ASCII text is left alone by strconv.Quote
			// and needs its verdict.
			return strings.Contains(s, ".") || strconv.Quote(s) != `"`+s+`"`
		}
	}
	return false
}

func (p Path) join(text func(part) string) string {
	if len(p.parts) == 1 {
		return text(p.parts[0])
	}
	var b strings.Builder
	n := len(p.parts)
	for _, c := range p.parts {
		n += len(c.text)
	}
	b.Grow(n)
	for i, c := range p.parts {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(text(c))
	}
	return b.String()
}
