//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd

package main

// isTerminalFd reports false: elsewhere, pc2devenv does not colour its
// output or draw a progress line.
func isTerminalFd(fd uintptr) bool { return false }
