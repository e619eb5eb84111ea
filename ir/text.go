package ir

import "strings"

// Text is a string as the source's runner understood it when it loaded the
// file: literal parts, and references such as ${HOME} that the runner
// would have substituted at load time. process-compose substitutes braced
// ${VAR} forms in its whole file when it loads it; other sources produce
// Texts without references.
//
// Keeping references apart from literal text lets each target render the
// string the way its runner needs it: bash expands ${HOME} itself when a
// devenv process starts, while a string handed back to process-compose
// must keep it braced and double every literal "$".
type Text struct {
	Parts []TextPart
	Pos   Pos
}

// A TextPart is either literal text (Ref is nil) or one load-time reference.
type TextPart struct {
	Lit string
	Ref *VarRef
}

// VarRef is a ${...} reference that the source's runner substitutes at load
// time.
type VarRef struct {
	// Raw is the reference as written, e.g. "${PORT:-8080}".
	Raw string
	// Name is the variable's name, e.g. "PORT".
	Name string
	// Op is the operator after the name, e.g. ":-", "-", ":?", ":+", "#",
	// or "" for a plain ${NAME}.
	Op string
	// Arg is the text after the operator, e.g. "8080".
	Arg string
}

// Plain returns a Text holding s literally.
func Plain(s string, pos Pos) Text {
	if s == "" {
		return Text{Pos: pos}
	}
	return Text{Parts: []TextPart{{Lit: s}}, Pos: pos}
}

// IsEmpty reports whether t holds nothing at all.
func (t Text) IsEmpty() bool { return len(t.Parts) == 0 }

// HasRefs reports whether t holds a load-time reference.
func (t Text) HasRefs() bool {
	for _, p := range t.Parts {
		if p.Ref != nil {
			return true
		}
	}
	return false
}

// Refs returns t's load-time references in order.
func (t Text) Refs() []*VarRef {
	var refs []*VarRef
	for _, p := range t.Parts {
		if p.Ref != nil {
			refs = append(refs, p.Ref)
		}
	}
	return refs
}

// Literal returns t's value when it holds no reference.
func (t Text) Literal() (string, bool) {
	if t.HasRefs() {
		return "", false
	}
	return t.Shell(), true
}

// Shell returns t as text for bash: literal parts as they are and
// references as written, so that bash substitutes them when the command
// runs.
func (t Text) Shell() string {
	if len(t.Parts) == 1 && t.Parts[0].Ref == nil {
		return t.Parts[0].Lit
	}
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Ref != nil {
			b.WriteString(p.Ref.Raw)
		} else {
			b.WriteString(p.Lit)
		}
	}
	return b.String()
}

// ProcessCompose returns t encoded for a process-compose file that
// process-compose will load again: every literal "$" doubled, so that its
// loader turns it back into one, and references kept as written, so that
// its loader substitutes them as it did for the source.
func (t Text) ProcessCompose() string {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Ref != nil {
			b.WriteString(p.Ref.Raw)
		} else {
			b.WriteString(strings.ReplaceAll(p.Lit, "$", "$$"))
		}
	}
	return b.String()
}

// Append adds literal text to the end of t.
func (t *Text) Append(s string) {
	if s == "" {
		return
	}
	if n := len(t.Parts); n > 0 && t.Parts[n-1].Ref == nil {
		t.Parts[n-1].Lit += s
		return
	}
	t.Parts = append(t.Parts, TextPart{Lit: s})
}

// AppendRef adds a reference to the end of t.
func (t *Text) AppendRef(r *VarRef) { t.Parts = append(t.Parts, TextPart{Ref: r}) }

// Default returns the value the loader gives r when the variable is unset:
// the default of ${V:-d}, ${V:=d} and ${V=d}, and the text of ${V:?msg}
// and ${V:+alt}, which process-compose substitutes in that case. ok is
// false when the value depends on the environment alone, as for ${V}.
func (r *VarRef) Default() (value string, ok bool) {
	switch r.Op {
	case ":-", ":=", "=", ":?", ":+":
		return r.Arg, true
	}
	return "", false
}

// Resolve returns t with every reference replaced by its Default, for
// fields that nothing expands at run time (a working directory, a port).
// References without a default become empty and are returned in
// unresolved.
func (t Text) Resolve() (value string, unresolved []*VarRef) {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Ref == nil {
			b.WriteString(p.Lit)
			continue
		}
		d, ok := p.Ref.Default()
		if !ok {
			unresolved = append(unresolved, p.Ref)
		}
		b.WriteString(d)
	}
	return b.String(), unresolved
}
