package compose

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// build lowers a service built from the project: a process that runs its
// command natively from the build context, when the command is known
// (command and entrypoint, or the Dockerfile's CMD and ENTRYPOINT);
// otherwise the service is reported and left out.
func (lw *lowering) build(s *Service) *ir.Process {
	sp := []string{"services", s.Name}
	b := s.Build
	proc := &ir.Process{Name: s.Name}
	df := lw.dockerfile(b)
	var argv []string
	var from string
	switch {
	case s.Entrypoint != nil || s.Command != nil:
		if s.Entrypoint != nil {
			argv = words(commandWords(s.Entrypoint))
		} else if df != nil {
			argv = df.entrypoint
		}
		if s.Command != nil {
			argv = append(argv, words(commandWords(s.Command))...)
		}
		from = "its command"
	case df != nil && (len(df.entrypoint) > 0 || len(df.cmd) > 0):
		argv = append(append([]string{}, df.entrypoint...), df.cmd...)
		from = "the CMD and ENTRYPOINT of " + df.path
	}
	if len(argv) == 0 {
		lw.report(nil, append(sp, "build"), b.Pos, ir.Warning, ir.IDComposeBuildUnknown,
			fmt.Sprintf("service %q is built from %s, and its command is not known (no command:, and no CMD or ENTRYPOINT in its Dockerfile), so it is left out", s.Name, b.Context.Value),
			fmt.Sprintf("service %q of the compose file: a process that runs the program built from %s", s.Name, b.Context.Value))
		return nil
	}
	proc.Command = ir.Plain(strings.Join(argv, " "), b.Pos)
	if b.Resolved != "." {
		proc.Cwd = ir.Some(ir.Plain(b.Resolved, b.Context.Pos), b.Context.Pos)
	}
	note := fmt.Sprintf("service %q is built from %s: its process runs %s natively, from %s", s.Name, b.Context.Value, from, b.Context.Value)
	if df != nil && df.workdir != "" {
		note += fmt.Sprintf(" (the image ran it in WORKDIR %s)", df.workdir)
	}
	if df != nil && df.from != "" {
		note += "; its image was built FROM " + df.from + ", whose tools the shell must provide"
	}
	lw.diags.AddAs(b.Pos, ir.Note, ir.IDComposeBuild, note, "")
	proc.Comments = append(proc.Comments, "built from "+b.Context.Value+" by docker compose; runs natively here")
	for _, e := range s.Environment {
		if e.Value == nil {
			continue // passed from the environment, which the process has
		}
		proc.Env = append(proc.Env, ir.EnvVar{Name: e.Name, Value: e.Value.Text, Pos: e.Pos})
	}
	for i, ef := range s.EnvFiles {
		if i == 0 && !ef.Missing {
			// docker compose reads the file from the project's
			// directory; the process loads it from its own, the build
			// context.
			path := ef.Path.Text
			if v, ok := path.Literal(); ok && b.Resolved != "." && !filepath.IsAbs(v) {
				if rel, err := filepath.Rel(b.Resolved, v); err == nil {
					path = ir.Plain(rel, ef.Path.Pos)
				}
			}
			proc.EnvFile = ir.Some(path, ef.Path.Pos)
			continue
		}
		if ef.Missing {
			continue
		}
		lw.report(proc, append(sp, "env_file"), ef.Path.Pos, ir.Warning, ir.IDComposeKey,
			fmt.Sprintf("service %q loads several env_files; its process loads the first only", s.Name), "load "+ef.Path.Value)
	}
	for _, k := range []string{"image", "ports", "volumes", "user", "working_dir", "platform", "init", "tmpfs", "extra_hosts", "network_mode"} {
		lw.consume(append(sp, k), "the service runs natively: no image, no container")
	}
	if len(s.Ports) > 0 || len(s.Volumes) > 0 || s.User.Set {
		lw.diags.AddAs(s.Pos, ir.Note, ir.IDComposeBuild,
			fmt.Sprintf("service %q runs natively: its ports, volumes and user were the container's", s.Name), "")
	}
	return proc
}

// dockerfileInfo is what the converter reads of a Dockerfile: its last
// (or target) stage's base image, WORKDIR, CMD and ENTRYPOINT, as bash
// words.
type dockerfileInfo struct {
	path            string
	from, workdir   string
	cmd, entrypoint []string
}

// dockerfile reads a build's Dockerfile, or returns nil.
func (lw *lowering) dockerfile(b *Build) *dockerfileInfo {
	if !b.Dockerfile.Set && b.Dockerfile.Value == "" || remoteContext(b.Resolved) {
		return nil
	}
	path := b.Dockerfile.Value
	if !filepath.IsAbs(path) {
		path = filepath.Join(b.Resolved, path)
	}
	full := path
	if !filepath.IsAbs(full) {
		full = filepath.Join(lw.p.Dir, full)
	}
	read := lw.opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	src, err := read(full)
	if err != nil {
		return nil
	}
	return parseDockerfile(filepath.ToSlash(path), string(src), b.Target.Value)
}

// parseDockerfile reads the instructions the converter uses of the stage
// target (the last stage when target is empty).
func parseDockerfile(path, src, target string) *dockerfileInfo {
	var info, stage *dockerfileInfo
	lines := strings.Split(strings.ReplaceAll(src, "\\\n", " "), "\n")
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		instr, arg, _ := strings.Cut(line, " ")
		arg = strings.TrimSpace(arg)
		switch strings.ToUpper(instr) {
		case "FROM":
			f := strings.Fields(arg)
			stage = &dockerfileInfo{path: path}
			if len(f) > 0 {
				stage.from = f[0]
			}
			if target == "" || len(f) >= 3 && strings.EqualFold(f[1], "AS") && f[2] == target {
				info = stage
			}
		case "WORKDIR":
			if stage != nil {
				stage.workdir = arg
			}
		case "CMD":
			if stage != nil {
				stage.cmd = dockerWords(arg)
			}
		case "ENTRYPOINT":
			if stage != nil {
				stage.entrypoint = dockerWords(arg)
				stage.cmd = nil
			}
		}
	}
	return info
}

// dockerWords returns the bash words of a CMD or ENTRYPOINT: the exec
// form's items, or the shell form as sh -c runs it.
func dockerWords(arg string) []string {
	if strings.HasPrefix(arg, "[") {
		var items []string
		if json.Unmarshal([]byte(arg), &items) == nil {
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = shell.Quote(it, shell.ReadableQuotes)
			}
			return out
		}
	}
	return []string{"sh", "-c", shell.Quote(arg, shell.ReadableQuotes)}
}
