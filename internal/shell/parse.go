package shell

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

const (
	// MaxDepth is the deepest nesting of brackets a command may have to
	// be parsed: real commands nest a handful of levels.
	MaxDepth = 64
	// MaxLen is the longest command parsed. Nesting without brackets
	// (pipes, keywords, function declarations) takes at least two bytes a
	// level and a few kilobytes of stack, so this bounds the stack the
	// parser needs to a few hundred megabytes, under Go's limit of a
	// gigabyte, and its time to about a second.
	MaxLen = 128 << 10
)

// The errors Parse returns for a command it does not parse.
var (
	ErrTooDeep = fmt.Errorf("the command nests brackets more than %d levels deep", MaxDepth)
	ErrTooLong = fmt.Errorf("the command is longer than %d KiB", MaxLen>>10)
)

// Depth returns how deep src nests brackets — (, { and [ — counting
// them as if no quote protected them: a bound, cheap to compute, on the
// nesting of words the parser meets.
func Depth(src string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '{', '[':
			depth++
			deepest = max(deepest, depth)
		case ')', '}', ']':
			if depth > 0 {
				depth--
			}
		}
	}
	return deepest
}

// Check returns ErrTooLong or ErrTooDeep for a command Parse refuses, and
// nil for one it parses.
func Check(src string) error {
	if len(src) > MaxLen {
		return ErrTooLong
	}
	if Depth(src) > MaxDepth {
		return ErrTooDeep
	}
	return nil
}

// IsRefused reports whether err is one of Parse's refusals.
func IsRefused(err error) bool { return errors.Is(err, ErrTooLong) || errors.Is(err, ErrTooDeep) }

// parsers holds parsers for reuse: a parser is not safe for concurrent
// use, and making one costs more than resetting it.
var parsers = sync.Pool{New: func() any {
	// The one parser configuration: bash, with comments kept (the
	// Makefile lowering looks for them; Print leaves them out).
	return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
}}

// Parse parses src as bash, or returns the error of Check without
// parsing it. It does not cache: steps of the conversion of a project
// parse through the project's Cache instead, and Parse is for code
// outside it (the test harnesses). It is safe for concurrent use.
func Parse(src string) (*syntax.File, error) {
	if testhook.Parse != nil {
		testhook.Parse(src, true)
	}
	return parse(src)
}

// parse parses src: a command of plain words without the parser
// (parseSimple), which gives the same tree.
func parse(src string) (*syntax.File, error) {
	if f, ok := parseSimple(src); ok {
		return f, nil
	}
	if err := Check(src); err != nil {
		return nil, err
	}
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	return p.Parse(strings.NewReader(src), "")
}
