// Command extract writes the golden cases out as directories, for the
// scripts that run pc2devenv on them (scripts/bench-monorepo.sh):
//
//	go run ./internal/golden/extract testdata/golden OUT [NAME...]
//
// OUT/NAME/ holds the case's files, an "args" file with its settings
// (paths, flags, targets), a "behaviour" file with its env lines, and the
// expected output of every target it converts for, T.nix, T.diag and
// T.explain, each absent where nothing is expected: the layout of the
// cases before they were archives. With names, only those cases.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/pc2devenv/pc2devenv/internal/golden"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/golden/extract DIR OUT [NAME...]")
		os.Exit(2)
	}
	if err := extractAll(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

func extractAll(dir, out string, names []string) error {
	cases, err := golden.List(dir)
	if err != nil {
		return err
	}
	n := 0
	for _, c := range cases {
		if len(names) > 0 && !slices.Contains(names, c.Name) {
			continue
		}
		if err := c.WriteDir(filepath.Join(out, c.Name)); err != nil {
			return err
		}
		n++
	}
	if n < len(names) {
		return fmt.Errorf("%d of the %d cases named are not in %s", len(names)-n, len(names), dir)
	}
	return nil
}
