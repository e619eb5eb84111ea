package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/testhook"
)

// testHooks sets, in the pc2devenv a test script runs, the test hooks its
// environment asks for (the bad-input scripts inject bugs and races so):
//
//	PC2DEVENV_TEST_PANIC=STAGE [PATH]   a bug (a panic) at convert (inside
//	                                    the pipeline), read (reading a
//	                                    project's sources), listed (the
//	                                    walk) or command (the command
//	                                    line); with PATH, only for that
//	                                    input
//	PC2DEVENV_TEST_VANISH=FILE          FILE is removed just before it is
//	                                    read
//	PC2DEVENV_TEST_VANISH_DIR=DIR       DIR is removed once the walk has
//	                                    listed its parent
//
// Paths are relative to the working directory.
func testHooks() {
	if name := os.Getenv("PC2DEVENV_TEST_VANISH"); name != "" {
		prev := testhook.Read
		testhook.Read = func(path string) {
			if sameFile(path, name) {
				os.Remove(path)
			}
			if prev != nil {
				prev(path)
			}
		}
	}
	if dir := os.Getenv("PC2DEVENV_TEST_VANISH_DIR"); dir != "" {
		testhook.Listed = func(parent string) {
			if sameFile(parent, filepath.Dir(dir)) {
				os.RemoveAll(dir)
			}
		}
	}
	if p := os.Getenv("PC2DEVENV_TEST_PANIC"); p != "" {
		stage, only, _ := strings.Cut(p, " ")
		bug := func(what, path string) {
			if only == "" || sameFile(path, only) {
				panic(fmt.Sprintf("injected bug at %s", what))
			}
		}
		switch stage {
		case "convert":
			testhook.Convert = func(input string) { bug("convert", input) }
		case "read":
			testhook.Read = func(path string) { bug("read", path) }
		case "listed":
			testhook.Listed = func(dir string) { bug("listed", dir) }
		case "command":
			testhook.Command = func(args []string) { bug("command", "") }
		default:
			fmt.Fprintf(os.Stderr, "PC2DEVENV_TEST_PANIC: unknown stage %q\n", stage)
			os.Exit(100)
		}
	}
}

// sameFile reports whether two paths, absolute or relative to the
// working directory, name the same file.
func sameFile(a, b string) bool {
	a, _ = filepath.Abs(a)
	b, _ = filepath.Abs(b)
	return filepath.Clean(a) == filepath.Clean(b)
}
