package shell

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestPrint checks that Print writes a node of a tree with comments as
// the printer writes the same node parsed without them, and leaves the
// tree's comments in place.
func TestPrint(t *testing.T) {
	for _, src := range []string{
		"echo a",
		"# start it\nredis-server --port 1 # the port",
		"{ a # one\n b; } # two",
		"if x; then # why\n y\nfi",
		"case $a in\n# c\nb) c ;; # d\nesac",
		"f() {\n\t# nothing\n\t:\n}",
		"a=(1 # one\n 2)",
		"cat <<EOF # c\n$x\nEOF",
	} {
		f, err := Parse(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		plain, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		for i, s := range f.Stmts {
			var want strings.Builder
			syntax.NewPrinter(syntax.Minify(false)).Print(&want, plain.Stmts[i])
			if got := Print(s); got != want.String() {
				t.Errorf("%q: Print(statement %d) = %q, want %q", src, i, got, want.String())
			}
		}
		if strings.Contains(src, "#") && !hasComments(f) {
			t.Errorf("%q: Print took the comments out of the tree", src)
		}
	}
}
