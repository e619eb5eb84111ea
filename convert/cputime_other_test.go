//go:build !unix

package convert

import "time"

// cpuTime returns 0 where the process's CPU time is not at hand: the
// benchmarks then report no x-yaml-cpu.
func cpuTime() time.Duration { return 0 }
