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

// FindStringSubmatch is regexp.Regexp's FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }

// FindStringSubmatchIndex is regexp.Regexp's FindStringSubmatchIndex.
func (r *Regexp) FindStringSubmatchIndex(s string) []int { return r.re().FindStringSubmatchIndex(s) }

// FindAllStringSubmatch is regexp.Regexp's FindAllStringSubmatch.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.re().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp's FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}

// FindAllSubmatch is regexp.Regexp's FindAllSubmatch.
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.re().FindAllSubmatch(b, n) }

// FindStringIndex is regexp.Regexp's FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }

// ReplaceAllStringFunc is regexp.Regexp's ReplaceAllStringFunc.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, repl)
}

// Split is regexp.Regexp's Split.
func (r *Regexp) Split(s string, n int) []string { return r.re().Split(s, n) }

// FindString is regexp.Regexp's FindString.
func (r *Regexp) FindString(s string) string { return r.re().FindString(s) }
