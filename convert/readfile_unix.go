//go:build unix

package convert

import (
	"io/fs"
	"syscall"
)

// readFile reads the file at path, like os.ReadFile, with the fewest
// system calls: open, fstat, read until the end, close. (os.ReadFile also
// sets the file up for the poller, which costs more calls for a small
// file, and a walk over a monorepo reads two files per project.) It reads
// at most max bytes (no limit when max < 0): a longer file is a
// *TooLargeError, found without reading more than max+1 bytes, so that
// /dev/zero or a runaway pipe ends. With regular set, anything but a
// regular file is a *NotRegularError, found without reading: a named pipe
// with no writer would block a walk forever. Other errors are
// *fs.PathError, as os.ReadFile's.
func readFile(path string, max int64, regular bool) ([]byte, error) {
	flags := syscall.O_RDONLY | syscall.O_CLOEXEC
	if regular {
		// Opening a named pipe blocks until it has a writer, unless
		// non-blocking; the file is refused before it is read.
		flags |= syscall.O_NONBLOCK
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, flags, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	kind := st.Mode & syscall.S_IFMT
	switch {
	case kind == syscall.S_IFDIR:
		return nil, &NotRegularError{Path: path, Kind: "a directory"}
	case regular && kind != syscall.S_IFREG:
		return nil, &NotRegularError{Path: path, Kind: kindName(uint32(kind))}
	case max >= 0 && kind == syscall.S_IFREG && st.Size > max:
		return nil, &TooLargeError{Path: path, Max: max}
	}
	size := 4096
	if kind == syscall.S_IFREG && st.Size >= 0 && st.Size < 1<<30 {
		size = int(st.Size) + 1 // one more, to see the end without growing
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		want := b[len(b):cap(b)]
		if max >= 0 && int64(len(b)+len(want)) > max+1 {
			want = want[:max+1-int64(len(b))]
		}
		n, err := syscall.Read(fd, want)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
		if max >= 0 && int64(len(b)) > max {
			return nil, &TooLargeError{Path: path, Max: max}
		}
	}
}

func kindName(kind uint32) string {
	switch kind {
	case syscall.S_IFIFO:
		return "a named pipe"
	case syscall.S_IFSOCK:
		return "a socket"
	case syscall.S_IFCHR, syscall.S_IFBLK:
		return "a device"
	}
	return "not a regular file"
}
