package processcompose

import (
	"errors"
	"fmt"
	"io"
	"text/template"
	"text/template/parse"
)

// A Go template can do unbounded work from a few bytes: {{range
// 1000000000}} loops a billion times, three nested ranges over a list of a
// thousand a billion times, a template that calls itself twice doubles at
// each of text/template's 100000 levels, and a loop that prints makes
// gigabytes. process-compose would hang rendering such a file; the
// converter refuses it. Rendering is bounded in steps — each iteration of
// a range and each call of a template counts one — and in output.
const (
	maxTemplateSteps  = 100_000
	maxTemplateOutput = 1 << 20
)

// stepFunc is the template function the converter puts at the start of
// every range body and every template, to count steps.
const stepFunc = "pc2devenvStep"

var (
	errTemplateSteps  = fmt.Errorf("it takes more than %d steps (loop iterations and template calls)", maxTemplateSteps)
	errTemplateOutput = fmt.Errorf("it renders more than %d KiB", maxTemplateOutput>>10)
)

// boundedTemplate is a parsed template whose execution is bounded.
type boundedTemplate struct {
	*template.Template
	steps int
}

// parseTemplate parses src as process-compose does (text/template with
// its default functions), and adds the step counting.
func parseTemplate(src string) (*boundedTemplate, error) {
	b := &boundedTemplate{}
	t, err := template.New("").Funcs(template.FuncMap{stepFunc: b.step}).Parse(src)
	if err != nil {
		return nil, err
	}
	for _, x := range t.Templates() {
		if x.Tree == nil || x.Tree.Root == nil {
			continue
		}
		addSteps(x.Tree, x.Tree.Root)
		x.Tree.Root.Nodes = append([]parse.Node{stepNode(x.Tree, x.Tree.Root.Pos)}, x.Tree.Root.Nodes...)
	}
	b.Template = t
	return b, nil
}

// addSteps puts a step at the start of every range body under n.
func addSteps(tree *parse.Tree, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			addSteps(tree, c)
		}
	case *parse.RangeNode:
		addSteps(tree, n.List)
		addSteps(tree, n.ElseList)
		if n.List != nil {
			n.List.Nodes = append([]parse.Node{stepNode(tree, n.List.Pos)}, n.List.Nodes...)
		}
	case *parse.IfNode:
		addSteps(tree, n.List)
		addSteps(tree, n.ElseList)
	case *parse.WithNode:
		addSteps(tree, n.List)
		addSteps(tree, n.ElseList)
	}
}

// stepNode returns the action {{pc2devenvStep}}, which prints nothing.
func stepNode(tree *parse.Tree, pos parse.Pos) parse.Node {
	ident := parse.NewIdentifier(stepFunc).SetTree(tree).SetPos(pos)
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{ident}}
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{cmd}}
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: pipe}
}

func (b *boundedTemplate) step() (string, error) {
	b.steps++
	if b.steps > maxTemplateSteps {
		return "", errTemplateSteps
	}
	return "", nil
}

// execute renders the template into w within the bounds; an error wraps
// errTemplateSteps or errTemplateOutput when it went beyond them.
func (b *boundedTemplate) execute(w io.Writer, data any) error {
	b.steps = 0
	return b.Execute(&limitWriter{w: w, left: maxTemplateOutput}, data)
}

// tooMuch reports whether err is a rendering that went beyond the bounds.
func tooMuch(err error) bool {
	return errors.Is(err, errTemplateSteps) || errors.Is(err, errTemplateOutput)
}

// tooMuchReason says which bound a rendering went beyond.
func tooMuchReason(err error) string {
	if errors.Is(err, errTemplateSteps) {
		return errTemplateSteps.Error()
	}
	return errTemplateOutput.Error()
}

// limitWriter fails once more than left bytes are written.
type limitWriter struct {
	w    io.Writer
	left int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.left {
		return 0, errTemplateOutput
	}
	l.left -= len(p)
	return l.w.Write(p)
}
