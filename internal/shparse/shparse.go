// Package shparse parses shell commands with mvdan.cc/sh, after refusing
// those whose nesting the parser could not survive. The parser, and the
// walks over its trees, recurse once per level of nesting — brackets,
// pipes, "&&", keywords, function declarations — and some of the work on
// nested words grows with the square of the depth: a command of a million
// "$(" takes hours, and a few hundred thousand nested "case" overflow the
// stack, which is a crash no recover catches. Every command pc2devenv
// parses comes from a file someone else wrote, so every parse goes
// through Parse, and a command it refuses is treated as one bash cannot
// parse: kept as written, without analysis.
package shparse

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
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

// Parse parses src with p, or returns the error of Check without parsing
// it.
func Parse(p *syntax.Parser, src string) (*syntax.File, error) {
	if err := Check(src); err != nil {
		return nil, err
	}
	return p.Parse(strings.NewReader(src), "")
}

// IsRefused reports whether err is one of Parse's refusals.
func IsRefused(err error) bool { return errors.Is(err, ErrTooLong) || errors.Is(err, ErrTooDeep) }
