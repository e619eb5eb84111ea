package compose

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// lookupFunc returns a variable's value and whether it is set.
type lookupFunc func(name string) (string, bool)

// substitution is the result of interpolating one string the way
// compose-go's template package does.
type substitution struct {
	// value is the string compose-go makes of it.
	value string
	// text keeps the literal parts and every top-level reference as
	// written, for run-time substitution.
	text ir.Text
	// invalid is the template compose-go refuses ("" when none).
	invalid string
	// required holds the ${V:?message} and ${V?message} references whose
	// variable is missing: compose-go refuses the file with the message.
	required []requiredVar
	// unset names the variables read without a value and without a
	// default: compose-go substitutes the empty string and warns.
	unset []string
}

// requiredVar is a ${V:?message} that fails.
type requiredVar struct{ name, message string }

// interpolate substitutes ${...} and $NAME references in s as compose-go's
// template.Substitute does (the compose specification's interpolation):
// $$ is a literal $, $NAME and ${NAME} are the variable's value (empty when
// unset), ${NAME:-default} and ${NAME-default} give a default when the
// variable is unset or empty (or unset only), ${NAME:+alt} and ${NAME+alt}
// give alt when it is set and not empty (or set), ${NAME:?message} and
// ${NAME?message} require it, and defaults nest. A $ followed by anything
// else is kept. pos is the string's position, for the Text.
func interpolate(s string, lookup lookupFunc, pos ir.Pos) substitution {
	var sub substitution
	sub.text.Pos = pos
	if strings.IndexByte(s, '$') < 0 {
		sub.value = s
		if s != "" {
			sub.text.Parts = []ir.TextPart{{Lit: s}}
		}
		return sub
	}
	var b strings.Builder
	sub.substitute(s, lookup, &b, true)
	sub.value = b.String()
	return sub
}

// substitute appends the substitution of s to b; top says whether s is the
// whole string (whose references become parts of text) or a default being
// expanded.
func (sub *substitution) substitute(s string, lookup lookupFunc, b *strings.Builder, top bool) {
	lit := 0 // start of the pending literal text, for top
	flushLit := func(end int) {
		if top && end > lit {
			sub.text.Append(s[lit:end])
		}
	}
	for i := 0; i < len(s); {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		c := s[i+1]
		switch {
		case c == '$':
			flushLit(i)
			b.WriteByte('$')
			if top {
				sub.text.Append("$")
			}
			i += 2
			lit = i
		case isNameStart(c):
			j := i + 2
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			name := s[i+1 : j]
			v, ok := lookup(name)
			if !ok {
				sub.unset = append(sub.unset, name)
			}
			b.WriteString(v)
			flushLit(i)
			if top {
				sub.text.AppendRef(&ir.VarRef{Raw: s[i:j], Name: name})
			}
			i = j
			lit = i
		case c == '{':
			end, ok := bracedEnd(s, i)
			if !ok {
				if sub.invalid == "" {
					sub.invalid = s
				}
				// compose-go substitutes "" for the invalid ${ and goes on.
				flushLit(i)
				i += 2
				lit = i
				continue
			}
			ref := s[i:end]
			flushLit(i)
			r := sub.braced(ref, lookup, b)
			if top {
				sub.text.AppendRef(r)
			}
			i = end
			lit = i
		default:
			b.WriteByte('$')
			i++
		}
	}
	flushLit(len(s))
}

// braced substitutes one ${...} reference (ref, braces included) and
// returns it as a VarRef.
func (sub *substitution) braced(ref string, lookup lookupFunc, b *strings.Builder) *ir.VarRef {
	body := ref[2 : len(ref)-1]
	n := 1
	for n < len(body) && isNameChar(body[n]) {
		n++
	}
	name, rest := body[:n], body[n:]
	r := &ir.VarRef{Raw: ref, Name: name}
	if rest == "" {
		v, ok := lookup(name)
		if !ok {
			sub.unset = append(sub.unset, name)
		}
		b.WriteString(v)
		return r
	}
	op := rest[:1]
	if op == ":" {
		op = rest[:2]
	}
	r.Op, r.Arg = op, rest[len(op):]
	v, set := lookup(name)
	switch op {
	case ":-", "-":
		if !set || op == ":-" && v == "" {
			sub.substitute(r.Arg, lookup, b, false)
			return r
		}
		b.WriteString(v)
	case ":+", "+":
		if set && (op == "+" || v != "") {
			sub.substitute(r.Arg, lookup, b, false)
			return r
		}
		b.WriteString(v)
	case ":?", "?":
		if !set || op == ":?" && v == "" {
			var msg strings.Builder
			sub.substitute(r.Arg, lookup, &msg, false)
			sub.required = append(sub.required, requiredVar{name, msg.String()})
			return r
		}
		b.WriteString(v)
	}
	return r
}

// bracedEnd returns the end of the ${...} reference that starts at s[i],
// as compose-go's pattern and its brace counting find it: a name, then
// either "}" or an operator (":-", "-", ":+", "+", ":?", "?"), text up to
// the last "}" of the line, cut at the "}" that closes the first "{".
func bracedEnd(s string, i int) (int, bool) {
	j := i + 2
	if j >= len(s) || !isNameStart(s[j]) {
		return 0, false
	}
	j++
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	if j >= len(s) {
		return 0, false
	}
	if s[j] == '}' {
		return j + 1, true
	}
	k := j
	if s[k] == ':' {
		k++
	}
	if k >= len(s) || s[k] != '-' && s[k] != '+' && s[k] != '?' {
		return 0, false
	}
	// The pattern's (.*) runs to the last "}" before the end of the line.
	line := len(s)
	if nl := strings.IndexByte(s[k:], '\n'); nl >= 0 {
		line = k + nl
	}
	last := strings.LastIndexByte(s[k+1:line], '}')
	if last < 0 {
		return 0, false
	}
	match := s[i : k+1+last+1]
	if c := firstBraceClosing(match); c >= 0 {
		return i + c + 1, true
	}
	return i + len(match), true
}

// firstBraceClosing is compose-go's getFirstBraceClosingIndex: the index
// of the "}" that brings the count of "{" back to zero, where the
// character after each "{" is skipped, or -1.
func firstBraceClosing(s string) int {
	open := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '}' {
			open--
			if open == 0 {
				return i
			}
		}
		if s[i] == '{' {
			open++
			i++
		}
	}
	return -1
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }
