package ir_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// idConstants returns the ID constants declared in package ir, by name,
// read from its source.
func idConstants(t *testing.T) map[string]ir.ID {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]ir.ID{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if typ, ok := vs.Type.(*ast.Ident); !ok || typ.Name != "ID" {
					continue
				}
				for i, name := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: %s is not a string literal", fset.Position(name.Pos()), name.Name)
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					ids[name.Name] = ir.ID(v)
				}
			}
		}
	}
	if len(ids) < 100 {
		t.Fatalf("found only %d ID constants in package ir", len(ids))
	}
	return ids
}

// TestCatalogueCoversIDs checks that every ID constant has a catalogue
// entry and every entry an ID constant.
func TestCatalogueCoversIDs(t *testing.T) {
	consts := idConstants(t)
	declared := map[ir.ID]string{}
	for name, id := range consts {
		if other, ok := declared[id]; ok {
			t.Errorf("%s and %s are both %s", name, other, id)
		}
		declared[id] = name
		if _, ok := ir.Lookup(id); !ok {
			t.Errorf("%s (%s) has no catalogue entry: add one to the catalogue_*.go file of its range", name, id)
		}
	}
	for _, e := range ir.Catalogue() {
		if _, ok := declared[e.ID]; !ok {
			t.Errorf("catalogue entry %s (%s) has no ID constant", e.ID, e.Name)
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestCatalogueEntries checks each entry's form.
func TestCatalogueEntries(t *testing.T) {
	for _, e := range ir.Catalogue() {
		if !regexp.MustCompile(`^PC\d{3}$`).MatchString(string(e.ID)) {
			t.Errorf("%s: not an ID of the form PC123", e.ID)
		}
		if !kebab.MatchString(e.Name) {
			t.Errorf("%s: name %q is not kebab-case", e.ID, e.Name)
		}
		if e.Summary == "" || strings.Contains(e.Summary, "\n") || len(e.Summary) > 120 {
			t.Errorf("%s: summary %q is not one short line", e.ID, e.Summary)
		}
		if len(e.Explanation) < 80 {
			t.Errorf("%s: explanation %q is too short to explain", e.ID, e.Explanation)
		}
		if strings.HasPrefix(e.Explanation, "\n") || strings.HasSuffix(e.Explanation, "\n") || strings.Contains(e.Explanation, "\n\n\n") {
			t.Errorf("%s: explanation has stray blank lines", e.ID)
		}
		if !strings.Contains(e.Explanation, "\n    ") {
			t.Errorf("%s: explanation has no example (lines indented by four spaces)", e.ID)
		}
		for _, s := range e.Also {
			if s == e.Severity {
				t.Errorf("%s: Also repeats the severity %s", e.ID, s)
			}
		}
		for _, s := range []string{string(e.ID), e.Name, strings.ToLower(string(e.ID))} {
			if got, ok := ir.LookupName(s); !ok || got.ID != e.ID {
				t.Errorf("LookupName(%q) = %s, %v; want %s", s, got.ID, ok, e.ID)
			}
		}
	}
}

// TestSeverities reads the module's Go code for every diagnostic given a
// constant severity and ID together (AddAs, helpers that pass both on,
// Diagnostic literals) and checks that the ID's entry allows it.
func TestSeverities(t *testing.T) {
	consts := idConstants(t)
	sevs := map[string]ir.Severity{"Note": ir.Note, "Warning": ir.Warning, "Error": ir.Error}
	irName := func(e ast.Expr) string {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		s, ok := e.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		if x, ok := s.X.(*ast.Ident); !ok || x.Name != "ir" {
			return ""
		}
		return s.Sel.Name
	}
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "node_modules" || strings.HasPrefix(n, ".") && n != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var args []ast.Expr
			switch n := n.(type) {
			case *ast.CallExpr:
				args = n.Args
			case *ast.CompositeLit:
				args = n.Elts
			default:
				return true
			}
			var sev, id string
			for _, a := range args {
				switch name := irName(a); {
				case sevs[name] != 0 || name == "Note":
					sev = name
				case consts[name] != "":
					id = name
				}
			}
			if sev == "" || id == "" {
				return true
			}
			checked++
			e, ok := ir.Lookup(consts[id])
			if !ok {
				return true // TestCatalogueCoversIDs reports it
			}
			if !e.Allows(sevs[sev]) {
				t.Errorf("%s: %s (%s) used as a %s; its catalogue entry allows %s%s", fset.Position(n.Pos()), id, e.ID, strings.ToLower(sev), e.Severity, also(e))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d uses of a severity with an ID", checked)
	}
}

func also(e ir.Entry) string {
	var b strings.Builder
	for _, s := range e.Also {
		b.WriteString(", " + s.String())
	}
	return b.String()
}
