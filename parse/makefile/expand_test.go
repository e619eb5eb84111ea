package makefile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// expandCases are Makefile fragments and an expression to expand after
// reading them. TestExpandAgainstMake checks the reader's value against
// GNU make's, printed with $(info …) in an empty environment.
var expandCases = []struct {
	name, src, expr string
}{
	{"recursive", "A = $(B)\nB = b", "$(A)"},
	{"simple", "B = 1\nA := $(B)\nB = 2", "$(A)"},
	{"posix simple", "B = 1\nA ::= $(B)\nB = 2", "$(A)"},
	{"append recursive", "A = a\nA += $(B)\nB = b", "$(A)"},
	{"append simple", "B = 1\nA := a\nA += $(B)\nB = 2", "$(A)"},
	{"append undefined", "A += x", "[$(A)]"},
	{"conditional", "A = set\nA ?= other\nB ?= dflt", "$(A) $(B)"},
	{"override", "override A = o\nA = p", "$(A)"},
	{"braces and single", "A = x\nB = y", "${A} $A $(B)"},
	{"dollar dollar", "A = $$HOME", "$(A) $$$$"},
	{"computed name", "A = B\nB_x = found", "$($(A)_x)"},
	{"subst ref", "S = a.c b.c c.h", "$(S:.c=.o) $(S:%.c=%.x)"},
	{"continuation", "A = one \\\n    two \\\n three", "[$(A)]"},
	{"comment", "A = value # comment\nB = a\\#b", "[$(A)] [$(B)]"},
	{"trailing space kept", "A = x   ", "[$(A)]"},
	{"define", "define A\nline one\nline two\nendef", "$(A)"},
	{"define simple", "B = 1\ndefine A :=\n$(B)\nendef\nB = 2", "$(A)"},
	{"define continuation", "define A\necho a \\\n  b\nendef", "$(A)"},
	{"subst", "", "$(subst ee,EE,feet on the street)"},
	{"patsubst", "", "$(patsubst %.c,%.o,x.c.c bar.c baz)"},
	{"strip", "", "[$(strip   a   b  c  )]"},
	{"findstring", "", "[$(findstring a,a b c)] [$(findstring a,b c)]"},
	{"filter", "", "$(filter %.c %.s,foo.c bar.c baz.s ugh.h) $(filter-out %.c,foo.c bar.h)"},
	{"sort", "", "$(sort foo bar lose foo)"},
	{"word", "", "$(word 2, foo bar baz) [$(word 4,a b)] $(wordlist 2, 3, foo bar baz) $(words a b c)"},
	{"first last", "", "$(firstword foo bar) $(lastword foo bar)"},
	{"dir notdir", "", "$(dir src/foo.c hacks) $(notdir src/foo.c hacks)"},
	{"suffix basename", "", "$(suffix src/foo.c src-1.0/bar.c hacks) $(basename src/foo.c src-1.0/bar hacks)"},
	{"addsuffix addprefix join", "", "$(addsuffix .c,foo bar) $(addprefix src/,foo bar) $(join a b,.c .o)"},
	{"if", "E =\nF = x", "[$(if $(E),yes,no)] [$(if $(F),yes,no)] [$(if $(E),yes)]"},
	{"if whitespace", "SP := $(subst x, ,x)", "[$(if $(SP),t,e)]"},
	{"or and", "", "[$(or ,,b,c)] [$(and a,b)] [$(and a,,b)]"},
	{"foreach", "dirs := a b", "$(foreach d,$(dirs),$(d)/x)"},
	{"call", "reverse = $(2) $(1)", "$(call reverse,a,b)"},
	{"call nested", "f = <$(1)|$(2)>\ng = $(call f,$(1),z)", "$(call g,a,b)"},
	{"value", "A = $(B)", "$(value A)"},
	{"origin flavor", "A = 1\nB := 2", "$(origin A) $(flavor A) $(flavor B) $(origin CC) $(origin UNDEFINED_X)"},
	{"abspath", "", "$(notdir $(abspath a/../b/./c))"},
	{"curdir", "", "$(patsubst %/,%,$(dir $(abspath Makefile)))"},
	{"makefile list", "", "$(MAKEFILE_LIST)"},
	{"builtin", "", "$(RM) $(CC)"},
	{"ifeq", "X = a\nifeq ($(X),a)\nR = yes\nelse\nR = no\nendif", "$(R)"},
	{"ifneq quotes", "X = a\nifneq \"$(X)\" 'b'\nR = yes\nendif", "$(R)"},
	{"ifeq spaces", "X = a\nifeq ($(X) , a)\nR = yes\nelse\nR = no\nendif", "$(R)"},
	{"ifeq leading space", "X = a\nifeq ( $(X),a)\nR = yes\nelse\nR = no\nendif", "$(R)"},
	{"ifdef", "A = 1\nE =\nR = $(E)\nifdef A\nX += a\nendif\nifdef E\nX += e\nendif\nifdef R\nX += r\nendif\nifndef U\nX += u\nendif", "$(X)"},
	{"else if", "A = 2\nifeq ($(A),1)\nR = one\nelse ifeq ($(A),2)\nR = two\nelse\nR = other\nendif", "$(R)"},
	{"nested", "A = 1\nifeq ($(A),1)\nifeq ($(A),2)\nR = inner\nelse\nR = outer\nendif\nendif", "$(R)"},
	{"skipped define", "ifeq (a,b)\ndefine X\nendif\nendef\nendif\nR = ok", "$(R)"},
	{"undefine", "A = 1\nundefine A", "[$(A)]"},
	{"eval", "$(eval A = from-eval)", "$(A)"},
	{"eval rule var", "define T\n$(1)_x = $(1)!\nendef\n$(foreach n,a b,$(eval $(call T,$(n))))", "$(a_x) $(b_x)"},
	{"export assignment", "export A = 1\noverride export B := 2", "$(A) $(B)"},
	{"target-name var", "t: A = 1\nA = global", "$(A)"},
	{"recipe prefix", ".RECIPEPREFIX = >\nA = 1", "$(A) [$(.RECIPEPREFIX)]"},
	{"default goal", "x:\ny:", "$(.DEFAULT_GOAL)"},
	{"default goal set", ".DEFAULT_GOAL := y\nx:\ny:", "$(.DEFAULT_GOAL)"},
	{"unicode", "A = héllo wörld", "$(A)"},
}

func TestExpandAgainstMake(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make is not installed")
	}
	for _, c := range expandCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			file := filepath.Join(dir, "Makefile")
			src := c.src + "\n"
			mk := src + "$(info <<$(strip " + c.expr + ")>>)\n.PHONY: __end\n__end: ;@:\n"
			if err := os.WriteFile(file, []byte(mk), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("make", "-s", "-f", "Makefile", "__end")
			cmd.Dir = dir
			cmd.Env = []string{"PATH=/usr/bin:/bin"}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("make: %v\n%s", err, out)
			}
			want := string(out)
			if i, j := strings.Index(want, "<<"), strings.LastIndex(want, ">>"); i >= 0 && j > i {
				want = want[i+2 : j]
			}

			var diags ir.Diagnostics
			db := read(file, []byte(src), nil, &diags)
			for _, d := range diags {
				if d.Severity == ir.Error {
					t.Fatalf("reader: %s", d)
				}
			}
			v := db.expander().expand("$(strip " + c.expr + ")")
			got := v.fallback()
			got = strings.ReplaceAll(got, rootMark, dir)
			if got != want {
				t.Errorf("%s\nexpands to %q, make says %q", c.expr, got, want)
			}
		})
	}
}

// TestLexer checks logical lines: continuations, comments, recipes.
func TestLexer(t *testing.T) {
	for _, c := range []struct {
		src, text, comment string
	}{
		{"a = b # c", "a = b ", " c"},
		{`a = b\#c`, "a = b#c", ""},
		{`a = b\\#c`, `a = b\`, "c"},
		{"a = b \\\n   c", "a = b c", ""},
		{"# x \\\ny", "", " x y"},
		{"a = b\\", "a = b", ""},
	} {
		lx := newMkLexer("f", c.src)
		l := lx.line()
		if l.text != c.text || l.comment != c.comment {
			t.Errorf("%q: text %q comment %q, want %q and %q", c.src, l.text, l.comment, c.text, c.comment)
		}
	}
	lx := newMkLexer("f", "\techo a \\\n\t  b \\\nc\n")
	l := lx.recipeLine()
	if want := "echo a \\\n  b \\\nc"; l.text != want {
		t.Errorf("recipe line %q, want %q", l.text, want)
	}
	if p := l.at(len("echo a \\\n  ")); p.Line != 2 || p.Col != 4 {
		t.Errorf("position %v, want line 2 column 4", p)
	}
}
