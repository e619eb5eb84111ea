package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// docLink is a link of a Markdown file: where it is and what it points at.
type docLink struct {
	line int
	dest string
}

var (
	// inlineCodeSpanRE matches a code span, whose text is not Markdown.
	inlineCodeSpanRE = regexp.MustCompile("`+[^`]*`+")
	// inlineLinkRE matches the destination of an inline link or image,
	// [text](dest) or [text](dest "title"), from its "](".
	inlineLinkRE = regexp.MustCompile(`\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)`)
	// refDefRE matches a link reference definition, [label]: dest.
	refDefRE = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)`)
	// headingRE matches an ATX heading and its text.
	headingRE = regexp.MustCompile(`^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	// linkTextRE matches a link or an image in a heading, for its text.
	linkTextRE = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	// schemeRE matches a destination with a URL scheme (https:, mailto:).
	schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// proseLines calls f with each line of src outside fenced code blocks,
// numbered from 1.
func proseLines(src string, f func(n int, line string)) {
	fence := ""
	for i, line := range strings.Split(src, "\n") {
		t := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" ") == "" {
				fence = ""
			}
			continue
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
			for len(fence) < len(t) && t[len(fence)] == fence[0] {
				fence += fence[:1]
			}
			continue
		}
		f(i+1, line)
	}
}

// markdownLinks returns the links of a Markdown file outside code: inline
// links and images, and link reference definitions.
func markdownLinks(src string) []docLink {
	var links []docLink
	proseLines(src, func(n int, line string) {
		if m := refDefRE.FindStringSubmatch(line); m != nil {
			links = append(links, docLink{n, strings.Trim(m[1], "<>")})
			return
		}
		line = inlineCodeSpanRE.ReplaceAllStringFunc(line, func(s string) string {
			return strings.Repeat(" ", len(s))
		})
		for _, m := range inlineLinkRE.FindAllStringSubmatch(line, -1) {
			links = append(links, docLink{n, strings.Trim(m[1], "<>")})
		}
	})
	return links
}

// headingSlug is the anchor GitHub gives a heading's text: its text as
// rendered (a link's or image's text, without code marks), lowercase,
// without punctuation other than '-' and '_', each space a '-'.
func headingSlug(text string) string {
	text = linkTextRE.ReplaceAllString(text, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-', r == '_', unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownAnchors returns the anchors of a Markdown file's headings, as
// GitHub makes them: the second heading with a slug gets "-1" after it,
// the third "-2", and so on.
func markdownAnchors(src string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	proseLines(src, func(_ int, line string) {
		m := headingRE.FindStringSubmatch(line)
		if m == nil {
			return
		}
		slug := headingSlug(m[1])
		if n := seen[slug]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	})
	return anchors
}

// TestDocsLinks checks every relative link of the README and docs/*.md:
// the file or directory it names exists, and an #anchor into a Markdown
// file is the anchor of one of its headings.
func TestDocsLinks(t *testing.T) {
	anchors := map[string]map[string]bool{} // by path from the root
	anchorsOf := func(name string) (map[string]bool, error) {
		if a, ok := anchors[name]; ok {
			return a, nil
		}
		src, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		anchors[name] = markdownAnchors(string(src))
		return anchors[name], nil
	}
	n := 0
	for _, name := range docFiles(t) {
		for _, l := range markdownLinks(doc(t, name)) {
			if schemeRE.MatchString(l.dest) || strings.HasPrefix(l.dest, "//") {
				continue
			}
			n++
			target, anchor, _ := strings.Cut(l.dest, "#")
			if target == "" {
				target = name
			} else {
				target = path.Join(path.Dir(name), target)
			}
			if target == ".." || strings.HasPrefix(target, "../") {
				t.Errorf("%s:%d: %s is outside the repository", name, l.line, l.dest)
				continue
			}
			if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s:%d: %s: no such file (%s)", name, l.line, l.dest, target)
				continue
			}
			if anchor == "" || !strings.HasSuffix(target, ".md") {
				continue
			}
			a, err := anchorsOf(target)
			if err != nil {
				t.Errorf("%s:%d: %v", name, l.line, err)
				continue
			}
			if !a[anchor] {
				t.Errorf("%s:%d: %s: %s has no heading with the anchor #%s", name, l.line, l.dest, target, anchor)
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d relative links; is the extraction broken?", n)
	}
}

func TestHeadingSlug(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Install", "install"},
		{"Keeping devenv.nix in step", "keeping-devenvnix-in-step"},
		{"Procfile and .env", "procfile-and-env"},
		{"Using pc2devenv from Go", "using-pc2devenv-from-go"},
		{"`--target` and `-t`", "--target-and--t"},
		{"What it prints (and why)", "what-it-prints-and-why"},
		{"snake_case, kebab-case", "snake_case-kebab-case"},
		{"Read [the docs](docs/cli.md)", "read-the-docs"},
		{"Größe über alles", "größe-über-alles"},
		{"a  b", "a--b"},
	}
	for _, tt := range tests {
		if got := headingSlug(tt.heading); got != tt.want {
			t.Errorf("headingSlug(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

func TestMarkdownLinksAndAnchors(t *testing.T) {
	src := "# Title\n\n" +
		"See [a](a.md#x), ![img](i.png \"t\") and `[not](code.md)`.\n" +
		"```\n[not](fenced.md)\n# Not a heading\n```\n" +
		"## Title\n\n[ref]: <docs/r.md>\n### Title ###\n"
	var got []string
	for _, l := range markdownLinks(src) {
		got = append(got, fmt.Sprintf("%d:%s", l.line, l.dest))
	}
	if want := "3:a.md#x 3:i.png 10:docs/r.md"; strings.Join(got, " ") != want {
		t.Errorf("markdownLinks = %q, want %q", strings.Join(got, " "), want)
	}
	a := markdownAnchors(src)
	for _, want := range []string{"title", "title-1", "title-2"} {
		if !a[want] {
			t.Errorf("markdownAnchors lacks %q: %v", want, a)
		}
	}
	if a["not-a-heading"] || len(a) != 3 {
		t.Errorf("markdownAnchors = %v, want title, title-1, title-2", a)
	}
}
