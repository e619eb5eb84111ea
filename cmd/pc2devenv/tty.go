package main

import "os"

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && isTerminalFd(f.Fd())
}
