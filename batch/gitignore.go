package batch

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// An ignoreRule is one pattern line of a .gitignore file.
type ignoreRule struct {
	// segs are the pattern's path segments; "**" matches any number of
	// them. A pattern without a slash matches at any depth, so it starts
	// with "**".
	segs    []string
	negate  bool // "!pattern" re-includes what an earlier pattern excluded
	dirOnly bool // "pattern/" matches only directories
}

// An ignoreSet holds the rules of one .gitignore file. Sets chain to the
// set of the nearest enclosing directory: deeper files take precedence,
// as in git.
type ignoreSet struct {
	// base is the slash-separated path of the .gitignore's directory,
	// relative to the top of the walk's repository ("" for the top).
	base   string
	rules  []ignoreRule
	parent *ignoreSet
}

// parseGitignore reads the patterns of a .gitignore file, as git does
// (gitignore(5)): blank lines and "#" comments are skipped, trailing
// spaces dropped unless escaped, "!" negates, a trailing "/" matches only
// directories, and a slash elsewhere anchors the pattern to the file's
// directory.
func parseGitignore(content []byte) []ignoreRule {
	var rules []ignoreRule
	for _, raw := range bytes.Split(content, []byte("\n")) {
		line := strings.TrimSuffix(string(raw), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		line = trimTrailingSpaces(line)
		var r ignoreRule
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		anchored := strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		r.segs = strings.Split(line, "/")
		if !anchored {
			r.segs = []string{"**", line}
		}
		rules = append(rules, r)
	}
	return rules
}

// trimTrailingSpaces drops trailing spaces that no backslash escapes.
func trimTrailingSpaces(s string) string {
	for strings.HasSuffix(s, " ") {
		t := s[:len(s)-1]
		n := 0 // backslashes before the space
		for i := len(t) - 1; i >= 0 && t[i] == '\\'; i-- {
			n++
		}
		if n%2 == 1 {
			break // the space is escaped
		}
		s = t
	}
	return s
}

// ignored reports whether the entry at path (slash-separated, relative to
// the top of the repository) is ignored: the last matching rule of the
// deepest .gitignore with a matching rule decides.
func (s *ignoreSet) ignored(path string, isDir bool) bool {
	for ; s != nil; s = s.parent {
		rel := path
		if s.base != "" {
			if !strings.HasPrefix(path, s.base+"/") {
				continue
			}
			rel = path[len(s.base)+1:]
		}
		var segs []string
		for i := len(s.rules) - 1; i >= 0; i-- {
			r := s.rules[i]
			if r.dirOnly && !isDir {
				continue
			}
			if segs == nil {
				segs = strings.Split(rel, "/")
			}
			if matchSegs(r.segs, segs) {
				return !r.negate
			}
		}
	}
	return false
}

// matchSegs matches path segments against pattern segments, where "**"
// matches zero or more segments, and a trailing "**" one or more.
func matchSegs(pat, path []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			pat = pat[1:]
			if len(pat) == 0 {
				return len(path) > 0
			}
			for i := 0; i < len(path); i++ {
				if matchSegs(pat, path[i:]) {
					return true
				}
			}
			return false
		}
		if len(path) == 0 || !matchSegment(pat[0], path[0]) {
			return false
		}
		pat, path = pat[1:], path[1:]
	}
	return len(path) == 0
}

// matchSegment matches one path segment against a glob: "*" matches any
// run of characters, "?" one character, "[...]" a class ("!" or "^"
// negates it; ranges like a-z), and a backslash quotes the next character.
func matchSegment(p, s string) bool {
	px, sx := 0, 0
	starP, starS := -1, 0
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '*':
				for px < len(p) && p[px] == '*' {
					px++
				}
				starP, starS = px, sx
				continue
			case '?':
				if sx < len(s) {
					_, n := utf8.DecodeRuneInString(s[sx:])
					px++
					sx += n
					continue
				}
			case '[':
				if sx < len(s) {
					ok, plen, valid := matchClass(p[px:], s[sx:])
					if !valid {
						if s[sx] == '[' {
							px++
							sx++
							continue
						}
					} else if ok {
						_, n := utf8.DecodeRuneInString(s[sx:])
						px += plen
						sx += n
						continue
					}
				}
			case '\\':
				lit := byte('\\')
				step := 1
				if px+1 < len(p) {
					lit, step = p[px+1], 2
				}
				if sx < len(s) && s[sx] == lit {
					px += step
					sx++
					continue
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		if starP >= 0 && starS < len(s) {
			_, n := utf8.DecodeRuneInString(s[starS:])
			starS += n
			px, sx = starP, starS
			continue
		}
		return false
	}
	return true
}

// matchClass matches the first character of s against the class at the
// start of p ("[...]"). It returns whether it matched, the length of the
// class in p, and whether p holds a complete class at all.
func matchClass(p, s string) (matched bool, plen int, valid bool) {
	r, _ := utf8.DecodeRuneInString(s)
	i := 1
	negate := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		negate = true
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return matched != negate, i + 1, true
		}
		first = false
		lo, n := classChar(p, i)
		if n == 0 {
			return false, 0, false
		}
		i += n
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			h, m := classChar(p, i+1)
			if m == 0 {
				return false, 0, false
			}
			hi = h
			i += 1 + m
		}
		if lo <= r && r <= hi {
			matched = true
		}
	}
	return false, 0, false
}

// classChar decodes one character of a class at p[i], with a backslash
// quoting the next one; n is 0 at the end of p.
func classChar(p string, i int) (r rune, n int) {
	if p[i] == '\\' {
		if i+1 >= len(p) {
			return 0, 0
		}
		r, n = utf8.DecodeRuneInString(p[i+1:])
		return r, n + 1
	}
	r, n = utf8.DecodeRuneInString(p[i:])
	return r, n
}
