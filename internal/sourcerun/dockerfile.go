package sourcerun

import (
	"encoding/json"
	"strings"
)

// DockerfileCommand returns the ENTRYPOINT and CMD the image built from
// a Dockerfile's stage target ("" for the last) runs, following the
// stages it is built FROM. ok is false when neither is set in the
// stages read: the image runs its base image's command, not read here.
// A CMD without an ENTRYPOINT is taken to run alone, as it does on a
// base image without one. The shell form runs with /bin/sh -c.
func DockerfileCommand(src, target string) (entrypoint, cmd []string, ok bool) {
	type stage struct {
		ep, cmd       []string
		epSet, cmdSet bool
		// cmdHere says CMD is set in this stage, not its base.
		cmdHere bool
	}
	stages := map[string]*stage{}
	var cur *stage
	var last *stage
	src = strings.ReplaceAll(src, "\\\r\n", "")
	src = strings.ReplaceAll(src, "\\\n", "")
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(word) {
		case "FROM":
			f := strings.Fields(rest)
			for len(f) > 0 && strings.HasPrefix(f[0], "--") {
				f = f[1:]
			}
			cur = &stage{}
			if len(f) > 0 {
				if base, ok := stages[strings.ToLower(f[0])]; ok {
					*cur = *base
					cur.cmdHere = false
				}
			}
			if len(f) >= 3 && strings.EqualFold(f[1], "AS") {
				stages[strings.ToLower(f[2])] = cur
			}
			last = cur
		case "ENTRYPOINT":
			if cur != nil {
				cur.ep, cur.epSet = dockerfileArgv(rest), true
				// An ENTRYPOINT resets the CMD of the base.
				if !cur.cmdHere {
					cur.cmd = nil
				}
			}
		case "CMD":
			if cur != nil {
				cur.cmd, cur.cmdSet, cur.cmdHere = dockerfileArgv(rest), true, true
			}
		}
	}
	s := last
	if target != "" {
		s = stages[strings.ToLower(target)]
	}
	if s == nil || !s.epSet && !s.cmdSet {
		return nil, nil, false
	}
	return s.ep, s.cmd, true
}

// dockerfileArgv reads the argument of ENTRYPOINT or CMD: a JSON array
// (exec form), or the shell form.
func dockerfileArgv(s string) []string {
	var argv []string
	if strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &argv) == nil {
		return argv
	}
	return []string{"/bin/sh", "-c", s}
}
