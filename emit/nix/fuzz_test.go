package nix

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzString checks that any string the printer accepts reads back, with
// Nix's lexing rules, as the same string: as a value and as an attribute
// name. A string with a NUL byte, which Nix cannot hold, or invalid UTF-8
// must be refused.
func FuzzString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := FormatExpr(Str(s))
		if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("%q was printed: %s", s, got)
			}
			if _, err := Format(&File{Body: Set(Bind(&Int{}, s))}); err == nil {
				t.Fatalf("%q was printed as an attribute name", s)
			}
			return
		}
		if err != nil {
			t.Fatalf("FormatExpr(%q): %v", s, err)
		}
		back, err := readLiteral(string(got))
		if err != nil {
			t.Fatalf("printed %q as %s, which does not read back: %v", s, got, err)
		}
		if back != s {
			t.Fatalf("printed %q as %s, which reads back as %q", s, got, back)
		}
		name := string(appendAttrName(nil, s))
		if IsIdent(s) {
			if name != s {
				t.Fatalf("identifier %q printed as %s", s, name)
			}
			return
		}
		if back, err := readLiteral(name); err != nil || back != s {
			t.Fatalf("attribute name %q printed as %s, reads back as %q (%v)", s, name, back, err)
		}
	})
}

// TestStringsAgainstNix evaluates the tricky strings, and every fuzz input
// saved under testdata/fuzz/FuzzString, with the real Nix evaluator: each
// printed literal must evaluate to its string, as a value and as an
// attribute name.
func TestStringsAgainstNix(t *testing.T) {
	requireNix(t)
	inputs := append([]string(nil), trickyStrings...)
	saved := savedStrings(t, "FuzzString")
	for _, s := range saved {
		if !slices.Contains(inputs, s) {
			inputs = append(inputs, s)
		}
	}
	list := &List{}
	names := &Attrs{}
	for i, s := range inputs {
		list.Items = append(list.Items, &Item{Value: Str(s)})
		names.Add(&Int{V: int64(i)}, s)
	}
	src, err := Format(&File{Body: Set(Bind(list, "values"), Bind(names, "names"))})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Values []string
		Names  map[string]int
	}
	evalJSON(t, src, &got)
	if len(got.Values) != len(inputs) {
		t.Fatalf("Nix read %d values, want %d", len(got.Values), len(inputs))
	}
	for i, s := range inputs {
		if got.Values[i] != s {
			t.Errorf("Nix reads %q back as %q", s, got.Values[i])
		}
		if j, ok := got.Names[s]; !ok || j != i {
			t.Errorf("attribute name %q not read back by Nix", s)
		}
	}
	t.Logf("%d strings checked against Nix (%d from testdata/fuzz)", len(inputs), len(saved))
}

// savedStrings returns the strings saved under testdata/fuzz/target that
// the printer accepts.
func savedStrings(t *testing.T, target string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := readCorpusString(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if checkString(s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// readCorpusString decodes a "go test fuzz v1" file holding one string.
func readCorpusString(b []byte) (string, error) {
	lines := bytes.SplitN(b, []byte("\n"), 2)
	if len(lines) < 2 || string(lines[0]) != "go test fuzz v1" {
		return "", os.ErrInvalid
	}
	v := strings.TrimSpace(string(lines[1]))
	v, ok := strings.CutPrefix(v, "string(")
	if !ok || !strings.HasSuffix(v, ")") {
		return "", os.ErrInvalid
	}
	return strconv.Unquote(v[:len(v)-1])
}
