package nix

import (
	"slices"
	"strings"
	"testing"
)

// The printer writes comments, indented lines and collapsed paths
// straight into its buffer. The tests here check each against the way it
// was written before, by building strings and slices: the slow paths.

// commentLinesSlow returns text as # comment lines.
func commentLinesSlow(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for {
		i := strings.IndexAny(text, "\r\n")
		line := text
		if i >= 0 {
			line = text[:i]
		}
		line = strings.TrimRight(line, " \t")
		if line == "" {
			out = append(out, "#")
		} else {
			out = append(out, "# "+line)
		}
		if i < 0 {
			return out
		}
		text = text[i+1:]
	}
}

// escapeIndentedSlow escapes one line of an indented string.
func escapeIndentedSlow(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\'' && i+1 < len(line) && line[i+1] == '\'':
			b.WriteString("'''")
			i++
		case line[i] == '$' && i+1 < len(line) && line[i+1] == '{':
			b.WriteString("''${")
			i++
		default:
			b.WriteByte(line[i])
		}
	}
	return b.String()
}

// collapseSlow joins a binding's path with the paths inside its value
// while the value is a set of one binding that ends in a single value.
func collapseSlow(path []string, value Expr) ([]string, Expr) {
	if !chain(value) {
		return path, value
	}
	for {
		a, ok := value.(*Attrs)
		if !ok || len(a.Bindings) != 1 {
			return path, value
		}
		b := a.Bindings[0]
		path = append(slices.Clone(path), b.Path...)
		value = b.Value
	}
}

var commentTexts = []string{
	"",
	"one line",
	"trailing spaces \t ",
	"two\nlines",
	"crlf\r\nline",
	"cr\rline",
	"cr cr lf\r\r\nline",
	"lf cr\n\rline",
	"ends in a newline\n",
	"ends in a CR\r",
	"\n\n",
	"\r\n\r\n",
	"  indented\n\tline  \n",
	"unicode ✓\r\n日本",
}

// TestCommentLines checks the comment lines the printer writes, at two
// indentations, against commentLinesSlow.
func TestCommentLines(t *testing.T) {
	for _, text := range append(commentTexts, trickyStrings...) {
		for indent := range 2 {
			p := newPrinter()
			p.indent = indent
			if !p.commentLines(text) {
				t.Fatalf("commentLines(%q) failed: %v", text, p.err)
			}
			sep := "\n" + strings.Repeat("  ", indent)
			want := strings.Join(commentLinesSlow(text), sep)
			if got := p.buf.String(); got != want {
				t.Errorf("commentLines(%q) at indentation %d = %q, want %q", text, indent, got, want)
			}
			p.release()
		}
	}
}

// TestCommentLinesRefused checks that a comment Nix cannot hold is an
// error, and writes nothing.
func TestCommentLinesRefused(t *testing.T) {
	for _, text := range []string{"nul\x00byte", "bad \xff utf-8"} {
		p := newPrinter()
		if p.commentLines(text) || p.err == nil || p.buf.Len() > 0 {
			t.Errorf("commentLines(%q) wrote %q, error %v", text, p.buf.String(), p.err)
		}
		p.release()
	}
}

// TestAppendEscapedIndented checks appendEscapedIndented against
// escapeIndentedSlow, line by line, after bytes already in the buffer.
func TestAppendEscapedIndented(t *testing.T) {
	lines := []string{"", "'", "''", "'''", "$", "${", "$${", "''${", "'${", "a''b${c}d", "}${"}
	for _, s := range trickyStrings {
		lines = append(lines, strings.Split(s, "\n")...)
	}
	for _, line := range lines {
		got := string(appendEscapedIndented([]byte("x"), line))
		if want := "x" + escapeIndentedSlow(line); got != want {
			t.Errorf("appendEscapedIndented(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestCollapsedBindings checks the bindings the printer writes, whose
// paths it joins part by part, against bindings written with the path
// and value that collapseSlow returns, joined into one slice.
func TestCollapsedBindings(t *testing.T) {
	leaf := Str("v")
	set := func(path []string, value Expr) *Attrs { return Set(Bind(value, path...)) }
	tests := []struct {
		name  string
		path  []string
		value Expr
	}{
		{"leaf", []string{"a"}, leaf},
		{"dotted leaf", []string{"a", "b"}, leaf},
		{"one set", []string{"a"}, set([]string{"b"}, leaf)},
		{"nested sets", []string{"a", "b"}, set([]string{"c"}, set([]string{"d", "e"}, leaf))},
		{"empty set", []string{"a"}, set([]string{"b"}, Set())},
		{"two bindings", []string{"a"}, Set(Bind(leaf, "b"), Bind(leaf, "c"))},
		{"two bindings inside", []string{"a"}, set([]string{"b"}, Set(Bind(leaf, "c"), Bind(leaf, "d")))},
		{"comment inside", []string{"a"}, Set(&Binding{Comments: []string{"c"}, Path: []string{"b"}, Value: leaf})},
		{"empty outer path", nil, set([]string{"b"}, leaf)},
		{"empty inner path", []string{"a"}, set(nil, set([]string{"c"}, leaf))},
		{"empty paths", nil, set(nil, leaf)},
		{"quoted names", []string{"a b"}, set([]string{"if", "c.d"}, leaf)},
		{"bad name", []string{"a"}, set([]string{"nul\x00"}, leaf)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotErr := FormatExpr(Set(&Binding{Path: tt.path, Value: tt.value}))
			// The value collapseSlow returns does not collapse further:
			// printing it with the joined path is the slow path.
			path, value := collapseSlow(tt.path, tt.value)
			want, wantErr := FormatExpr(Set(&Binding{Path: path, Value: value}))
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("error %v, want %v", gotErr, wantErr)
			}
			if string(got) != string(want) {
				t.Errorf("printed\n%s\nwant\n%s", got, want)
			}
			if SingleLine(&Binding{Path: tt.path, Value: tt.value}) != inline(value) {
				t.Errorf("SingleLine differs from inline(%#v)", value)
			}
		})
	}
}

// TestCountComments checks that countComments, which sizes the comments
// FormatComments returns, counts those it returns.
func TestCountComments(t *testing.T) {
	withComment := func(b *Binding, lines ...string) *Binding {
		b.Comments = lines
		return b
	}
	bodies := []Expr{
		Set(),
		Set(Comment("alone")),
		Set(Comment("two", "lines\nof text")),
		Set(withComment(Bind(Str("v"), "a"), "above a")),
		Set(Bind(Set(withComment(Bind(&Int{V: 1}, "b"), "nested")), "a")),
		Set(Bind(&List{Items: []*Item{{Comments: []string{"item"}, Value: Set(Comment("in item"))}}}, "l")),
		Set(Bind(&Apply{Fn: Ref("f"), Args: []Expr{Set(Comment("arg"))}}, "x")),
		Set(Bind(&String{Parts: []Part{{Lit: "a"}, {Interp: Set(Comment("interp"))}}}, "s")),
	}
	for _, body := range bodies {
		f := &File{Comments: []string{"file"}, Body: body}
		_, comments, err := FormatComments(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(f.Comments) + countComments(body); n != len(comments) {
			t.Errorf("countComments gives %d comments, FormatComments %d: %+v", n, len(comments), comments)
		}
	}
}

// TestNewline checks the newlines the printer writes, from a constant
// while the indentation is shallow, against a newline and the
// indentation repeated.
func TestNewline(t *testing.T) {
	for indent := range 40 {
		p := newPrinter()
		p.indent = indent
		p.newline()
		if got, want := p.buf.String(), "\n"+strings.Repeat("  ", indent); got != want {
			t.Errorf("newline at indentation %d = %q, want %q", indent, got, want)
		}
		p.release()
	}
}

// TestCheckString checks checkString, which passes plain text eight bytes
// at a time, against checkStringSlow, at every position of a NUL byte,
// a byte from 0x80 and a multi-byte rune in text of up to 20 bytes.
func TestCheckString(t *testing.T) {
	var texts []string
	for n := range 20 {
		base := strings.Repeat("a", n)
		texts = append(texts, base)
		for i := 0; i <= n; i++ {
			for _, ins := range []string{"\x00", "\x7f", "\x01", "\x80", "\xff", "é", "✓"} {
				texts = append(texts, base[:i]+ins+base[i:])
			}
		}
	}
	texts = append(texts, trickyStrings...)
	for _, s := range texts {
		got, want := checkString(s), checkStringSlow(s)
		if (got == nil) != (want == nil) {
			t.Errorf("checkString(%q) = %v, want %v", s, got, want)
		}
	}
}
