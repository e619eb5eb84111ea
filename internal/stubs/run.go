package stubs

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Main runs the tests of a package that uses stubs, and removes the
// program behind the stubs when they are done; when a stub script started
// the binary, it acts as the stub instead. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(stubs.Main(m)) }
func Main(m *testing.M) int {
	if len(os.Args) >= 4 && os.Args[1] == stubArg {
		os.Exit(Run(os.Args[2:]))
	}
	defer removeExe()
	return m.Run()
}

// Run acts as the stub whose call is described by args: the set's
// directory, the program's name, and the program's arguments. It returns
// the stub's exit status. Command stubexe calls it.
func Run(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "stub: missing arguments")
		return 126
	}
	// Put back the caller's GORACE (see raceless).
	if saved, ok := os.LookupEnv("PC2DEVENV_STUB_GORACE"); ok {
		os.Unsetenv("PC2DEVENV_STUB_GORACE")
		if v, set := strings.CutPrefix(saved, "+"); set {
			os.Setenv("GORACE", v)
		} else {
			os.Unsetenv("GORACE")
		}
	}
	return stub(args[0], args[1], args[2:])
}

// stub records a call of the program name of the set in bin, then does
// what the program's spec says.
func stub(bin, name string, args []string) int {
	fail := func(err error) int {
		fmt.Fprintf(os.Stderr, "stub %s: %v\n", name, err)
		return 126
	}
	b, err := os.ReadFile(filepath.Join(bin, specName))
	if err != nil {
		return fail(err)
	}
	var sp spec
	if err := json.Unmarshal(b, &sp); err != nil {
		return fail(err)
	}
	p, ok := sp.Programs[name]
	if !ok {
		return fail(fmt.Errorf("no such program in %s", bin))
	}
	pgid, _ := syscall.Getpgid(0)
	if p.Sleep {
		if slices.Contains(args, "infinity") || slices.Contains(args, "inf") || over(bin, "sleeps", pgid, sp.Limits.Sleeps) {
			block(nil)
		}
		return 0
	}
	if over(bin, "calls", pgid, sp.Limits.Calls) {
		block(nil)
	}
	dir, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	sid, _, _ := syscall.RawSyscall(syscall.SYS_GETSID, 0, 0, 0)
	c := Call{
		Name: name, Args: args, Dir: dir, Env: os.Environ(),
		PID: os.Getpid(), PPID: os.Getppid(), PGID: pgid, SID: int(sid),
	}
	if c.Args == nil {
		c.Args = []string{}
	}
	// Catch the signals before the call is visible in the log, so that a
	// test that signals a server once it sees the call is not too early.
	var sigs chan os.Signal
	if p.Serve {
		sigs = make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	}
	if err := record(bin, c); err != nil {
		return fail(err)
	}
	if p.Stdout != "" {
		os.Stdout.WriteString(p.Stdout)
	}
	switch {
	case p.Real:
		real, err := lookPathAfter(bin, filepath.Base(name))
		if err != nil {
			return fail(err)
		}
		argv := append([]string{filepath.Base(name)}, args...)
		return fail(syscall.Exec(real, argv, os.Environ()))
	case p.Serve:
		sig := block(sigs)
		c.Signal = sig.String()
		if err := record(bin, c); err != nil {
			return fail(err)
		}
		// Die of the signal, as a program that does not handle it does,
		// so that the parent sees what it would see.
		signal.Reset(sig)
		syscall.Kill(os.Getpid(), sig)
		select {}
	}
	return p.Exit
}

// over counts one more call of a kind in the process group pgid, and
// reports whether that is past limit (no limit when limit is 0). The
// count is the size of a file a byte is appended to, which the kernel
// keeps right when stubs of the group run at the same time.
func over(bin, kind string, pgid, limit int) bool {
	if limit <= 0 {
		return false
	}
	f, err := os.OpenFile(filepath.Join(bin, fmt.Sprintf(".%s-%d", kind, pgid)), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return false
	}
	defer f.Close()
	if _, err := f.Write([]byte{'.'}); err != nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Size() > int64(limit)
}

// block waits until a signal comes, under the name BlockedName. With
// sigs, it returns the signal received there; without, the signal kills
// the stub. It also ends when the stub's parent goes away, or after an
// hour, so that no stub outlives a test that forgot it.
func block(sigs chan os.Signal) syscall.Signal {
	os.WriteFile("/proc/self/comm", []byte(BlockedName), 0)
	parent := os.Getppid()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	deadline := time.Now().Add(time.Hour)
	for {
		select {
		case sig := <-sigs:
			return sig.(syscall.Signal)
		case <-tick.C:
			if os.Getppid() != parent || time.Now().After(deadline) {
				os.Exit(125)
			}
		}
	}
}

// record appends c to the log of the set in bin, in one write: the kernel
// keeps appends of one write whole when stubs run at the same time.
func record(bin string, c Call) error {
	line, err := json.Marshal(c)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(bin, logName), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// lookPathAfter finds name in PATH, skipping the directory bin, so that a
// stub that runs the real program does not run itself.
func lookPathAfter(bin, name string) (string, error) {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" || filepath.Clean(dir) == filepath.Clean(bin) {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not found in PATH after the stubs", strings.TrimSpace(name))
}
