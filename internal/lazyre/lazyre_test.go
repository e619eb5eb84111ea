package lazyre

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRegexp(t *testing.T) {
	r := New(`^a+b$`)
	if !r.MatchString("aab") || r.Match([]byte("ab ")) || r.ReplaceAllString("aab", "x") != "x" || r.String() != `^a+b$` {
		t.Error("lazy regexp does not behave as the compiled one")
	}
	if r.Regexp() != r.Regexp() {
		t.Error("compiled twice")
	}
}

// TestEveryPatternCompiles compiles the pattern of every lazyre.New call
// in the module, so that none can fail on its first use.
func TestEveryPatternCompiles(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "New" || fmt.Sprint(sel.X) != "lazyre" || len(call.Args) != 1 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lazyre.New of something other than a string literal", path)
				return true
			}
			expr, _ := strconv.Unquote(lit.Value)
			if _, err := regexp.Compile(expr); err != nil {
				t.Errorf("%s: %v", path, err)
			}
			n++
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Errorf("found %d lazyre.New calls; the walk missed the module's packages", n)
	}
}
