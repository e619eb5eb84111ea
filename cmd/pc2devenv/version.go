package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// version and revision, when set at link time (go build -ldflags "-X
// main.version=1.2.3 -X main.revision=abc123", as the Nix package does,
// since a build from a source tree without .git has no VCS information),
// win over what the build information says.
var version, revision string

func (e *env) version(args []string) int {
	if wantsHelp(args) {
		lookup("version").writeHelp(e.stdout)
		return exitOK
	}
	if len(args) > 0 {
		return e.usageError("version", fmt.Sprintf("unexpected argument %q: version takes none", args[0]))
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(e.stdout, "pc2devenv", versionString(info, version, revision))
	return exitOK
}

// versionString describes a build: the version set at link time, else the
// main module's version (v1.2.3 from go install …@v1.2.3, a
// pseudo-version for a build from a checkout since Go 1.24, "(devel)"
// otherwise), followed by the VCS revision, shortened, with "+dirty" when
// the checkout had changes, unless the version already names it.
func versionString(info *debug.BuildInfo, linkVersion, linkRevision string) string {
	var v, rev, dirty string
	if info != nil {
		v = info.Main.Version
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	if linkVersion != "" {
		v = linkVersion
	}
	if linkRevision != "" {
		rev, dirty = linkRevision, ""
	}
	if v == "" {
		v = "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	// A pseudo-version holds the revision already.
	if rev != "" && !strings.Contains(v, rev) {
		v += " " + rev + dirty
	}
	return v
}
