//go:build unix

package convert

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// TestWriteFileKilled kills a process half-way through writing (after
// half the new content is on disk, before the rename): the old file is
// intact. The process is this test binary, run again with
// PC2DEVENV_KILL_WRITE naming the file.
func TestWriteFileKilled(t *testing.T) {
	if path := os.Getenv("PC2DEVENV_KILL_WRITE"); path != "" {
		writeTemp = func(f *os.File, data []byte) error {
			f.Write(data[:len(data)/2])
			f.Sync()
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // not reached
		}
		WriteFile(path, generatedNew, WriteOptions{})
		os.Exit(0) // not reached: the test below fails if it is
	}
	path := writeOld(t, generatedOld, 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileKilled$")
	cmd.Env = append(os.Environ(), "PC2DEVENV_KILL_WRITE="+path)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the writer was not killed: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, generatedOld) {
		t.Errorf("after the kill, the file holds %q, want the old content", got)
	}
	// The killed process leaves its temporary file, under a hidden name
	// that nothing reads as devenv.nix; a new write is unaffected.
	if _, err := WriteFile(path, generatedNew, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, generatedNew) {
		t.Errorf("rewrite after the kill: %q", got)
	}
}
