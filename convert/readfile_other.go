//go:build !unix

package convert

import "os"

// ReadFile reads the file at path, as os.ReadFile does.
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }
