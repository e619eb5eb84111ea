package emit

import (
	"os"
	"strings"
	"testing"
)

// The table of supported keys in docs/keys.md lies between these markers.
const (
	tableStart = "<!-- supported-keys:start (generated from emit.FateTable; PC2DEVENV_UPDATE=1 go test ./emit rewrites it) -->\n"
	tableEnd   = "<!-- supported-keys:end -->"
)

// TestDocsKeyTable checks that the table of supported keys in
// docs/keys.md is the one FateTable gives; PC2DEVENV_UPDATE=1 rewrites it.
func TestDocsKeyTable(t *testing.T) {
	const page = "../docs/keys.md"
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, tableStart)
	j := strings.Index(s, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/keys.md has no supported keys table between %q and %q", tableStart, tableEnd)
	}
	got := s[i+len(tableStart) : j]
	want := "\n" + FateTableMarkdown() + "\n"
	if got == want {
		return
	}
	if os.Getenv("PC2DEVENV_UPDATE") != "" {
		if err := os.WriteFile(page, []byte(s[:i+len(tableStart)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/keys.md's supported keys table differs from emit.FateTable; run PC2DEVENV_UPDATE=1 go test ./emit to rewrite it")
}

// TestFateTable checks the table itself: patterns are unique, every
// target has a fate, and a passed-through key names a process-compose key
// path. (The corpus and golden tests check that every key read has a
// row.)
func TestFateTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range FateTable {
		if seen[r.Pattern] {
			t.Errorf("pattern %q has two rules", r.Pattern)
		}
		seen[r.Pattern] = true
		for _, tg := range Targets {
			f := r.Fates[tg]
			if f.Kind == "" || f.To == "" {
				t.Errorf("%s under %s has no fate", r.Pattern, tg)
			}
			if f.Kind == PassedThrough && strings.ContainsAny(f.To, " ;,") {
				t.Errorf("%s under %s passes through to %q, which is not a key path", r.Pattern, tg, f.To)
			}
		}
	}
}
