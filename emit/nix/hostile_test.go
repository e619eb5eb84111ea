package nix

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
)

// commentFile prints s as a file comment, as a comment on a binding and
// as a comment on its own, around the binding x = 1.
func commentFile(s string) (*File, []byte, error) {
	f := &File{
		Comments: []string{s},
		Body: Set(
			&Binding{Comments: []string{s}, Path: []string{"x"}, Value: &Int{V: 1}},
			Comment(s),
		),
	}
	b, err := Format(f)
	return f, b, err
}

// TestCommentsStayComments checks that source text in comments cannot end
// them: Nix ends a # comment at a carriage return too, so a CR followed by
// code would have been read as code. The inputs saved under
// testdata/fuzz/FuzzComment are checked too, with Nix when it is
// installed.
func TestCommentsStayComments(t *testing.T) {
	inputs := append(trickyStrings,
		"desc\r x = builtins.readFile /etc/passwd; #",
		"a\r\nb",
		"\r",
		"trailing\r",
		"*/ y = 2; /*",
	)
	inputs = append(inputs, savedStrings(t, "FuzzComment")...)
	for _, s := range inputs {
		_, src, err := commentFile(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		checkOnlyX(t, s, src)
		parseNix(t, src)
	}
	if _, _, err := commentFile("a\x00b"); err == nil {
		t.Errorf("a comment with a NUL byte was printed")
	}
}

// checkOnlyX checks that src is the file commentFile printed: the value
// { x = 1; } and comments that give back s, line by line.
func checkOnlyX(t *testing.T, s string, src []byte) {
	t.Helper()
	v, err := nixcheck.EvalModule(src)
	if err != nil {
		t.Fatalf("comment %q: %v\n%s", s, err, src)
	}
	if len(v) != 1 || v["x"] != float64(1) {
		t.Fatalf("comment %q: the file evaluates to %v, want { x = 1; }\n%s", s, v, src)
	}
	f, _ := nixcheck.Parse(src)
	var want []string
	for _, line := range splitLines(s) {
		line = strings.TrimRight(line, " \t")
		if line != "" {
			line = " " + line
		}
		want = append(want, line)
	}
	if got := len(f.Comments); got != 3*len(want) {
		t.Fatalf("comment %q: %d comment lines, want %d\n%s", s, got, 3*len(want), src)
	}
	for i, c := range f.Comments {
		if c != want[i%len(want)] {
			t.Fatalf("comment %q: line %d reads %q, want %q\n%s", s, i, c, want[i%len(want)], src)
		}
	}
}

// splitLines splits s at "\r\n", "\r" and "\n".
func splitLines(s string) []string {
	return strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), "\n")
}

// FuzzComment checks that any text printed as a comment stays a comment.
func FuzzComment(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Add("desc\r x = builtins.readFile /etc/passwd; #")
	f.Fuzz(func(t *testing.T, s string) {
		_, src, err := commentFile(s)
		if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("comment %q was printed", s)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkOnlyX(t, s, src)
	})
}

// TestOperands checks that negative numbers and paths written as sums,
// in lists and as arguments, are printed so that Nix reads them as one
// value.
func TestOperands(t *testing.T) {
	l := ListOf(&Int{V: -1}, &Float{V: -0.5}, &Int{V: 2})
	one := ListOf(&Int{V: -3})
	app := &Apply{Fn: Ref("toString"), Args: []Expr{&Int{V: -4}}}
	paths := ListOf(&Path{P: "0 0"}, &Path{P: "/a b"}, &Path{P: "ok/x"})
	onePath := ListOf(&Path{P: "a'b"})
	src, err := Format(&File{Body: Set(Bind(l, "l"), Bind(one, "one"), Bind(app, "s"), Bind(&Int{V: -5}, "n"), Bind(paths, "p"), Bind(onePath, "q"))})
	if err != nil {
		t.Fatal(err)
	}
	parseNix(t, src)
	v, err := nixcheck.EvalModule(src)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	want := map[string]any{"l": []any{-1.0, -0.5, 2.0}, "one": []any{-3.0}, "s": "-4", "n": -5.0,
		"p": []any{"./0 0", "/a b", "./ok/x"}, "q": []any{"./a'b"}}
	for k, w := range want {
		if got := v[k]; !equalJSON(got, w) {
			t.Errorf("%s = %v, want %v\n%s", k, got, w, src)
		}
	}
}

func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !equalJSON(a[i], bl[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}
