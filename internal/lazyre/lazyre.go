// Package lazyre holds regular expressions that are compiled when first
// used rather than when the program starts: a conversion of one small
// file uses few of them, and compiling them all would cost a noticeable
// part of its run time.
package lazyre

import (
	"regexp"
	"sync"
)

// A Regexp is a regular expression compiled on first use.
type Regexp struct {
	expr string
	re   func() *regexp.Regexp
}

// New returns a Regexp for expr, which must compile, as with
// regexp.MustCompile (the tests use every one of them).
func New(expr string) *Regexp {
	return &Regexp{expr: expr, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// Regexp returns the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re() }

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// Match reports whether b contains a match.
func (r *Regexp) Match(b []byte) bool { return r.re().Match(b) }

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool { return r.re().MatchString(s) }

// ReplaceAllString replaces the matches in src with repl, as
// regexp.Regexp.ReplaceAllString does.
func (r *Regexp) ReplaceAllString(src, repl string) string { return r.re().ReplaceAllString(src, repl) }
