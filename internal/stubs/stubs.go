// Package stubs puts recording stand-ins for programs first on PATH, for
// tests that run a command the way its source's runner would and the way
// devenv would, and compare what every program saw.
//
// A stub is a short sh script that runs one small program, command
// stubexe, which the tests build once (or, without a go command, the test
// binary itself): a test package that uses stubs runs its tests through
// Main, from its TestMain. Each call of a stub appends one Call — the
// program's name, its arguments, working directory, environment and
// process ids — to the set's log, then does what its Program says:
// exits with a status, prints a line, runs the real program of that name
// (for make, the shell and the file utilities, whose effects the tests
// need), or stays running until it is signalled, as a server would. A
// stand-in for sleep records nothing and returns at once, and limits on
// the calls and sleeps of a process group make a command that loops for
// ever wait instead, so that tests can tell when the commands they ran
// have settled.
package stubs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Program says what the stub of one program does when it is called.
type Program struct {
	// Name is the program's name, as a command names it: a name looked up
	// in PATH ("pg_ctl"), or a path with a slash (".pgsql/run.sh",
	// "bin/dev"), which Install creates relative to a directory.
	Name string
	// Exit is the status the stub exits with.
	Exit int
	// Stdout is printed on standard output, as it is, on every call.
	Stdout string
	// Real makes the stub run the real program of that name, found in
	// PATH after the stubs' directory, once it has recorded the call.
	Real bool
	// Serve makes the stub stay running until it receives SIGTERM, SIGINT
	// or SIGHUP, as a server does; it records the signal (a Call with
	// Signal set) and then dies of it.
	Serve bool
	// Sleep makes the stub stand in for sleep without recording a call:
	// it returns at once, so that a command's pauses take no time, except
	// for "sleep infinity" and from the set's sleep limit on (see
	// SetLimits), when it blocks until a signal kills it, as a command
	// that waits for ever does. A stub that blocks renames itself
	// BlockedName.
	Sleep bool
}

// BlockedName is the name (as /proc/PID/comm shows it) a stub takes when it
// waits until it is signalled: a serving stub, a sleep that blocks, or a
// stub past the call limit. A test that waits for the processes it
// started to settle takes such a process as waiting for ever.
const BlockedName = "pc2devenv-wait"

// Limits bound what the commands of one process group can do through the
// stubs, so that a command that loops for ever settles: past a limit,
// a stub blocks until a signal kills it (see BlockedName) instead of
// returning. Zero means no limit.
type Limits struct {
	// Calls is the number of calls recorded in one process group.
	Calls int `json:"calls"`
	// Sleeps is the number of sleeps that return at once in one process
	// group.
	Sleeps int `json:"sleeps"`
}

// Call is one recorded event: a stub was run, or a serving stub received
// a signal.
type Call struct {
	// Name is the program's name as the stub was installed (for a path
	// stub, its path as the command named it).
	Name string `json:"name"`
	// Args are the arguments after the program's name.
	Args []string `json:"args"`
	// Dir is the working directory, absolute.
	Dir string `json:"dir"`
	// Env is the environment, "NAME=value" entries in the order the
	// program received them.
	Env []string `json:"env"`
	// PID, PPID, PGID and SID are the stub's process ids, its parent's,
	// its process group's and its session's.
	PID  int `json:"pid"`
	PPID int `json:"ppid"`
	PGID int `json:"pgid"`
	SID  int `json:"sid"`
	// Signal, when not empty, says this event is a serving stub receiving
	// that signal ("terminated", "interrupt", "hangup"); the other fields
	// repeat the call that started it.
	Signal string `json:"signal,omitempty"`
}

// Getenv returns the value of the environment variable name in c.Env, and
// whether it was set.
func (c Call) Getenv(name string) (string, bool) {
	for _, kv := range slices.Backward(c.Env) {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}

// String formats c on one line, for test failures.
func (c Call) String() string {
	var b strings.Builder
	if c.Signal != "" {
		fmt.Fprintf(&b, "%s got %s", c.Name, c.Signal)
		return b.String()
	}
	b.WriteString(c.Name)
	for _, a := range c.Args {
		fmt.Fprintf(&b, " %q", a)
	}
	fmt.Fprintf(&b, " (in %s)", c.Dir)
	return b.String()
}

// Set is a directory of stubs and the log they append to.
type Set struct {
	// Bin is the directory that holds the stubs of programs looked up in
	// PATH; put it first on PATH (see PATH).
	Bin string
	// Log is the file the stubs append their calls to, a JSON object a
	// line.
	Log string

	programs map[string]Program
	limits   Limits
}

// spec is what the stubs read of their set, from specName.
type spec struct {
	Programs map[string]Program `json:"programs"`
	Limits   Limits             `json:"limits"`
}

// The names of the files a Set keeps in its Bin directory besides the
// stubs. They start with a dot so that no command names them by chance.
const (
	exeName  = ".stub-exe"   // a link to the program behind the stubs
	specName = ".stub-spec"  // the Programs, as JSON
	logName  = ".stub-calls" // the log
)

// stubArg is the first argument that makes the test binary a stub.
const stubArg = "-pc2devenv.stub"

// raceless is the line of a stub script that keeps a test binary built
// with -race from sleeping a second when it exits (the race detector's
// atexit_sleep_ms), which would make every call of a stub take a second.
// The caller's GORACE is kept in PC2DEVENV_STUB_GORACE (with a "+" in
// front when it was set), and the stub puts it back before it records the
// environment or runs the real program.
const raceless = `PC2DEVENV_STUB_GORACE="${GORACE+"+$GORACE"}" GORACE=atexit_sleep_ms=0; export PC2DEVENV_STUB_GORACE GORACE` + "\n"

// New creates a Set in a new temporary directory of t, with a stub for
// each program that is looked up in PATH (a Name without a slash); stubs
// of paths are created by Install.
func New(t testing.TB, programs ...Program) *Set {
	t.Helper()
	exe, err := stubExe()
	if err != nil {
		t.Fatalf("stubs: %v", err)
	}
	bin := t.TempDir()
	s := &Set{Bin: bin, Log: filepath.Join(bin, logName), programs: map[string]Program{}}
	if err := os.Symlink(exe, filepath.Join(bin, exeName)); err != nil {
		t.Fatalf("stubs: %v", err)
	}
	for _, p := range programs {
		if p.Name == "" || strings.ContainsAny(p.Name, "\x00\n") {
			t.Fatalf("stubs: bad program name %q", p.Name)
		}
		if _, dup := s.programs[p.Name]; dup {
			t.Fatalf("stubs: program %q given twice", p.Name)
		}
		s.programs[p.Name] = p
		if strings.Contains(p.Name, "/") {
			continue
		}
		// $0 is the stub's path as the shell found it in PATH, so the
		// script needs no quoting of its own location.
		script := "#!/bin/sh\n" + raceless + "exec \"${0%/*}/" + exeName + "\" " + stubArg + " \"${0%/*}\" \"${0##*/}\" \"$@\"\n"
		if err := writeExecutable(filepath.Join(bin, p.Name), []byte(script)); err != nil {
			t.Fatalf("stubs: %v", err)
		}
	}
	if err := s.writeSpec(); err != nil {
		t.Fatalf("stubs: %v", err)
	}
	return s
}

// SetLimits sets the limits of the set's stubs for the calls made from
// now on.
func (s *Set) SetLimits(l Limits) error {
	s.limits = l
	return s.writeSpec()
}

// writeSpec writes what the stubs read of the set.
func (s *Set) writeSpec() error {
	b, err := json.Marshal(spec{Programs: s.programs, Limits: s.limits})
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.Bin, specName+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(s.Bin, specName))
}

// Install creates, under dir, the stubs of the set's programs whose names
// are paths (".pgsql/run.sh"), with the directories they are in. A
// program whose path is absolute or leaves dir is refused.
func (s *Set) Install(t testing.TB, dir string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(s.programs)) {
		if !strings.Contains(name, "/") {
			continue
		}
		if !filepath.IsLocal(name) {
			t.Fatalf("stubs: program path %q is not inside the directory", name)
		}
		if err := s.install(filepath.Join(dir, name), name); err != nil {
			t.Fatalf("stubs: %v", err)
		}
	}
}

// InstallIn creates the stubs of the set's programs whose names are
// relative paths in each of dirs, relative to root — for a command that
// runs ./run.sh after cd backend, in root/backend — where the path stays
// inside root; the others are left out. It returns the files it
// created, relative to root.
func (s *Set) InstallIn(root string, dirs ...string) ([]string, error) {
	var made []string
	for _, name := range slices.Sorted(maps.Keys(s.programs)) {
		if !strings.Contains(name, "/") || filepath.IsAbs(name) {
			continue
		}
		for _, dir := range dirs {
			rel := filepath.Join(dir, name)
			if !filepath.IsLocal(rel) {
				continue
			}
			if fi, err := os.Stat(filepath.Join(root, rel)); err == nil && fi.IsDir() {
				continue
			}
			if err := s.install(filepath.Join(root, rel), name); err != nil {
				return made, err
			}
			made = append(made, rel)
		}
	}
	return made, nil
}

// install writes the stub of the program name at path.
func (s *Set) install(path, name string) error {
	for _, p := range []string{s.Bin, name} {
		if strings.Contains(p, "'") {
			return fmt.Errorf("path %q holds a quote", p)
		}
	}
	script := "#!/bin/sh\n" + raceless + "exec '" + filepath.Join(s.Bin, exeName) + "' " + stubArg + " '" + s.Bin + "' '" + name + "' \"$@\"\n"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeExecutable(path, []byte(script))
}

// PATH returns a PATH that finds the stubs first, then rest.
func (s *Set) PATH(rest string) string {
	if rest == "" {
		return s.Bin
	}
	return s.Bin + string(os.PathListSeparator) + rest
}

// Calls returns the calls recorded so far, in the order they were made.
func (s *Set) Calls() ([]Call, error) {
	calls, _, err := s.CallsAt()
	return calls, err
}

// CallsAt returns the calls recorded so far, in the order they were
// made, and the offset in the log where each one starts, to compare with
// Size taken at some moment: a call whose offset is at least that size
// was recorded after it.
func (s *Set) CallsAt() ([]Call, []int64, error) {
	b, err := os.ReadFile(s.Log)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var calls []Call
	var offsets []int64
	off := 0
	for len(b) > 0 {
		line := b
		n := len(b)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, n = b[:i], i+1
		}
		var c Call
		if err := json.Unmarshal(line, &c); err != nil {
			return nil, nil, fmt.Errorf("stubs: log line %d: %v", len(calls)+1, err)
		}
		calls = append(calls, c)
		offsets = append(offsets, int64(off))
		off += n
		b = b[n:]
	}
	return calls, offsets, nil
}

// Size returns the size of the log now, a mark to tell the calls
// recorded before it from those recorded after (see CallsAt).
func (s *Set) Size() int64 {
	fi, err := os.Stat(s.Log)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// Reset forgets the calls recorded so far.
func (s *Set) Reset() error {
	err := os.Remove(s.Log)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Direct returns the command that runs the stub of the program name
// without its /bin/sh script, which drops from the environment the
// variables whose names are not shell names (a container's
// discovery.type=single-node).
func (s *Set) Direct(name string) []string {
	return []string{filepath.Join(s.Bin, exeName), stubArg, s.Bin, name}
}
