package main

import (
	"fmt"
	"runtime/debug"
)

func (e *env) version(args []string) int {
	if len(args) > 0 {
		return e.usageError("version", fmt.Sprintf("unexpected argument %q", args[0]))
	}
	fmt.Fprintln(e.stdout, "pc2devenv", versionString())
	return exitOK
}

// versionString describes the build: the module version, and the VCS
// revision when the binary was built from a checkout.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" && v == "(devel)" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + modified
	}
	return v
}
