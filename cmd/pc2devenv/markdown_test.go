package main

import (
	"bytes"
	"html"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

var mailtoRE = regexp.MustCompile(`<a href="mailto:[^"<>]*">([^<>]*)</a>`)

// hostileMarkdown are strings that would break a table or start some
// Markdown syntax if they were not escaped.
var hostileMarkdown = []string{
	"plain",
	"a|b",
	"|",
	`a\|b`,
	`\`,
	"`",
	"``a`b```",
	"`a",
	"a`",
	" `x` ",
	"<script>alert(1)</script>",
	"<br>",
	"&amp; &lt;",
	"*bold* _it_ ~~strike~~",
	"[link](http://example.com) ![img](x.png)",
	"see https://example.com/a_b*c|d and www.example.com/x_y and a_b@example.com",
	"HTTP://EXAMPLE.COM/A_B WWW.EXAMPLE.COM/_",
	"# not a heading",
	"- not a list",
	"1. not a list",
	"@ready and #123 and $x$",
	"line one\nline two",
	"crlf\r\nend",
	"  spaced  ",
	" ",
	"tab\there",
	"\x01bell\x7f",
	"ünïcødé — “quotes” 🙂",
	"${VAR:-default} $$ ''",
	"trailing backslash\\",
	"a\\`b",
}

// TestMarkdownEscaping renders hostile strings in a table with cmark-gfm,
// the renderer GitHub's is built on, and checks that each comes back as
// the text it was, in its own cell: as text (mdText) and as a code span
// (mdCode), and in a heading.
func TestMarkdownEscaping(t *testing.T) {
	if _, err := exec.LookPath("cmark-gfm"); err != nil {
		t.Skip("cmark-gfm is not installed (Debian: apt-get install cmark-gfm); .ci/run installs it")
	}
	var md strings.Builder
	var rows [][]string
	for _, s := range hostileMarkdown {
		rows = append(rows, []string{mdText(s), mdCode(s), "end"})
	}
	mdTable(&md, []string{"text", "code", "end"}, rows)
	md.WriteString("\n")
	for _, s := range hostileMarkdown {
		md.WriteString("## " + mdText(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s)) + "\n\n")
	}
	cmd := exec.Command("cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter")
	cmd.Stdin = strings.NewReader(md.String())
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("cmark-gfm: %v: %s", err, stderr.String())
	}
	rendered := out.String()
	body := rendered[strings.Index(rendered, "<tbody>"):strings.Index(rendered, "</tbody>")]
	trs := regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(body, -1)
	if len(trs) != len(hostileMarkdown) {
		t.Fatalf("%d rows rendered, want %d:\n%s\n%s", len(trs), len(hostileMarkdown), md.String(), rendered)
	}
	tdRE := regexp.MustCompile(`(?s)<td>(.*?)</td>`)
	for i, s := range hostileMarkdown {
		cells := tdRE.FindAllStringSubmatch(trs[i][1], -1)
		if len(cells) != 3 || cells[2][1] != "end" {
			t.Errorf("%q: the row breaks: %q", s, trs[i][1])
			continue
		}
		want := strings.ReplaceAll(s, "\r\n", "\n")
		want = strings.Map(func(r rune) rune {
			if r == '\r' {
				return '\n'
			}
			if isControl(r) {
				return 0xfffd
			}
			return r
		}, want)
		if r := renderedText(cells[0][1]); r != want {
			t.Errorf("%q as text: rendered %q (from %q)", s, r, mdText(s))
		}
		code := cells[1][1]
		if inner, ok := strings.CutPrefix(code, "<code>"); ok {
			inner = strings.TrimSuffix(inner, "</code>")
			if got := html.UnescapeString(inner); got != s {
				t.Errorf("%q as code: rendered %q (from %q)", s, got, mdCode(s))
			}
		} else if r := renderedText(code); r != want {
			t.Errorf("%q as code, written as text: rendered %q (from %q)", s, r, mdCode(s))
		}
	}
	h2s := regexp.MustCompile(`<h2>(.*?)</h2>`).FindAllStringSubmatch(rendered, -1)
	if len(h2s) != len(hostileMarkdown) {
		t.Fatalf("%d headings rendered, want %d:\n%s", len(h2s), len(hostileMarkdown), rendered)
	}
	for i, s := range hostileMarkdown {
		want := strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s)
		want = strings.Map(func(r rune) rune {
			if isControl(r) {
				return 0xfffd
			}
			return r
		}, want)
		if got := renderedText(h2s[i][1]); got != want {
			t.Errorf("%q as a heading: rendered %q", s, got)
		}
	}
}

// renderedText is the text of rendered HTML: <br> as a line break, a
// link to an e-mail address (GitHub links those, whatever the escapes) as
// its text, no other tag, entities decoded. Any other tag means the text
// was read as Markdown syntax or HTML.
func renderedText(h string) string {
	h = strings.ReplaceAll(h, "<br>", "\n")
	h = mailtoRE.ReplaceAllString(h, "$1")
	if strings.Contains(h, "<") {
		return "TAG: " + h
	}
	return html.UnescapeString(h)
}

// TestMarkdownFence checks with cmark-gfm that a fenced block gives back
// its text, whatever fences the text holds.
func TestMarkdownFence(t *testing.T) {
	if _, err := exec.LookPath("cmark-gfm"); err != nil {
		t.Skip("cmark-gfm is not installed (Debian: apt-get install cmark-gfm); .ci/run installs it")
	}
	for _, text := range []string{
		"plain\n",
		"no newline at the end",
		"```\nclosed?\n```\n",
		"````\n`` ` ```\n",
		"~~~\n<b>|x|</b> &amp;\n    indented\n",
	} {
		var b strings.Builder
		mdFence(&b, text)
		cmd := exec.Command("cmark-gfm", "-e", "table")
		cmd.Stdin = strings.NewReader(b.String() + "\nafter\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		want := text
		if !strings.HasSuffix(want, "\n") {
			want += "\n"
		}
		m := regexp.MustCompile(`(?s)^<pre><code class="language-text">(.*?)</code></pre>\n<p>after</p>\n$`).FindSubmatch(out)
		if m == nil || html.UnescapeString(string(m[1])) != want {
			t.Errorf("%q: rendered %q", text, out)
		}
	}
}
