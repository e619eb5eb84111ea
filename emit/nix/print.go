package nix

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Print writes f to w as Nix source.
func Print(w io.Writer, f *File) error {
	b, err := Format(f)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Format returns f as Nix source. It fails only for values Nix cannot
// represent, such as a string holding a NUL byte.
func Format(f *File) ([]byte, error) {
	b, _, err := FormatComments(f)
	return b, err
}

// A PrintedComment is a comment of a printed file: its text, as the
// syntax tree holds it, and the line where it starts (from 1).
type PrintedComment struct {
	Line int
	Text string
}

// FormatComments is Format, and also returns the file's comments in the
// order they are printed, each with the line it starts on, so that a
// report can point at them: only the printer knows which lines of a file
// are comments and which are the lines of a string.
func FormatComments(f *File) ([]byte, []PrintedComment, error) {
	p := newPrinter()
	defer p.release()
	if n := len(f.Comments) + countComments(f.Body); n > 0 {
		p.comments = make([]PrintedComment, 0, n)
	}
	for _, c := range f.Comments {
		p.comment(c)
	}
	if used := usedArgs(f.Body); used != [len(moduleArgs)]bool{} {
		// The header names what Formals returns.
		p.buf.WriteString("{ ")
		for i, formal := range moduleArgs {
			if used[i] {
				p.buf.WriteString(formal)
				p.buf.WriteString(", ")
			}
		}
		p.buf.WriteString("... }:\n\n")
	}
	p.expr(f.Body, true)
	p.buf.WriteByte('\n')
	if p.err != nil {
		return nil, nil, p.err
	}
	return p.output(), p.comments, nil
}

// countComments returns the number of comments in e, which is the
// number FormatComments returns for it.
func countComments(e Expr) int {
	n := 0
	switch e := e.(type) {
	case *String:
		for _, p := range e.Parts {
			if p.Interp != nil {
				n += countComments(p.Interp)
			}
		}
	case *Apply:
		n += countComments(e.Fn)
		for _, a := range e.Args {
			n += countComments(a)
		}
	case *List:
		for _, it := range e.Items {
			n += len(it.Comments) + countComments(it.Value)
		}
	case *Attrs:
		for _, b := range e.Bindings {
			n += len(b.Comments)
			if b.Value != nil {
				n += countComments(b.Value)
			}
		}
	}
	return n
}

// FormatExpr returns e as Nix source, laid out as the value of a binding at
// the top level.
func FormatExpr(e Expr) ([]byte, error) {
	p := newPrinter()
	defer p.release()
	p.expr(e, true)
	if p.err != nil {
		return nil, p.err
	}
	return p.output(), nil
}

// bufPool holds the printers' buffers between prints, so that a print
// grows no buffer from nothing and allocates its output once, at its
// size.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledOutput is the largest output printed into a pooled buffer
// and copied out of it. A larger output is the buffer itself, which
// leaves the pool: copying it would cost as much as growing it did, and
// the pool would not keep it past the garbage collections that printing
// a file that large brings.
const maxPooledOutput = 64 << 10

// newPrinter returns a printer with a buffer from bufPool.
func newPrinter() *printer {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	return &printer{buf: buf}
}

// output returns what p printed, as bytes of the caller's own, and
// releases p's buffer; p must not be used after.
func (p *printer) output() []byte {
	buf := p.buf
	p.buf = nil
	if buf.Len() > maxPooledOutput {
		return buf.Bytes()
	}
	out := bytes.Clone(buf.Bytes())
	bufPool.Put(buf)
	return out
}

// release returns p's buffer to bufPool when p fails, and output has not
// released it.
func (p *printer) release() {
	if p.buf != nil && p.buf.Cap() <= maxPooledOutput {
		bufPool.Put(p.buf)
	}
	p.buf = nil
}

type printer struct {
	buf    *bytes.Buffer
	indent int
	err    error
	// comments are those printed so far; line is the number of the
	// line that starts at byte counted of buf.
	comments []PrintedComment
	line     int
	counted  int
}

// noteComment records that the comment text starts at the end of buf.
func (p *printer) noteComment(text string) {
	p.line += bytes.Count(p.buf.Bytes()[p.counted:], []byte{'\n'})
	p.counted = p.buf.Len()
	p.comments = append(p.comments, PrintedComment{Line: p.line + 1, Text: text})
}

// newline writes a newline and the indentation of the next line.
func (p *printer) newline() {
	if n := 2 * p.indent; n < len(newlineIndent) {
		p.buf.WriteString(newlineIndent[:1+n])
		return
	}
	p.buf.WriteByte('\n')
	for range p.indent {
		p.buf.WriteString("  ")
	}
}

// newlineIndent is a newline and the indentation of up to 15 levels.
const newlineIndent = "\n" + "                              "

// comment writes each line of text as a # comment on its own line, at the
// current indentation, ending with a newline and the indentation of the
// next line.
func (p *printer) comment(text string) {
	p.noteComment(text)
	if p.commentLines(text) {
		p.newline()
	}
}

// commentLines writes text as # comment lines, a newline and the
// indentation between two lines, and reports whether it wrote them. Nix
// ends a # comment at a carriage return as well as at a newline, so both
// break lines here (a CR LF pair once): a carriage return left inside a
// comment line would end the comment, and the rest of the line would be
// read as code. Comments hold source text (process names, keys, values),
// so this is escaping too. A NUL byte or invalid UTF-8, which a Nix file
// cannot hold, is an error, and nothing is written.
func (p *printer) commentLines(text string) bool {
	if err := checkString(text); err != nil {
		p.fail(err)
		return false
	}
	for {
		i := strings.IndexAny(text, "\r\n")
		line, rest := text, ""
		if i >= 0 {
			line, rest = text[:i], text[i+1:]
			if text[i] == '\r' && strings.HasPrefix(rest, "\n") {
				rest = rest[1:]
			}
		}
		line = strings.TrimRight(line, " \t")
		if line == "" {
			p.buf.WriteByte('#')
		} else {
			p.buf.WriteString("# ")
			p.buf.WriteString(line)
		}
		if i < 0 {
			return true
		}
		p.newline()
		text = rest
	}
}

// expr prints e. expand says e is the value of a binding (or the file's
// body), where attribute sets are always written over several lines.
func (p *printer) expr(e Expr, expand bool) {
	switch e := e.(type) {
	case *String:
		p.str(e)
	case *Int:
		p.buf.Write(strconv.AppendInt(p.buf.AvailableBuffer(), e.V, 10))
	case *Float:
		p.float(e.V)
	case *Bool:
		p.buf.WriteString(strconv.FormatBool(e.V))
	case *Null:
		p.buf.WriteString("null")
	case *Path:
		p.path(e.P)
	case *Var:
		p.varRef(e)
	case *Apply:
		p.apply(e)
	case *List:
		p.list(e)
	case *Attrs:
		p.attrs(e)
	case nil:
		p.fail(fmt.Errorf("nix: nil expression"))
	default:
		p.fail(fmt.Errorf("nix: unknown expression %T", e))
	}
}

func (p *printer) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

func (p *printer) float(v float64) {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		p.fail(fmt.Errorf("nix: %v cannot be written as a Nix number", v))
		return
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	p.buf.WriteString(s)
}

func (p *printer) varRef(v *Var) {
	for i, c := range v.Path {
		if err := checkString(c); err != nil {
			p.fail(err)
			return
		}
		if i > 0 {
			p.buf.WriteByte('.')
			p.buf.Write(appendAttrName(p.buf.AvailableBuffer(), c))
		} else {
			p.buf.WriteString(c)
		}
	}
}

func (p *printer) apply(a *Apply) {
	p.operand(a.Fn)
	for _, arg := range a.Args {
		p.buf.WriteByte(' ')
		p.operand(arg)
	}
}

// operand prints e where it must bind tighter than function application:
// an argument, or a list item. A negative number, or a path written as a
// sum, is an operand only in parentheses, since Nix reads "-" and "+" as
// operators ([ -1 ] is a syntax error, and f -1 a subtraction).
func (p *printer) operand(e Expr) {
	paren := false
	switch e := e.(type) {
	case *Apply:
		paren = true
	case *Int:
		paren = e.V < 0
	case *Float:
		paren = math.Signbit(e.V)
	case *Path:
		// A path that is not valid path syntax is written ./. + "/P".
		_, literal := pathLiteral(e.P)
		paren = !literal
	}
	if !paren {
		p.expr(e, false)
		return
	}
	p.buf.WriteByte('(')
	p.expr(e, false)
	p.buf.WriteByte(')')
}

func (p *printer) list(l *List) {
	if len(l.Items) == 0 {
		p.buf.WriteString("[ ]")
		return
	}
	if len(l.Items) == 1 && len(l.Items[0].Comments) == 0 && inline(l.Items[0].Value) {
		p.buf.WriteString("[ ")
		p.operand(l.Items[0].Value)
		p.buf.WriteString(" ]")
		return
	}
	p.buf.WriteByte('[')
	p.indent++
	for _, it := range l.Items {
		p.newline()
		for _, c := range it.Comments {
			p.comment(c)
		}
		p.operand(it.Value)
	}
	p.indent--
	p.newline()
	p.buf.WriteByte(']')
}

// inline reports whether e prints on one line.
func inline(e Expr) bool {
	switch e := e.(type) {
	case *String:
		return !multiline(e)
	case *List:
		return len(e.Items) == 0
	case *Attrs:
		return len(e.Bindings) == 0
	case *Apply:
		for _, a := range e.Args {
			if !inline(a) {
				return false
			}
		}
		return inline(e.Fn)
	}
	return true
}

func (p *printer) attrs(a *Attrs) {
	if len(a.Bindings) == 0 {
		p.buf.WriteString("{ }")
		return
	}
	p.buf.WriteByte('{')
	p.indent++
	for i, b := range a.Bindings {
		if b.Blank && i > 0 {
			p.buf.WriteByte('\n')
		}
		p.newline()
		p.binding(b)
	}
	p.indent--
	p.newline()
	p.buf.WriteByte('}')
}

func (p *printer) binding(b *Binding) {
	for i, c := range b.Comments {
		if b.Value == nil && i == len(b.Comments)-1 {
			// A comment on its own: no newline after its last line.
			p.noteComment(c)
			p.commentLines(c)
			return
		}
		p.comment(c)
	}
	if b.Value == nil {
		return
	}
	value, sets := collapse(b.Value)
	n := len(b.Path)
	for v := range sets.all {
		n += len(v.Bindings[0].Path)
	}
	if n == 0 {
		p.fail(fmt.Errorf("nix: binding without a name"))
		return
	}
	if !p.attrPath(b.Path, false) {
		return
	}
	dot := len(b.Path) > 0
	for v := range sets.all {
		inner := v.Bindings[0].Path
		if !p.attrPath(inner, dot) {
			return
		}
		dot = dot || len(inner) > 0
	}
	p.buf.WriteString(" = ")
	p.expr(value, true)
	p.buf.WriteByte(';')
}

// attrPath writes the parts of path joined by dots, after a dot when dot
// is set and path is not empty, and reports whether they are valid.
func (p *printer) attrPath(path []string, dot bool) bool {
	for i, c := range path {
		if err := checkString(c); err != nil {
			p.fail(err)
			return false
		}
		if i > 0 || dot {
			p.buf.WriteByte('.')
		}
		p.buf.Write(appendAttrName(p.buf.AvailableBuffer(), c))
	}
	return true
}

// collapse returns the value a binding of value is written with, and the
// sets whose paths join the binding's path: a binding's path is joined
// with the paths inside its value while the value is an attribute set of
// exactly one binding that ends in a single value, so that
// {a = {b = {c = 1;};};} is written a.b.c = 1;. A set of two or more
// bindings stays a set, so related settings stay together. collapse
// allocates nothing: the printer writes the joined path part by part.
func collapse(value Expr) (Expr, chainSets) {
	if !chain(value) {
		return value, chainSets{}
	}
	top := value
	n := 0
	for {
		a, ok := value.(*Attrs)
		if !ok || len(a.Bindings) != 1 {
			return value, chainSets{top: top, n: n}
		}
		value = a.Bindings[0].Value
		n++
	}
}

// chainSets are the n nested sets of one binding each that collapse
// joins, starting at top.
type chainSets struct {
	top Expr
	n   int
}

// all yields the sets of c, outermost first.
func (c chainSets) all(yield func(*Attrs) bool) {
	v := c.top
	for range c.n {
		a := v.(*Attrs)
		if !yield(a) {
			return
		}
		v = a.Bindings[0].Value
	}
}

// chain reports whether e is a leaf value or a set of exactly one binding,
// without comments, whose value is a chain.
func chain(e Expr) bool {
	a, ok := e.(*Attrs)
	if !ok || len(a.Bindings) == 0 {
		return true
	}
	if len(a.Bindings) != 1 {
		return false
	}
	b := a.Bindings[0]
	return len(b.Comments) == 0 && b.Value != nil && chain(b.Value)
}

// SingleLine reports whether b prints on one line.
func SingleLine(b *Binding) bool {
	if len(b.Comments) > 0 || b.Value == nil {
		return false
	}
	v, _ := collapse(b.Value)
	return inline(v)
}
