package stubs

import (
	"os"
	"syscall"
)

// writeExecutable writes a stub script. It holds syscall.ForkLock while
// the file is open for writing: a process forked meanwhile by another
// test of the same binary would inherit the descriptor until it execs,
// and running the script in that moment fails with "text file busy"
// (exit 126).
func writeExecutable(path string, data []byte) error {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	return os.WriteFile(path, data, 0o755)
}
