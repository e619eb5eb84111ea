// Command badmigrate turns the bad-input cases of the old format (a txtar
// archive whose comment holds directives: args, exit, unquote, grow,
// lines, mkfifo, mkdir, chmod, stdin, vanish, vanish-dir, panic; and the
// files "stderr" and "stdout") into the testscripts TestBadInput runs
// (see cmd/pc2devenv/bad_test.go):
//
//	go run ./internal/badmigrate testdata/bad
//
// A case already a script (it has no "args:" directive) is left alone,
// so that the program can run again after cases of the old format were
// added.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/badmigrate DIR")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.txtar"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "badmigrate:", err)
		os.Exit(1)
	}
	n := 0
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "badmigrate:", err)
			os.Exit(1)
		}
		script, ok, err := convert(ar)
		if err != nil {
			fmt.Fprintf(os.Stderr, "badmigrate: %s: %v\n", f, err)
			os.Exit(1)
		}
		if !ok {
			continue
		}
		if err := os.WriteFile(f, txtar.Format(script), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "badmigrate:", err)
			os.Exit(1)
		}
		n++
	}
	fmt.Fprintf(os.Stderr, "badmigrate: %d cases turned into scripts\n", n)
}

// order is the order the old harness applied the directives in.
var order = []string{"unquote", "mkdir", "grow", "lines", "mkfifo", "chmod", "stdin", "vanish", "vanish-dir", "panic"}

// convert returns the script of an old case, or false for a script.
func convert(ar *txtar.Archive) (*txtar.Archive, bool, error) {
	var prose bytes.Buffer
	var args, exit string
	dirs := map[string][]string{}
	for _, line := range strings.SplitAfter(string(ar.Comment), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			prose.WriteString(line)
			continue
		}
		key, value, ok := strings.Cut(t, ":")
		if !ok {
			return nil, false, nil // a script's command
		}
		value = strings.TrimSpace(value)
		switch key {
		case "args":
			args = value
		case "exit":
			exit = value
		default:
			dirs[key] = append(dirs[key], value)
		}
	}
	if args == "" {
		return nil, false, nil
	}
	if exit == "" {
		return nil, false, fmt.Errorf("no exit: directive")
	}
	var b strings.Builder
	b.WriteString(prose.String())
	if prose.Len() > 0 && !strings.HasSuffix(prose.String(), "\n") {
		b.WriteByte('\n')
	}
	for _, key := range order {
		for _, v := range dirs[key] {
			switch key {
			case "unquote":
				fmt.Fprintf(&b, "unquote-go %s\n", quote(v))
			case "lines":
				parts := strings.SplitN(v, " ", 3)
				if len(parts) != 3 {
					return nil, false, fmt.Errorf("lines: %q", v)
				}
				fmt.Fprintf(&b, "lines %s %s %s\n", quote(parts[0]), quote(parts[1]), quote(parts[2]))
			case "chmod":
				b.WriteString("[root] skip 'running as root, who can read any file'\n")
				mode, file, _ := strings.Cut(v, " ")
				fmt.Fprintf(&b, "chmod %s %s\n", quote(mode), quote(file))
			case "vanish":
				fmt.Fprintf(&b, "env %s\n", quote("PC2DEVENV_TEST_VANISH="+v))
			case "vanish-dir":
				fmt.Fprintf(&b, "env %s\n", quote("PC2DEVENV_TEST_VANISH_DIR="+v))
			case "panic":
				fmt.Fprintf(&b, "env %s\n", quote("PC2DEVENV_TEST_PANIC="+v))
			default: // mkdir, grow, mkfifo, stdin: a command of the same name
				var words []string
				for _, w := range strings.Fields(v) {
					words = append(words, quote(w))
				}
				fmt.Fprintf(&b, "%s %s\n", key, strings.Join(words, " "))
			}
			delete(dirs, key)
		}
	}
	for key := range dirs {
		return nil, false, fmt.Errorf("unknown directive %q", key)
	}
	var words []string
	for _, w := range strings.Fields(args) {
		words = append(words, quote(w))
	}
	fmt.Fprintf(&b, "exits %s pc2devenv %s\n", exit, strings.Join(words, " "))
	out := &txtar.Archive{}
	var stdout, stderr []byte
	hasOut := false
	for _, f := range ar.Files {
		switch f.Name {
		case "stderr":
			stderr = f.Data
		case "stdout":
			stdout, hasOut = f.Data, true
		default:
			out.Files = append(out.Files, f)
		}
	}
	b.WriteString("cmp stderr want.stderr\n")
	out.Files = append(out.Files, txtar.File{Name: "want.stderr", Data: stderr})
	if hasOut {
		b.WriteString("cmp stdout want.stdout\n")
		out.Files = append(out.Files, txtar.File{Name: "want.stdout", Data: stdout})
	}
	out.Comment = []byte(b.String())
	return out, true, nil
}

// quote returns a word as a testscript command line holds it: in single
// quotes when it has a space, a quote, a $ (which testscript expands
// outside quotes) or a #.
func quote(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t'$#\"") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", "''") + "'"
}
