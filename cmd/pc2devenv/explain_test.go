package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestExplainEveryID runs "pc2devenv explain" on every ID of the
// catalogue, and on its name, and checks that it prints the entry.
func TestExplainEveryID(t *testing.T) {
	entries := ir.Catalogue()
	if len(entries) < 150 {
		t.Fatalf("the catalogue holds only %d entries", len(entries))
	}
	for _, e := range entries {
		for _, arg := range []string{string(e.ID), e.Name} {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"explain", arg}, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
				t.Errorf("explain %s: exit %d, stderr %q", arg, code, stderr.String())
				continue
			}
			out := stdout.String()
			for _, want := range []string{string(e.ID) + " " + e.Name + " (" + e.Severity.String(), e.Summary[1:], e.Explanation} {
				if !strings.Contains(out, want) {
					t.Errorf("explain %s: output lacks %q:\n%s", arg, want, out)
				}
			}
		}
	}
}

// TestExplainUsage checks explain's usage errors: exit status 2, and a
// did-you-mean for a near miss.
func TestExplainUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"explain"}, "name a diagnostic ID"},
		{[]string{"explain", "PC01"}, `unknown diagnostic ID "PC01"; did you mean PC001?`},
		{[]string{"explain", "unknwn-key"}, "did you mean unknown-key?"},
		{[]string{"explain", "no-such-thing-at-all"}, `unknown diagnostic ID "no-such-thing-at-all"` + "\n"},
		{[]string{"explain", "PC010", "PC011"}, `unexpected argument "PC011"`},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, nil, &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), c.want) || !strings.Contains(stderr.String(), "pc2devenv help explain") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr.String(), c.want)
		}
	}
}

// TestExplainIsNotConvertFlag checks that convert's --explain, the
// service rules' explanations, is still a flag of convert.
func TestExplainIsNotConvertFlag(t *testing.T) {
	if convertFlags(&convertOpts{}).Lookup("explain") == nil {
		t.Fatal("convert lost its --explain flag")
	}
}
