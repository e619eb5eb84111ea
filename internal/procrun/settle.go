package procrun

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/stubs"
)

// ErrUnsettled is returned by Settle when the commands are still busy at
// the deadline: a loop that calls no stub, say.
var ErrUnsettled = errors.New("procrun: the commands did not settle")

// Settle waits until everything the run started has settled: every
// process still alive in its process groups, and every descendant of
// those, is a stub that waits for a signal (stubs.BlockedName), or a
// process asleep waiting for such children. A process that is running, a
// leaf that is not a waiting stub (a stub at work, a shell about to run
// the next command) or a zombie means not yet. The check must hold twice
// in a row, a scan apart, with the same processes; until must also hold
// (a manager that is still starting processes is not settled).
func (r *Run) Settle(timeout time.Duration, until func() bool) error {
	deadline := time.Now().Add(timeout)
	last := "\x00" // no key
	for {
		// until is asked before the scan, so that a process the manager
		// starts meanwhile is in the scan or makes it not count.
		idle := until == nil || until()
		n := len(r.Groups())
		key, ok := r.settled()
		if ok && idle && len(r.Groups()) == n {
			if key == last {
				return nil
			}
			last = key
		} else {
			last = "\x00"
		}
		if time.Now().After(deadline) {
			return ErrUnsettled
		}
		time.Sleep(15 * time.Millisecond)
	}
}

// procInfo is what Settle reads of a process in /proc.
type procInfo struct {
	pid, ppid, pgid int
	state           byte
	comm            string
}

// settled reports whether the run's processes are settled now, with a key
// that names the processes seen and their states.
func (r *Run) settled() (string, bool) {
	procs := scan()
	groups := map[int]bool{}
	for _, g := range r.Groups() {
		groups[g] = true
	}
	children := map[int][]int{}
	for _, p := range procs {
		children[p.ppid] = append(children[p.ppid], p.pid)
	}
	// The run's processes: members of its groups and their descendants.
	mine := map[int]bool{}
	var add func(pid int)
	add = func(pid int) {
		if mine[pid] {
			return
		}
		mine[pid] = true
		for _, c := range children[pid] {
			add(c)
		}
	}
	for _, p := range procs {
		if groups[p.pgid] {
			add(p.pid)
		}
	}
	memo := map[int]bool{}
	var ok func(pid int) bool
	ok = func(pid int) bool {
		if v, seen := memo[pid]; seen {
			return v
		}
		memo[pid] = false
		p := procs[pid]
		v := false
		switch {
		case p.state != 'S':
		case p.comm == stubs.BlockedName:
			v = true
		case len(children[pid]) > 0:
			v = true
			for _, c := range children[pid] {
				if !ok(c) {
					v = false
				}
			}
		}
		memo[pid] = v
		return v
	}
	pids := make([]int, 0, len(mine))
	for pid := range mine {
		pids = append(pids, pid)
	}
	slices.Sort(pids)
	var key strings.Builder
	all := true
	for _, pid := range pids {
		fmt.Fprintf(&key, "%d%c ", pid, procs[pid].state)
		if !ok(pid) {
			all = false
		}
	}
	return key.String(), all
}

// scan reads every process's stat line.
func scan() map[int]procInfo {
	out := map[int]procInfo{}
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return out
	}
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if i < 0 || j < i {
			continue
		}
		f := strings.Fields(s[j+1:])
		if len(f) < 4 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgid, _ := strconv.Atoi(f[2])
		out[pid] = procInfo{pid: pid, ppid: ppid, pgid: pgid, state: f[0][0], comm: s[i+1 : j]}
	}
	return out
}

// Gone reports whether no process of the run's groups is left.
func (r *Run) Gone() bool {
	groups := map[int]bool{}
	for _, g := range r.Groups() {
		groups[g] = true
	}
	for _, p := range scan() {
		if groups[p.pgid] && p.state != 'Z' {
			return false
		}
	}
	return true
}
