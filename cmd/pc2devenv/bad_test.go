//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// badDir holds the bad-input suite: one txtar archive per case, with the
// files of a project, the command line to run in its directory, the exit
// code and standard error expected. The archive's comment holds
// directives, one per line:
//
//	args: convert .          the command line (required)
//	exit: 1                  the exit code expected (required)
//	unquote: FILE            FILE's content is a Go string literal (NUL
//	                         bytes, invalid UTF-8, carriage returns)
//	grow: FILE SIZE          FILE padded with comment lines to SIZE (16MiB)
//	lines: FILE N TEXT       N lines of TEXT appended to FILE, each with
//	                         %d replaced by its number, from 0
//	mkfifo: FILE             FILE is a named pipe
//	mkdir: DIR               DIR is an empty directory
//	chmod: MODE FILE         FILE's mode (the case is skipped as root,
//	                         who reads any file)
//	stdin: FILE              FILE's content is standard input
//	vanish: FILE             FILE is removed just before it is read
//	vanish-dir: DIR          DIR is removed once the walk has listed its
//	                         parent
//	panic: STAGE [PATH]      a bug (a panic) at convert (inside the
//	                         pipeline), read (reading a project's
//	                         sources), listed (the walk) or command (the
//	                         command line); with PATH, only for that
//	                         input
//
// Lines starting with # are prose. The file "stderr" is the expected
// standard error, with the case's directory written $WORK; "stdout", when
// present, the expected standard output. PC2DEVENV_UPDATE=1 rewrites both
// and the exit code.
const badDir = "../../testdata/bad"

func TestBadInput(t *testing.T) {
	dir, err := filepath.Abs(badDir) // the cases run in directories of their own
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s: %v", badDir, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) { runBadCase(t, file) })
	}
}

// badCase is a parsed case.
type badCase struct {
	args   []string
	exit   int
	stdin  []byte
	dirs   map[string][]string // directive → its arguments, in order
	ar     *txtar.Archive
	stderr []byte
	stdout []byte
	hasOut bool
}

func parseBadCase(t *testing.T, file string) *badCase {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &badCase{ar: ar, exit: -1, dirs: map[string][]string{}}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: not a directive: %q", file, line)
		}
		value = strings.TrimSpace(value)
		switch key {
		case "args":
			c.args = strings.Fields(value)
		case "exit":
			if c.exit, err = strconv.Atoi(value); err != nil {
				t.Fatalf("%s: exit: %v", file, err)
			}
		case "unquote", "grow", "lines", "mkfifo", "mkdir", "chmod", "stdin", "vanish", "vanish-dir", "panic":
			c.dirs[key] = append(c.dirs[key], value)
		default:
			t.Fatalf("%s: unknown directive %q", file, key)
		}
	}
	if c.args == nil || c.exit < 0 && !update {
		t.Fatalf("%s: a case needs args: and exit:", file)
	}
	for _, f := range ar.Files {
		switch f.Name {
		case "stderr":
			c.stderr = f.Data
		case "stdout":
			c.stdout, c.hasOut = f.Data, true
		}
	}
	return c
}

var update = os.Getenv("PC2DEVENV_UPDATE") != ""

func runBadCase(t *testing.T, file string) {
	c := parseBadCase(t, file)
	work := t.TempDir()
	for _, f := range c.ar.Files {
		if f.Name == "stderr" || f.Name == "stdout" {
			continue
		}
		data := f.Data
		for _, u := range c.dirs["unquote"] {
			if u == f.Name {
				s, err := strconv.Unquote(strings.TrimSpace(string(data)))
				if err != nil {
					t.Fatalf("unquote %s: %v", f.Name, err)
				}
				data = []byte(s)
			}
		}
		p := filepath.Join(work, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.setUp(t, work)
	t.Chdir(work)
	var stdout, stderr bytes.Buffer
	code := run(c.args, bytes.NewReader(c.stdin), &stdout, &stderr)
	got := bytes.ReplaceAll(stderr.Bytes(), []byte(work), []byte("$WORK"))
	for _, trace := range []string{"goroutine ", "panic(", ".go:", "runtime."} {
		if bytes.Contains(got, []byte(trace)) {
			t.Errorf("standard error holds %q, a stack trace:\n%s", trace, got)
		}
	}
	if update {
		c.rewrite(t, file, code, got, stdout.Bytes())
		return
	}
	if code != c.exit {
		t.Errorf("exit code %d, want %d; standard error:\n%s", code, c.exit, got)
	}
	if !bytes.Equal(got, c.stderr) {
		t.Errorf("standard error differs (-want +got):\n%s", cmp.Diff(string(c.stderr), string(got)))
	}
	if c.hasOut && !bytes.Equal(stdout.Bytes(), c.stdout) {
		t.Errorf("standard output differs (-want +got):\n%s", cmp.Diff(string(c.stdout), stdout.String()))
	}
}

// setUp applies the case's directives to its directory work.
func (c *badCase) setUp(t *testing.T, work string) {
	for _, name := range c.dirs["mkdir"] {
		if err := os.MkdirAll(filepath.Join(work, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range c.dirs["grow"] {
		name, size, _ := strings.Cut(g, " ")
		n, err := convert.ParseSize(size)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(work, name), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pad := bytes.Repeat([]byte("#"+strings.Repeat("x", 62)+"\n"), int(n-st.Size())/64+1)
		f.Write(pad)
		f.Close()
	}
	for _, l := range c.dirs["lines"] {
		parts := strings.SplitN(l, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("lines: %q", l)
		}
		n, err := strconv.Atoi(parts[1])
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.ReplaceAll(parts[2], "%d", strconv.Itoa(i)))
			b.WriteByte('\n')
		}
		f, err := os.OpenFile(filepath.Join(work, parts[0]), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(b.String())
		f.Close()
	}
	for _, name := range c.dirs["mkfifo"] {
		os.MkdirAll(filepath.Dir(filepath.Join(work, name)), 0o755)
		if err := syscall.Mkfifo(filepath.Join(work, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	for _, ch := range c.dirs["chmod"] {
		mode, name, _ := strings.Cut(ch, " ")
		if os.Geteuid() == 0 {
			t.Skip("running as root, who can read any file")
		}
		m, err := strconv.ParseUint(mode, 8, 32)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(work, name)
		if err := os.Chmod(p, os.FileMode(m)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	for _, name := range c.dirs["stdin"] {
		b, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		c.stdin = b
	}
	for _, name := range c.dirs["vanish"] {
		target := filepath.Join(work, name)
		hook(t, &testhook.Read, func(path string) {
			if sameFile(path, target) {
				os.Remove(path)
			}
		})
	}
	for _, name := range c.dirs["vanish-dir"] {
		target := filepath.Join(work, name)
		hook(t, &testhook.Listed, func(dir string) {
			if sameFile(dir, filepath.Dir(target)) {
				os.RemoveAll(target)
			}
		})
	}
	for _, p := range c.dirs["panic"] {
		stage, only, _ := strings.Cut(p, " ")
		bug := func(what, path string) {
			if only == "" || sameFile(path, filepath.Join(work, only)) {
				panic(fmt.Sprintf("injected bug at %s", what))
			}
		}
		switch stage {
		case "convert":
			hook(t, &testhook.Convert, func(input string) { bug("convert", input) })
		case "read":
			hook(t, &testhook.Read, func(path string) { bug("read", path) })
		case "listed":
			hook(t, &testhook.Listed, func(dir string) { bug("listed", dir) })
		case "command":
			hook(t, &testhook.Command, func(args []string) { bug("command", "") })
		default:
			t.Fatalf("unknown stage %q", stage)
		}
	}
}

// hook sets a test hook for the test's duration.
func hook[F any](t *testing.T, h *F, f F) {
	*h = f
	t.Cleanup(func() {
		var zero F
		*h = zero
	})
}

// sameFile reports whether two paths, absolute or relative to the
// working directory, name the same file.
func sameFile(a, b string) bool {
	a, _ = filepath.Abs(a)
	b, _ = filepath.Abs(b)
	return filepath.Clean(a) == filepath.Clean(b)
}

var exitLine = regexp.MustCompile(`(?m)^exit:.*$`)

// rewrite writes the case back with what the run gave.
func (c *badCase) rewrite(t *testing.T, file string, code int, stderr, stdout []byte) {
	comment := string(c.ar.Comment)
	if exitLine.MatchString(comment) {
		comment = exitLine.ReplaceAllString(comment, fmt.Sprintf("exit: %d", code))
	} else {
		comment += fmt.Sprintf("exit: %d\n", code)
	}
	c.ar.Comment = []byte(comment)
	var files []txtar.File
	for _, f := range c.ar.Files {
		if f.Name != "stderr" && f.Name != "stdout" {
			files = append(files, f)
		}
	}
	files = append(files, txtar.File{Name: "stderr", Data: stderr})
	if c.hasOut {
		files = append(files, txtar.File{Name: "stdout", Data: stdout})
	}
	c.ar.Files = files
	if err := os.WriteFile(file, txtar.Format(c.ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
