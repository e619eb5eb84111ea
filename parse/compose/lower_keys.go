package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// serviceKeys reports the keys of a service that its process cannot
// express, each with its position and a TODO comment on the process, and
// says why the keys that need nothing in the output need nothing.
func (lw *lowering) serviceKeys(proc *ir.Process, s *Service) {
	sp := []string{"services", s.Name}
	at := func(k string) []string { return append(slices.Clone(sp), k) }
	if len(s.Labels) > 0 {
		lw.consume(at("labels"), "labels are the container's metadata")
	}
	if len(s.Expose) > 0 {
		lw.consume(at("expose"), "on the host's network, the ports a program listens on need no exposing")
	}
	if len(s.Links) > 0 {
		lw.consume(at("links"), "the linked service is reached on localhost")
	}
	if s.Tty.Set || s.StdinOpen.Set {
		lw.consume(at("tty"), "devenv gives no process a terminal")
		lw.consume(at("stdin_open"), "devenv gives no process a terminal")
	}
	if s.ContainerName.Set {
		lw.consume(at("container_name"), "the container's name, and a host name other services used (ReachedAs)")
	}
	if s.Hostname.Set {
		lw.consume(at("hostname"), "a host name other services used (ReachedAs)")
	}
	for _, n := range s.Networks {
		lw.report(proc, append(at("networks"), n.Name), n.Pos, ir.Note, ir.IDComposeResource,
			fmt.Sprintf("service %q joins the network %s; its process runs on the host's network, where every service is on localhost", s.Name, n.Name), "")
	}
	for _, r := range s.Secrets {
		lw.report(proc, at("secrets"), r.Pos, ir.Warning, ir.IDComposeResource,
			fmt.Sprintf("secret %s of service %q: devenv has no secrets", r.Source.Value, s.Name),
			fmt.Sprintf("give the process the secret %s (compose mounted it at /run/secrets/%s)", r.Source.Value, r.Source.Value))
	}
	for _, r := range s.Configs {
		lw.report(proc, at("configs"), r.Pos, ir.Warning, ir.IDComposeResource,
			fmt.Sprintf("config %s of service %q: devenv has no configs", r.Source.Value, s.Name),
			fmt.Sprintf("give the process the config %s", r.Source.Value))
	}
	if s.Deploy != nil {
		lw.report(proc, at("deploy"), s.Deploy.Pos, ir.Warning, ir.IDComposeResource,
			fmt.Sprintf("deploy of service %q: devenv runs one copy of each process, without resource limits", s.Name),
			"deploy: replicas, resources and placement have no devenv equivalent")
	}
	if s.StopSignal.Set {
		lw.report(proc, at("stop_signal"), s.StopSignal.Pos, ir.Warning, ir.IDComposeKey,
			fmt.Sprintf("stop_signal %s of service %q: devenv stops the process with SIGTERM", s.StopSignal.Value, s.Name), "stop with "+s.StopSignal.Value)
	}
	if s.StopGracePeriod.Set {
		lw.report(proc, at("stop_grace_period"), s.StopGracePeriod.Pos, ir.Warning, ir.IDComposeKey,
			fmt.Sprintf("stop_grace_period %s of service %q: devenv waits its own time before killing the process", s.StopGracePeriod.Value, s.Name), "wait "+s.StopGracePeriod.Value+" before killing it")
	}
	for _, f := range s.Extra {
		if strings.HasPrefix(f.Key, "x-") {
			continue
		}
		lw.report(proc, at(f.Key), f.KeyPos, ir.Warning, ir.IDComposeKey,
			fmt.Sprintf("%s of service %q: the process cannot express it", f.Key, s.Name), f.Key+" of the compose service")
	}
	if s.Build != nil && len(s.Build.Extra) > 0 {
		for _, f := range s.Build.Extra {
			lw.consume(append(at("build"), f.Key), "the service runs natively: nothing is built")
		}
	}
}

// resources reports the top-level volumes, networks, secrets and configs.
func (lw *lowering) resources() {
	for _, g := range []struct {
		key  string
		list []*Resource
		why  string
	}{
		{"volumes", lw.p.Volumes, "a named volume: a container keeps using the engine's volume; devenv's services keep their data under .devenv/state"},
		{"networks", lw.p.Networks, "a network: every process runs on the host's network, on localhost"},
		{"secrets", lw.p.Secrets, "a secret: devenv has no secrets"},
		{"configs", lw.p.Configs, "a config: devenv has no configs"},
	} {
		for _, r := range g.list {
			sev, todo := ir.Note, ""
			if g.key == "secrets" || g.key == "configs" {
				sev, todo = ir.Warning, fmt.Sprintf("%s %s of the compose file: %s", strings.TrimSuffix(g.key, "s"), r.Name, g.why)
			}
			lw.report(nil, []string{g.key, r.Name}, r.Pos, sev, ir.IDComposeResource,
				fmt.Sprintf("%s %s is %s", strings.TrimSuffix(g.key, "s"), r.Name, g.why), todo)
		}
	}
}

// nameKeys are the keys under which the keys are names the user chose.
var nameKeys = []string{"environment", "labels", "depends_on", "networks", "args", "sysctls", "ulimits", "extra_hosts", "annotations", "driver_opts", "services", "volumes", "secrets", "configs"}

// keyPath returns a compose key's path in the converter's model.
func keyPath(parts []string) ir.Path {
	var p ir.Path
	i := 0
	switch {
	case len(parts) >= 2 && parts[0] == "services":
		p, i = ir.ComposeServicePath(parts[1]), 2
	case len(parts) >= 2 && slices.Contains([]string{"volumes", "networks", "secrets", "configs"}, parts[0]):
		p, i = ir.NewPath(parts[0]).Name(parts[1]), 2
	}
	for ; i < len(parts); i++ {
		if i > 0 && slices.Contains(nameKeys, parts[i-1]) && parts[i] != "[]" && i >= 3 {
			p = p.Name(parts[i])
		} else {
			p = p.Child(parts[i])
		}
	}
	return p
}

// keys gives the output's project every key of the files read, with the
// fates the reader and the lowering decided.
func (lw *lowering) keys() {
	for _, k := range lw.p.Keys {
		ik := ir.Key{Path: keyPath(k.Path), Pos: k.Pos, Unknown: k.Unknown, Consumed: k.Consumed}
		if ik.Consumed == "" && !ik.Unknown {
			for n := len(k.Path); n > 0; n-- {
				j := strings.Join(k.Path[:n], ".")
				if why, ok := lw.reported[j]; ok {
					ik.Dropped = why
					if n == len(k.Path) {
						// The diagnostic is at the key's value, or at
						// the key of one of its items.
						ik.ValuePos = lw.reportedAt[j]
					}
					break
				}
				if why, ok := lw.consumed[j]; ok {
					ik.Consumed = why
					if why == "" {
						ik.Consumed = "read by the converter"
					}
					break
				}
			}
		}
		lw.out.Keys = append(lw.out.Keys, ik)
	}
}
