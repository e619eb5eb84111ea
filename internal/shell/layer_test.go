package shell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestOneLayer scans the module's non-test Go files outside this package
// for what belongs to the shell layer alone: a parser of their own
// (syntax.NewParser), mvdan/sh's quoter (syntax.Quote), a quoter of
// their own (a string holding the escape of a single quote inside
// single quotes: quote, backslash, quote, quote) and an escaper of
// double-quoted words of their own (a switch case on \ " $ and `).
func TestOneLayer(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == here || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		rel, _ := filepath.Rel(root, path)
		for _, problem := range shellLayerProblems(t, path) {
			t.Errorf("%s:%s", rel, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("scanned %d files under %s: not the module", files, root)
	}
}

// shellLayerProblems returns what the file at path does that only the
// shell layer may, each as "line:col: what".
func shellLayerProblems(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	syntaxName := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "mvdan.cc/sh/v3/syntax" {
			syntaxName = "syntax"
			if imp.Name != nil {
				syntaxName = imp.Name.Name
			}
		}
	}
	var problems []string
	report := func(n ast.Node, what string) {
		p := fset.Position(n.Pos())
		problems = append(problems, strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Column)+": "+what)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && syntaxName != "" && x.Name == syntaxName {
				switch n.Sel.Name {
				case "NewParser":
					report(n, "builds a parser of its own; parse with a shell.Cache (or shell.Parse)")
				case "Quote":
					report(n, "quotes with syntax.Quote; use shell.Quote")
				}
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, err := strconv.Unquote(n.Value); err == nil && strings.Contains(s, `'\''`) {
					report(n, "quotes a bash word itself; use shell.Quote")
				}
			}
		case *ast.CaseClause:
			var chars []string
			for _, e := range n.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.CHAR {
					chars = append(chars, lit.Value)
				}
			}
			if slices.Contains(chars, `'\\'`) && slices.Contains(chars, `'"'`) && slices.Contains(chars, `'$'`) && slices.Contains(chars, "'`'") {
				report(n, "escapes a double-quoted bash word itself; use shell.EscapeDouble")
			}
		}
		return true
	})
	return problems
}
