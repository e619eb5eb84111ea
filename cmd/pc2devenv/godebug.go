// pc2devenv runs for milliseconds, one project at a time, or for seconds
// over a tree: it has no use for the runtime's periodic re-reading of the
// CPU affinity and cgroup limits (Go 1.25's updatemaxprocs), which starts
// a goroutine and makes system calls at start-up. GOMAXPROCS is still
// chosen from them once, when the process starts.

//go:debug updatemaxprocs=0

package main
