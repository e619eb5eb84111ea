//go:build unix

package convert

import (
	"io/fs"
	"syscall"
)

// ReadFile reads the file at path, like os.ReadFile, with the fewest
// system calls: open, read until the end, close. (os.ReadFile also
// stats the file and sets it up for the poller, which doubles the calls
// for a small file, and a walk over a monorepo reads two files per
// project.) Errors are *fs.PathError, as os.ReadFile's.
func ReadFile(path string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	b := make([]byte, 0, 4096)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
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
	}
}
