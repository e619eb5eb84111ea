//go:build !unix

package convert

import (
	"io"
	"os"
)

// readFile reads the file at path, as os.ReadFile does, at most max bytes
// (no limit when max < 0; a longer file is a *TooLargeError); with
// regular set, anything but a regular file is a *NotRegularError.
func readFile(path string, max int64, regular bool) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case st.IsDir():
		return nil, &NotRegularError{Path: path, Kind: "a directory"}
	case regular && !st.Mode().IsRegular():
		return nil, &NotRegularError{Path: path, Kind: "not a regular file"}
	}
	r := io.Reader(f)
	if max >= 0 {
		r = io.LimitReader(f, max+1)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if max >= 0 && int64(len(b)) > max {
		return nil, &TooLargeError{Path: path, Max: max}
	}
	return b, nil
}
