package processcompose_test

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/internal/golden"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// seeds are pairs of process-compose files, a base and an override.
func seeds() [][2][]byte {
	var out [][2][]byte
	cases, _ := golden.List("../../testdata/golden")
	var files [][]byte
	for _, c := range cases {
		if b, ok := c.File("process-compose.yml"); ok {
			files = append(files, b)
		}
	}
	for i, b := range files {
		out = append(out, [2][]byte{b, files[(i+7)%len(files)]})
	}
	for _, s := range [][2]string{
		{"processes: {a: {command: '{{.X}}', replicas: 3, extends: b}, b: {command: b}}", "processes: {a: {environment: [A=1=2]}}"},
		{"processes:\n  \"a\\rb\": {command: \"x\\r$$y\", description: \"d\\re = 1; #\"}\n", ""},
		{"processes: {a: {command: x, log_configuration: {fields_order: [-1, 2.5, -0.0]}}}", ""},
		{"version: '0.5'\nx-a: &a [1, *a]\nprocesses: {a: {command: x}}", ""},
	} {
		out = append(out, [2][]byte{[]byte(s[0]), []byte(s[1])})
	}
	return out
}

func read(base, override []byte) fuzzcheck.Read {
	return func() (*ir.Project, ir.Diagnostics) {
		return processcompose.ReadFiles([]processcompose.File{{Path: "a.yml", Content: base}, {Path: "b.yml", Content: override}}, processcompose.Options{})
	}
}

// FuzzProcessComposeFiles reads two files as one project, an override
// merged over a base.
func FuzzProcessComposeFiles(f *testing.F) {
	for _, s := range seeds() {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, override []byte) {
		fuzzcheck.Reader(t, "reading process-compose files", read(base, override), nil)
	})
}

// TestFuzzSeedsAgainstNix runs the real Nix parser on what
// FuzzProcessComposeFiles prints for its seeds and for the inputs saved
// under testdata/fuzz.
func TestFuzzSeedsAgainstNix(t *testing.T) {
	var reads []fuzzcheck.Read
	for _, s := range seeds() {
		reads = append(reads, read(s[0], s[1]))
	}
	fuzzcheck.AgainstNix(t, reads, map[string]func([]any) fuzzcheck.Read{
		"FuzzProcessComposeFiles": func(v []any) fuzzcheck.Read { return read(v[0].([]byte), v[1].([]byte)) },
	})
}
