// Package foremanlib runs foreman's own Ruby library (Debian's
// ruby-foreman) for tests: its Procfile and .env parsers are what the
// readers of parse/procfile and parse/dotenv are compared with.
package foremanlib

import (
	"os/exec"
	"testing"
)

// Ruby runs script with Ruby, foreman's Procfile and Env classes and
// JSON loaded, and the files as its arguments (ARGV), and returns what it
// prints. The test is skipped when Ruby or foreman's library is not
// installed.
func Ruby(t testing.TB, script string, files ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath("ruby"); err != nil {
		t.Skip("ruby is not installed")
	}
	cmd := exec.Command("ruby", append([]string{"-e", `begin; require "foreman/procfile"; require "foreman/env"; rescue LoadError; exit 3; end; require "json"; ` + script}, files...)...)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
		t.Skip("foreman's Ruby library is not installed (apt-get install ruby-foreman)")
	}
	if err != nil {
		t.Fatalf("ruby: %v", err)
	}
	return out
}
