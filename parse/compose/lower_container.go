package compose

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// container lowers a service that runs an image: a process that runs the
// container in the foreground, removed when it stops, on the host's
// network.
func (lw *lowering) container(s *Service) *ir.Process {
	sp := []string{"services", s.Name}
	name := containerName(lw.p, s)
	args := []string{lw.opts.Engine, "run", "--rm", "--name", lit(name)}
	proc := &ir.Process{Name: s.Name, Container: s.Image.Text.Shell()}
	switch nm := s.NetworkMode.Value; {
	case !s.NetworkMode.Set || nm == "host" || nm == "bridge" || nm == "default":
		args = append(args, "--network", "host")
		if s.NetworkMode.Set && nm != "host" {
			lw.consume(append(sp, "network_mode"), "the container runs on the host's network, to reach the project's native services on localhost")
		}
	default:
		args = append(args, "--network", "host")
		lw.report(proc, append(sp, "network_mode"), s.NetworkMode.Pos, ir.Warning, ir.IDComposeKey,
			fmt.Sprintf("network_mode %q of service %q: the container runs on the host's network instead", nm, s.Name),
			fmt.Sprintf("network_mode %q: the container runs on the host's network", nm))
	}
	for _, h := range s.ExtraHosts {
		args = append(args, "--add-host", word(h.Text))
	}
	if s.User.Set {
		args = append(args, "--user", word(s.User.Text))
	}
	if s.WorkingDir.Set {
		args = append(args, "--workdir", word(s.WorkingDir.Text))
	}
	if s.Init.Set && s.Init.Value {
		args = append(args, "--init")
	}
	if s.Platform.Set {
		args = append(args, "--platform", word(s.Platform.Text))
	}
	if ef, ok := sourcedEnvFile(s); ok {
		// docker run --env-file would read the file literally (quotes,
		// ${VAR} and comments kept); docker compose reads it as a .env
		// file. Bash reads this one alike: the process loads it, and
		// the container gets each of its variables from there.
		proc.EnvFile = ir.Some(ef.Path.Text, ef.Path.Pos)
		set := map[string]bool{}
		for _, e := range s.Environment {
			set[e.Name] = true
		}
		for _, v := range ef.Vars {
			if !set[v.Name] {
				set[v.Name] = true
				args = append(args, "-e", lit(v.Name))
			}
		}
	}
	for _, e := range s.Environment {
		if e.Value == nil {
			args = append(args, "-e", lit(e.Name))
			continue
		}
		args = append(args, "-e", word(concat(ir.Plain(e.Name+"=", e.Pos), e.Value.Text)))
	}
	for _, ef := range s.EnvFiles {
		if ef.Missing && ef.Required.Set && !ef.Required.Value {
			lw.diags.AddAs(ef.Path.Pos, ir.Note, ir.IDComposeEnvFile,
				fmt.Sprintf("the env_file %s of service %q does not exist and is not required, so the container does not read it", ef.Path.Value, s.Name), "")
			continue
		}
		if proc.EnvFile.Set {
			continue
		}
		args = append(args, "--env-file", word(ef.Path.Text))
		if ef.Vars != nil && !ef.DockerReadsAlike {
			lw.report(proc, nil, ef.Path.Pos, ir.Warning, ir.IDComposeKey,
				fmt.Sprintf("the container of service %q reads the env_file %s with docker run --env-file, which keeps quotes, ${VAR} and comments literally where docker compose does not", s.Name, ef.Path.Value),
				fmt.Sprintf("docker run --env-file reads %s literally: write its values unquoted, without references or comments", ef.Path.Value))
		}
	}
	for _, pt := range s.Ports {
		args = append(args, "-p", word(portText(pt)))
		if pub := pt.Published.Value; pub != "" && pt.Target.Set && pub != fmt.Sprint(pt.Target.Value) {
			lw.diags.AddAs(pt.Pos, ir.Warning, ir.IDComposeKey,
				fmt.Sprintf("service %q publishes its port %d as %s, but on the host's network the container listens on %d itself", s.Name, pt.Target.Value, pub, pt.Target.Value),
				"make the program listen on the published port, or use the container's port")
		}
	}
	for _, v := range s.Volumes {
		if w, ok := lw.volume(proc, s, v); ok {
			args = append(args, "-v", w)
		}
	}
	for _, t := range s.Tmpfs {
		args = append(args, "--tmpfs", word(t.Text))
	}
	var rest []string
	if s.Entrypoint != nil {
		ws := commandWords(s.Entrypoint)
		if len(ws) == 0 {
			args = append(args, "--entrypoint", "''")
		} else {
			args = append(args, "--entrypoint", word(ws[0]))
			rest = words(ws[1:])
		}
	}
	args = append(args, word(s.Image.Text))
	args = append(args, rest...)
	if s.Command != nil {
		args = append(args, words(commandWords(s.Command))...)
	}
	proc.Command = ir.Plain(strings.Join(args, " "), s.Image.Pos)
	return proc
}

// sourcedEnvFile returns the env_file of a service that the container's
// process loads with bash: the service's only env_file that exists (one
// that is missing and not required is not read), when it was read and
// bash reads it as docker compose does.
func sourcedEnvFile(s *Service) (EnvFile, bool) {
	var found []EnvFile
	for _, ef := range s.EnvFiles {
		if ef.Missing && ef.Required.Set && !ef.Required.Value {
			continue
		}
		found = append(found, ef)
	}
	if len(found) != 1 {
		return EnvFile{}, false
	}
	ef := found[0]
	return ef, !ef.Missing && ef.BashReadsAlike && len(ef.Vars) > 0
}

// portText returns a port as docker run's -p writes it, with the
// references of its short syntax kept.
func portText(pt Port) ir.Text {
	if pt.Short != nil {
		return pt.Short.Text
	}
	var t ir.Text
	if pt.HostIP.Value != "" {
		t = concat(pt.HostIP.Text, ir.Plain(":", pt.Pos))
	}
	if pt.Published.Set {
		t = concat(t, pt.Published.Text, ir.Plain(":", pt.Pos))
	}
	t = concat(t, ir.Plain(fmt.Sprint(pt.Target.Value), pt.Pos))
	if p := pt.Protocol.Value; p != "" && p != "tcp" {
		t = concat(t, ir.Plain("/"+p, pt.Pos))
	}
	return t
}

// volume returns the -v value of a mount, or reports the mount.
func (lw *lowering) volume(proc *ir.Process, s *Service, v Volume) (string, bool) {
	ro := ""
	if v.ReadOnly.Value {
		ro = ":ro"
	}
	switch v.Type.Value {
	case "bind":
		src := v.Resolved
		if !filepath.IsAbs(src) && !strings.HasPrefix(src, "~") && !strings.HasPrefix(src, ".") {
			src = "./" + src
		}
		if strings.HasPrefix(src, "~/") {
			return `"$HOME"/` + lit(src[2:]+":"+v.Target.Value+ro), true
		}
		if v.Short != nil && v.Short.Text.HasRefs() {
			return word(v.Short.Text), true
		}
		if !v.Source.Text.HasRefs() {
			return lit(src + ":" + v.Target.Value + ro), true
		}
		return word(concat(v.Source.Text, ir.Plain(":"+v.Target.Value+ro, v.Pos))), true
	case "volume":
		if v.Source.Value == "" {
			return lit(v.Target.Value), true
		}
		vol := lw.p.Name + "_" + v.Source.Value
		for _, r := range lw.p.Volumes {
			if r.Name == v.Source.Value {
				if n := r.Value.Get("name"); n != nil {
					vol = n.String()
				} else if ext := r.Value.Get("external"); ext != nil && ext.String() == "true" {
					vol = v.Source.Value
				}
			}
		}
		lw.diags.AddAs(v.Pos, ir.Note, ir.IDComposeResource,
			fmt.Sprintf("the named volume %s of service %q stays the engine's volume %s, where docker compose kept it", v.Source.Value, s.Name, vol), "")
		return lit(vol + ":" + v.Target.Value + ro), true
	case "tmpfs":
		return "", false
	}
	lw.report(proc, []string{"services", s.Name, "volumes"}, v.Pos, ir.Warning, ir.IDComposeKey,
		fmt.Sprintf("the %s mount of service %q at %s has no docker run -v equivalent", v.Type.Value, s.Name, v.Target.Value),
		fmt.Sprintf("mount %s at %s", v.Source.Value, v.Target.Value))
	return "", false
}
