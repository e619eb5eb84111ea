//go:build unix

package convert

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used so far, in user and
// system mode, all threads together (the garbage collector's included):
// unlike wall time, it does not grow when other jobs take the CPUs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
