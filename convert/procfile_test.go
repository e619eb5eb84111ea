package convert

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The Procfile grammar as foreman's documentation states it, applied here
// independently of package parse/procfile.
var oracleEntry = regexp.MustCompile(`^([A-Za-z0-9_-]+):\s*(.+)$`)

// oracleEntries decodes a Procfile the way foreman does (without the
// byte-order mark, which pc2devenv reads past and foreman does not).
func oracleEntries(src []byte) [][2]string {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	var out [][2]string
	for _, line := range strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") {
		if m := oracleEntry.FindStringSubmatch(line); m != nil {
			out = append(out, [2]string{m[1], m[2]})
		}
	}
	return out
}

var oraclePort = regexp.MustCompile(`(?m)^PORT=(\d+)$`)

// procfileBase returns the base port a case's Procfiles count from:
// --port-base, else the last PORT=N line of its .env files, else 5000.
func procfileBase(res *Result, opts Options) int {
	if opts.PortBase != 0 {
		return opts.PortBase
	}
	base := 5000
	for _, s := range res.Sources {
		path := filepath.Join(res.Dir, s)
		if FormatOf(path, nil) != ir.FormatDotenv {
			continue
		}
		b, _ := os.ReadFile(path)
		for _, m := range oraclePort.FindAllSubmatch(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), -1) {
			base, _ = strconv.Atoi(string(m[1]))
		}
	}
	return base
}

// checkProcfile compares the evaluated output with the Procfile as the
// oracle decodes it: every entry is a process (release a task) whose
// command comes back exactly, after the lines the target adds, and every
// process has PORT = base + 100 × the entry's index.
func checkProcfile(t *testing.T, tg emit.Target, file string, base int, out map[string]any, replaced map[string]string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range oracleEntries(src) {
		name, cmd := e[0], e[1]
		if strings.TrimSpace(cmd) == "" {
			continue
		}
		if name == "release" {
			task, ok := nixeval.Get(out, "tasks", "procfile:release")
			if !ok {
				t.Errorf("%s: the release entry is not the task procfile:release", tg)
				continue
			}
			if got, _ := nixeval.Get(task, "exec"); !commandMatches(emit.Devenv2, got, cmd) {
				t.Errorf("%s: task procfile:release: evaluated exec is %q, want %q", tg, got, cmd)
			}
			continue
		}
		if _, ok := replaced[name]; ok {
			continue // a service now: the case's diagnostics say so
		}
		proc, ok := nixeval.Get(out, "processes", name)
		if !ok {
			t.Errorf("%s: entry %q is not a process", tg, name)
			continue
		}
		if got, _ := nixeval.Get(proc, "exec"); !commandMatches(tg, got, cmd) {
			t.Errorf("%s: process %q: evaluated exec is %q, want %q", tg, name, got, cmd)
		}
		want := strconv.Itoa(base + 100*i)
		if got := processPort(proc); got != want {
			t.Errorf("%s: process %q: PORT is %q, want %s", tg, name, got, want)
		}
	}
}

// processPort returns the PORT an evaluated process gets: env.PORT (with
// an allocated port evaluated to its allocate value), or its
// process-compose environment entry.
func processPort(proc any) string {
	if v, ok := nixeval.Get(proc, "env", "PORT"); ok {
		return fmt.Sprint(v)
	}
	list, _ := nixeval.Get(proc, "process-compose", "environment")
	items, _ := list.([]any)
	for _, x := range items {
		if s, _ := x.(string); strings.HasPrefix(s, "PORT=") {
			return strings.TrimPrefix(s, "PORT=")
		}
	}
	return ""
}
