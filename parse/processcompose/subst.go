package processcompose

import (
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// substProblem is a ${...} form process-compose's loader rejects or reads
// differently from bash.
type substProblem struct {
	offset int
	id     ir.ID
	sev    ir.Severity
	msg    string
	hint   string
}

// refOps are the operators process-compose's substitution (drone/envsubst)
// understands after a variable name, longest first.
var refOps = []string{":-", ":=", ":?", ":+", "##", "%%", "//", "/#", "/%", "^^", ",,", "=", "-", "#", "%", "/", "^", ",", ":"}

// scanSubst splits s the way process-compose's loader (1.75 and later)
// reads it: "$$" is a literal "$", a braced ${...} is a reference it
// substitutes at load time, and anything else — a bare $VAR, a lone "$",
// $(cmd) — is literal text it leaves alone.
func scanSubst(s string, pos ir.Pos) (ir.Text, []substProblem) {
	t := ir.Text{Pos: pos}
	if !strings.Contains(s, "$") {
		t.Append(s)
		return t, nil
	}
	var problems []substProblem
	lit := 0 // start of pending literal text
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		switch s[i+1] {
		case '$':
			t.Append(s[lit:i] + "$")
			i++
			lit = i + 1
		case '{':
			ref, end, prob := scanRef(s, i)
			if prob != nil && (ref == nil || shellName(ref.Name)) {
				// A difference from bash does not matter where the
				// output does not leave the reference to bash.
				problems = append(problems, *prob)
			}
			if ref == nil {
				// Keep malformed text as it is; the problem says why.
				i = end - 1
				continue
			}
			t.Append(s[lit:i])
			if shellName(ref.Name) {
				t.AppendRef(ref)
			} else {
				// Bash cannot read a variable whose name starts with a
				// digit (${0A} is a "bad substitution", ${0} is the
				// script's name), so it cannot be left to bash: the
				// output gives what process-compose gives when the
				// variable is unset.
				val, nested := unsetValue(ref, pos, i+len(ref.Raw)-1-len(ref.Arg))
				problems = append(problems, nested...)
				problems = append(problems, substProblem{offset: i, id: ir.IDExpansionDiff, sev: ir.Warning,
					msg:  ref.Raw + ": bash cannot read a variable named " + ref.Name + ", so the output has what process-compose substitutes when it is unset: " + strconv.Quote(val.Shell()),
					hint: "name the variable with a letter or _ first"})
				for _, p := range val.Parts {
					if p.Ref != nil {
						t.AppendRef(p.Ref)
					} else {
						t.Append(p.Lit)
					}
				}
			}
			i = end - 1
			lit = end
		}
	}
	t.Append(s[lit:])
	return t, problems
}

// scanRef reads the reference starting at s[i] == '$', s[i+1] == '{'. It
// returns the reference (nil when malformed), the offset just after it, and
// a problem to report, if any.
func scanRef(s string, i int) (*ir.VarRef, int, *substProblem) {
	depth := 0
	end := -1
	for j := i + 1; j < len(s); j++ {
		if s[j] == '{' {
			depth++
		} else if s[j] == '}' {
			depth--
			if depth == 0 {
				end = j + 1
				break
			}
		}
	}
	if end < 0 {
		return nil, len(s), &substProblem{offset: i, id: ir.IDBadExpansion, sev: ir.Error,
			msg: "unterminated ${ : process-compose refuses to load the file", hint: `write "$${" for a literal "${"`}
	}
	raw := s[i:end]
	body := raw[2 : len(raw)-1]
	ref := &ir.VarRef{Raw: raw}
	if strings.HasPrefix(body, "#") && len(body) > 1 {
		ref.Op = "len"
		body = body[1:]
	}
	n := 0
	for n < len(body) && sourcecheck.IsNameByte(body[n]) {
		n++
	}
	if n == 0 {
		return nil, end, &substProblem{offset: i, id: ir.IDBadExpansion, sev: ir.Error,
			msg: "malformed " + raw + ": process-compose refuses to load the file", hint: `write "$${" for a literal "${"`}
	}
	ref.Name = body[:n]
	rest := body[n:]
	if ref.Op == "len" {
		if rest != "" {
			return nil, end, &substProblem{offset: i, id: ir.IDBadExpansion, sev: ir.Error,
				msg: "malformed " + raw + ": process-compose refuses to load the file"}
		}
		return ref, end, nil
	}
	if rest == "" {
		return ref, end, nil
	}
	for _, op := range refOps {
		if strings.HasPrefix(rest, op) {
			ref.Op = op
			ref.Arg = rest[len(op):]
			break
		}
	}
	switch ref.Op {
	case "":
		return nil, end, &substProblem{offset: i, id: ir.IDBadExpansion, sev: ir.Error,
			msg: "malformed " + raw + ": process-compose refuses to load the file"}
	case "-":
		return nil, end, &substProblem{offset: i, id: ir.IDBadExpansion, sev: ir.Error,
			msg:  raw + " cannot be parsed by process-compose (it refuses to load the file)",
			hint: "write ${" + ref.Name + ":-" + ref.Arg + "}"}
	case ":+":
		return ref, end, &substProblem{offset: i, id: ir.IDExpansionDiff, sev: ir.Warning,
			msg: raw + " means the opposite to process-compose and to bash: process-compose gives $" + ref.Name + " when it is set and \"" + ref.Arg + "\" when not; bash gives \"" + ref.Arg + "\" when it is set; the output keeps it for bash"}
	case ":?":
		return ref, end, &substProblem{offset: i, id: ir.IDExpansionDiff, sev: ir.Warning,
			msg: raw + ": process-compose substitutes \"" + ref.Arg + "\" when " + ref.Name + " is unset, where bash stops with that error; the output keeps it for bash"}
	}
	return ref, end, nil
}

// shellName reports whether bash can read a variable called name.
func shellName(name string) bool {
	return name != "" && !('0' <= name[0] && name[0] <= '9')
}

// unsetValue returns what process-compose's loader substitutes for ref when
// its variable is unset, with the problems of any reference in its default;
// argAt is the offset of ref's argument in the text scanned.
func unsetValue(ref *ir.VarRef, pos ir.Pos, argAt int) (ir.Text, []substProblem) {
	switch ref.Op {
	case ":-", ":=", "=", ":?", ":+":
		// drone/envsubst gives the argument for all of these when the
		// variable is unset (":?" its message, ":+" like ":-").
		t, problems := scanSubst(ref.Arg, pos)
		for i := range problems {
			problems[i].offset += argAt
		}
		return t, problems
	case "len":
		return ir.Text{Pos: pos, Parts: []ir.TextPart{{Lit: "0"}}}, nil
	}
	return ir.Text{Pos: pos}, nil
}
