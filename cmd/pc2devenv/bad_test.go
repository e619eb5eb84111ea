//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pc2devenv/pc2devenv/convert"
)

// badDir holds the bad-input suite: one testscript per case, with the
// files of a project, the command line run in its directory, and the exit
// code and standard error expected. Besides testscript's own commands
// (chmod, mkdir, stdin, env, cmp, …) a script has these:
//
//	exits CODE COMMAND [ARG...]   run COMMAND as exec does; it must exit
//	                              with CODE and print no stack trace
//	unquote-go FILE...            each FILE's content is a Go string
//	                              literal (NUL bytes, invalid UTF-8,
//	                              carriage returns): replace it by the string
//	grow FILE SIZE                pad FILE with comment lines to SIZE (16MiB)
//	lines FILE N TEXT             append N lines of TEXT to FILE, each with
//	                              %d replaced by its number, from 0
//	mkfifo FILE                   make FILE a named pipe
//
// and the condition [root] (running as root, who reads any file). Bugs
// and races are injected into the pc2devenv a script runs through its
// environment (see testHooks): PC2DEVENV_TEST_PANIC, PC2DEVENV_TEST_VANISH,
// PC2DEVENV_TEST_VANISH_DIR. PC2DEVENV_UPDATE=1 rewrites the expected
// standard error (cmp stderr want.stderr); an exit code that changed is
// reported, for the script to be edited.
const badDir = "../../testdata/bad"

func TestBadInput(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 badDir,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("PC2DEVENV_UPDATE") != "",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      exits,
			"unquote-go": unquoteGo,
			"grow":       grow,
			"lines":      lines,
			"mkfifo":     mkfifo,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}

// stackTraces are what a Go stack trace prints, which standard error
// must never hold.
var stackTraces = []string{"goroutine ", "panic(", ".go:", "runtime."}

// exits runs a command as exec does, and checks its exit code and that
// its standard error holds no stack trace: exits CODE COMMAND [ARG...].
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	code := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		code = exit.ExitCode()
	}
	stderr := ts.ReadFile("stderr")
	for _, trace := range stackTraces {
		if strings.Contains(stderr, trace) {
			ts.Fatalf("standard error holds %q, a stack trace", trace)
		}
	}
	if code != want {
		ts.Fatalf("exit code %d, want %d", code, want)
	}
}

// unquoteGo replaces the content of files, Go string literals, by the
// strings: unquote-go FILE...
func unquoteGo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unquote-go FILE...")
	}
	for _, f := range args {
		s, err := strconv.Unquote(strings.TrimSpace(ts.ReadFile(f)))
		if err != nil {
			ts.Fatalf("unquote-go %s: %v", f, err)
		}
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(s), 0o644))
	}
}

// grow pads a file with comment lines to a size: grow FILE SIZE.
func grow(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: grow FILE SIZE")
	}
	n, err := convert.ParseSize(args[1])
	ts.Check(err)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	ts.Check(err)
	defer f.Close()
	st, err := f.Stat()
	ts.Check(err)
	_, err = f.Write(bytes.Repeat([]byte("#"+strings.Repeat("x", 62)+"\n"), int(n-st.Size())/64+1))
	ts.Check(err)
}

// lines appends numbered lines to a file: lines FILE N TEXT, with %d in
// TEXT replaced by each line's number, from 0.
func lines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: lines FILE N TEXT")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.ReplaceAll(args[2], "%d", strconv.Itoa(i)))
		b.WriteByte('\n')
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	ts.Check(err)
	defer f.Close()
	_, err = f.WriteString(b.String())
	ts.Check(err)
}

// mkfifo makes a named pipe: mkfifo FILE.
func mkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo FILE")
	}
	p := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(syscall.Mkfifo(p, 0o644))
}
