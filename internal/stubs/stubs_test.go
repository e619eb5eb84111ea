package stubs_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

func TestMain(m *testing.M) { os.Exit(stubs.Main(m)) }

// bash runs src with bash in dir, the stubs first on PATH.
func bash(t *testing.T, s *stubs.Set, dir, src string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "-c", src)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + s.PATH(os.Getenv("PATH"))}, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestRecord(t *testing.T) {
	s := stubs.New(t,
		stubs.Program{Name: "pg_ctl"},
		stubs.Program{Name: "git", Stdout: "v1.2.3\n"},
		stubs.Program{Name: "false-ish", Exit: 3},
		stubs.Program{Name: ".pgsql/run.sh"},
	)
	dir := t.TempDir()
	s.Install(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := bash(t, s, dir, `cd sub && A='x y' pg_ctl start -D "a b" ''; echo "version $(git describe)"; ../.pgsql/run.sh; false-ish`, "B=1")
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("exit: %v, want status 3\n%s", err, out)
	}
	if out != "version v1.2.3\n" {
		t.Errorf("output %q", out)
	}
	calls, err := s.Calls()
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		Name string
		Args []string
		Dir  string
		A, B string
	}
	pgid := syscall.Getpgrp()
	r, _, _ := syscall.RawSyscall(syscall.SYS_GETSID, 0, 0, 0)
	sid := int(r)
	var got []seen
	for _, c := range calls {
		a, _ := c.Getenv("A")
		b, _ := c.Getenv("B")
		rel, _ := filepath.Rel(dir, c.Dir)
		got = append(got, seen{c.Name, c.Args, rel, a, b})
		// bash ran in the test's own process group and session, so the
		// stubs report the test's ids; in a PID namespace whose session
		// leader is outside it the kernel reports 0 for both, to the
		// test as to the stubs.
		if c.PID == 0 || c.PID == os.Getpid() || c.PGID != pgid || c.SID != sid {
			t.Errorf("%s: process ids pid=%d pgid=%d sid=%d, want a pid of its own, pgid=%d sid=%d", c.Name, c.PID, c.PGID, c.SID, pgid, sid)
		}
	}
	want := []seen{
		{"pg_ctl", []string{"start", "-D", "a b", ""}, "sub", "x y", "1"},
		{"git", []string{"describe"}, "sub", "", "1"},
		{".pgsql/run.sh", []string{}, "sub", "", "1"},
		{"false-ish", []string{}, "sub", "", "1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	if calls, _ := s.Calls(); len(calls) != 0 {
		t.Errorf("after Reset: %v", calls)
	}
}

// TestReal checks that a stub that runs the real program records the call
// and has the program's effect.
func TestReal(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "touch", Real: true}, stubs.Program{Name: "sh", Real: true})
	dir := t.TempDir()
	if out, err := bash(t, s, dir, `touch made && sh -c 'touch "$0"' also`); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, f := range []string{"made", "also"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	calls, _ := s.Calls()
	var names []string
	for _, c := range calls {
		names = append(names, c.Name+" "+strings.Join(c.Args, " "))
	}
	want := []string{"touch made", "sh -c touch \"$0\" also", "touch also"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// TestServe checks that a serving stub stays up until it is signalled,
// records the signal, and dies of it.
func TestServe(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "server", Serve: true})
	cmd := exec.Command("bash", "-c", "server --port 1")
	cmd.Env = []string{"PATH=" + s.PATH(os.Getenv("PATH"))}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		calls, _ := s.Calls()
		if len(calls) == 1 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the server did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	// bash runs its one command in its own process, and sh execs the
	// stub: the process started dies of the signal.
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGTERM {
		t.Errorf("the server exited with %v, want death by SIGTERM", err)
	}
	calls, _ := s.Calls()
	if len(calls) != 2 || calls[1].Signal != "terminated" || calls[1].Name != "server" {
		t.Fatalf("calls: %v", calls)
	}
	if calls[0].SID != cmd.Process.Pid {
		t.Errorf("server's session %d, want bash's %d", calls[0].SID, cmd.Process.Pid)
	}
}

// TestConcurrent checks that calls made at the same time are each
// recorded whole.
func TestConcurrent(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "p"})
	big := strings.Repeat("x", 100<<10)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if out, err := bash(t, s, t.TempDir(), fmt.Sprintf("p %d", i), "BIG="+big); err != nil {
				t.Errorf("%v\n%s", err, out)
			}
		}()
	}
	wg.Wait()
	calls, err := s.Calls()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range calls {
		if v, _ := c.Getenv("BIG"); v != big {
			t.Errorf("call %v: BIG mangled", c.Args)
		}
		seen[c.Args[0]] = true
	}
	if len(calls) != 20 || len(seen) != 20 {
		t.Errorf("%d calls, %d distinct, want 20", len(calls), len(seen))
	}
}

func TestPrograms(t *testing.T) {
	tests := []struct {
		src            string
		keep           []string
		names, dynamic []string
	}{
		{src: "cd backend && uvicorn app:app --reload", names: []string{"uvicorn"}},
		{src: "exec env -i A=1 -u B nohup nice -n 5 redis-server --port 1", names: []string{"redis-server"}},
		{src: "timeout -s KILL 5 curl -f x || sleep 1", keep: []string{"sleep"}, names: []string{"curl"}},
		{src: "f() { pg_ctl stop; }; trap f EXIT; f; wait", names: []string{"pg_ctl"}},
		{src: `"$CMD" --x; echo $(git rev-parse HEAD) | tee log`, names: []string{"git", "tee"}, dynamic: []string{`"$CMD"`}},
		{src: "./bin/dev; .pgsql/run.sh; 'my prog' a", names: []string{"./bin/dev", ".pgsql/run.sh", "my prog"}},
		{src: "A=1 B=2; test -f x && [ -d y ] && echo ok", names: nil},
		{src: "if true; then make build; fi; for i in 1; do npm run x; done", names: []string{"make", "npm"}},
		{src: "xargs -I{} -n 1 rm {} < list; command -v foo; exec >log 2>&1", names: []string{"rm", "foo"}},
	}
	for _, tt := range tests {
		names, dynamic, err := stubs.Programs(tt.src, tt.keep...)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if diff := cmp.Diff(tt.names, names); diff != "" {
			t.Errorf("%q: names (-want +got):\n%s", tt.src, diff)
		}
		if diff := cmp.Diff(tt.dynamic, dynamic); diff != "" {
			t.Errorf("%q: dynamic (-want +got):\n%s", tt.src, diff)
		}
	}
	if _, _, err := stubs.Programs("echo 'unclosed"); err == nil {
		t.Error("a command bash cannot parse: no error")
	}
}

// TestEnvironmentKept checks that what the stub scripts do to the
// environment (see raceless) is undone before the call is recorded.
func TestEnvironmentKept(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "p"})
	for _, env := range [][]string{nil, {"GORACE="}, {"GORACE=halt_on_error=1"}} {
		if err := s.Reset(); err != nil {
			t.Fatal(err)
		}
		if out, err := bash(t, s, t.TempDir(), "p", env...); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		calls, _ := s.Calls()
		if len(calls) != 1 {
			t.Fatalf("calls: %v", calls)
		}
		var got []string
		for _, kv := range calls[0].Env {
			if !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "PWD=") && !strings.HasPrefix(kv, "SHLVL=") && !strings.HasPrefix(kv, "_=") {
				got = append(got, kv)
			}
		}
		if diff := cmp.Diff(env, got); diff != "" {
			t.Errorf("environment %q (-want +got):\n%s", env, diff)
		}
	}
}

// TestSleepAndLimits checks the stand-in for sleep and the limits: sleeps
// return at once and are not recorded, "sleep infinity" and the sleep past
// the limit wait under BlockedName until signalled, and a loop of calls
// stops at the call limit.
func TestSleepAndLimits(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "sleep", Sleep: true}, stubs.Program{Name: "tick"})
	if err := s.SetLimits(stubs.Limits{Calls: 5, Sleeps: 3}); err != nil {
		t.Fatal(err)
	}
	if out, err := bash(t, s, t.TempDir(), "sleep 600; sleep 1; tick"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if calls, _ := s.Calls(); len(calls) != 1 || calls[0].Name != "tick" {
		t.Fatalf("calls: %v", calls)
	}
	for _, src := range []string{"sleep infinity", "while :; do sleep 1; done", "while :; do tick; done"} {
		s.Reset()
		cmd := exec.Command("bash", "-c", src)
		cmd.Env = []string{"PATH=" + s.PATH(os.Getenv("PATH"))}
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until a stub of the command blocks.
		deadline := time.Now().Add(20 * time.Second)
		for !blockedIn(cmd.Process.Pid) {
			if time.Now().After(deadline) {
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				t.Fatalf("%q: no stub blocked", src)
			}
			time.Sleep(10 * time.Millisecond)
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
		calls, _ := s.Calls()
		want := 0
		if strings.Contains(src, "tick") {
			want = 5
		}
		if len(calls) != want {
			t.Errorf("%q: %d calls, want %d", src, len(calls), want)
		}
	}
}

// blockedIn reports whether a process of the session sid is a blocked
// stub.
func blockedIn(sid int) bool {
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if i < 0 || j < i {
			continue
		}
		f := strings.Fields(s[j+1:])
		if len(f) > 3 && f[3] == fmt.Sprint(sid) && s[i+1:j] == stubs.BlockedName {
			return true
		}
	}
	return false
}

// TestInstallIn checks that path stubs are made in every directory named,
// when they stay inside the root.
func TestInstallIn(t *testing.T) {
	s := stubs.New(t, stubs.Program{Name: "./run.sh"}, stubs.Program{Name: "../up.sh"}, stubs.Program{Name: "plain"})
	root := t.TempDir()
	made, err := s.InstallIn(root, ".", "backend")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"up.sh", "backend/run.sh", "run.sh"}
	slices.Sort(want)
	slices.Sort(made)
	if diff := cmp.Diff(want, made); diff != "" {
		t.Errorf("made (-want +got):\n%s", diff)
	}
	if out, err := bash(t, s, filepath.Join(root, "backend"), "./run.sh a && ../up.sh b"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	calls, _ := s.Calls()
	if len(calls) != 2 || calls[0].Name != "./run.sh" || calls[1].Name != "../up.sh" {
		t.Errorf("calls: %v", calls)
	}
}
