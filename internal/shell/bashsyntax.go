package shell

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// SyntaxError is a syntax error bash finds in a command before it runs
// it: bash -n rejects the command, and bash -c exits with status 2 at
// that point. Line and Col are 1-based, in the command.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

// lazyErrors are errors of mvdan/sh in constructs bash reads only when it
// runs them, whose errors are then those of one expansion at run time,
// not syntax errors: arithmetic ($((…)), ((…)) and array indices),
// parameter expansions (${}) and [[ ]]. bash -n accepts the command.
var lazyErrors = []string{
	"must be followed by an expression",
	"not a valid arithmetic operator",
	"invalid parameter name",
	"not a valid parameter expansion operator",
	"must follow an expression",
	"cannot follow an expression",
}

// BashSyntax returns the syntax error bash -n finds in src, or nil when
// bash reads it. It parses src with mvdan/sh and corrects for the forms
// on which the two disagree (TestBashSyntax runs bash -n on every command
// of the goldens and the corpus, and on forms that disagree):
//
//   - a here-document without its delimiter line is a warning for bash,
//     which ends it at the end of the command, and an error for mvdan/sh;
//   - errors inside arithmetic, parameter expansions, [[ ]] and array
//     assignments (see lazyErrors) are errors at run time for bash, of
//     that one expansion, once the construct is closed;
//   - a function whose body is a simple command (f() echo x), and "in"
//     where a command name goes, are errors for bash, not for mvdan/sh.
//
// A command Parse refuses (too long, too deeply nested) is not analysed:
// BashSyntax returns nil for it.
func BashSyntax(src string) *SyntaxError { return (*Cache)(nil).BashSyntax(src) }

// BashSyntax is the package's BashSyntax, reading src's tree from c.
func (c *Cache) BashSyntax(src string) *SyntaxError { return c.bashSyntax(src, 0) }

func (c *Cache) bashSyntax(src string, depth int) *SyntaxError {
	f, err := c.Parse(src)
	if IsRefused(err) {
		return nil
	}
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Text, "inline variables cannot be arrays") {
			return nil // a=(1 2) cmd: an assignment bash makes at run time
		}
		if strings.HasPrefix(pe.Text, "unclosed here-document") {
			// bash ends it at the end of the command, and reads on: the
			// command must be whole with its delimiter line.
			_, delim, _ := strings.Cut(pe.Text, "`")
			delim, _, _ = strings.Cut(delim, "`")
			if delim == "" || depth > 8 {
				return nil
			}
			return c.bashSyntax(src+"\n"+delim+"\n", depth+1)
		}
		for _, lazy := range lazyErrors {
			if !strings.Contains(pe.Text, lazy) {
				continue
			}
			// bash reads on past the construct, if it is closed: so
			// does the check, with the construct blanked out.
			if start, end, ok := lazyConstruct(src, int(pe.Pos.Offset())); ok && depth <= 8 {
				return c.bashSyntax(src[:start]+strings.Repeat("x", end-start)+src[end:], depth+1)
			}
			break
		}
		return &SyntaxError{Line: int(pe.Pos.Line()), Col: int(pe.Pos.Col()), Msg: pe.Text}
	}
	if err != nil {
		return &SyntaxError{Line: 1, Col: 1, Msg: err.Error()}
	}
	if found, ok := plainSyntax(f); ok {
		return found
	}
	return walkSyntax(f)
}

// walkSyntax returns the first error of bash that f holds although
// mvdan/sh parsed it: a function whose body is a simple command, or "in"
// where a command name goes.
func walkSyntax(f *syntax.File) *SyntaxError {
	var found *SyntaxError
	syntax.Walk(f, func(n syntax.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *syntax.FuncDecl:
			if n.Body != nil {
				if _, simple := n.Body.Cmd.(*syntax.CallExpr); simple {
					p := n.Body.Pos()
					found = &SyntaxError{Line: int(p.Line()), Col: int(p.Col()), Msg: "a function body must be a compound command, such as { …; }"}
				}
			}
		case *syntax.CallExpr:
			if len(n.Args) > 0 && n.Args[0].Lit() == "in" {
				p := n.Args[0].Pos()
				found = &SyntaxError{Line: int(p.Line()), Col: int(p.Col()), Msg: `"in" is a reserved word`}
			}
		}
		return true
	})
	return found
}

// plainSyntax is walkSyntax for a tree of simple commands of literal
// words only, as parseSimple makes, which it checks without a walk; ok is
// false for any other tree.
func plainSyntax(f *syntax.File) (found *SyntaxError, ok bool) {
	for _, s := range f.Stmts {
		call, isCall := s.Cmd.(*syntax.CallExpr)
		if !isCall || len(s.Comments) > 0 || len(s.Redirs) > 0 || len(call.Assigns) > 0 {
			return nil, false
		}
		for _, w := range call.Args {
			if len(w.Parts) != 1 {
				return nil, false
			}
			if _, lit := w.Parts[0].(*syntax.Lit); !lit {
				return nil, false
			}
		}
	}
	for _, s := range f.Stmts {
		call := s.Cmd.(*syntax.CallExpr)
		if len(call.Args) > 0 && call.Args[0].Lit() == "in" {
			p := call.Args[0].Pos()
			return &SyntaxError{Line: int(p.Line()), Col: int(p.Col()), Msg: `"in" is a reserved word`}, true
		}
	}
	return nil, true
}

// lazyConstruct finds the construct bash reads only when it runs it
// (${…}, $((…)), ((…)), [[…]], […]) that holds offset off, and returns
// where it starts and ends; ok is false when it is not closed.
func lazyConstruct(src string, off int) (start, end int, ok bool) {
	off = min(off, len(src))
	for start = off; start >= 0; start-- {
		rest := src[start:]
		var open, close byte
		switch {
		case strings.HasPrefix(rest, "${"):
			open, close = '{', '}'
		case strings.HasPrefix(rest, "(("), strings.HasPrefix(rest, "$(("):
			open, close = '(', ')'
		case strings.HasPrefix(rest, "["):
			open, close = '[', ']'
		default:
			continue
		}
		depth := 0
		for i := start; i < len(src); i++ {
			switch src[i] {
			case open:
				depth++
			case close:
				if depth--; depth == 0 {
					if i+1 > off {
						return start, i + 1, true
					}
					i = len(src)
				}
			}
		}
	}
	return 0, 0, false
}
