// Command stubexe is the program behind the stubs of package stubs when
// the tests that use them can build it: it starts in a few milliseconds,
// where a test binary built with -race takes a tenth of a second.
package main

import (
	"os"

	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "-pc2devenv.stub" {
		os.Stderr.WriteString("stubexe: run by the stubs of package stubs only\n")
		os.Exit(2)
	}
	os.Exit(stubs.Run(os.Args[2:]))
}
