package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// check makes compose-go's consistency checks on the enabled services:
// each has an image or a build; what it depends on, and the volumes,
// networks, secrets and configs it uses, are declared; dependencies form
// no cycle. A disabled service is checked too, with warnings: docker
// compose refuses it once its profile is enabled.
func (l *loader) check() {
	p := l.proj
	byName := map[string]*Service{}
	for _, s := range p.Services {
		byName[s.Name] = s
	}
	declared := func(rs []*Resource, name string) bool {
		return slices.ContainsFunc(rs, func(r *Resource) bool { return r.Name == name })
	}
	for _, s := range p.Services {
		sev := ir.Error
		suffix := "; docker compose refuses the file"
		if !s.Enabled {
			sev = ir.Warning
			suffix = "; docker compose refuses the file when its profile is enabled"
		}
		report := func(pos ir.Pos, id ir.ID, format string, args ...any) {
			l.diags.AddAs(pos, sev, id, fmt.Sprintf(format, args...)+suffix, "")
		}
		if !s.Image.Set && s.Build == nil && !slices.ContainsFunc(s.Extra, func(f *Field) bool { return f.Key == "provider" }) {
			report(s.Pos, ir.IDComposeNoImage, "service %s has neither an image nor a build", s.Name)
		}
		for _, d := range s.DependsOn {
			t := byName[d.Service]
			switch {
			case t == nil:
				via := "depends on"
				if d.Implied != "" {
					via = "uses (" + d.Implied + ")"
				}
				report(d.Pos, ir.IDComposeUndefinedDep, "service %s %s %s, which is not a service", s.Name, via, d.Service)
			case !t.Enabled && s.Enabled && d.Required:
				l.diags.Add(d.Pos, ir.IDComposeUndefinedDep,
					fmt.Sprintf("service %s depends on %s, which its profiles disable; docker compose refuses the file", s.Name, d.Service),
					"enable one of "+d.Service+"'s profiles, or set required: false")
			}
		}
		if s.NetworkMode.Set && len(s.Networks) > 0 {
			report(s.NetworkMode.Pos, ir.IDComposeExclusive, "service %s sets both network_mode and networks", s.Name)
		}
		for _, n := range s.Networks {
			if n.Name != "default" && !declared(p.Networks, n.Name) {
				report(n.Pos, ir.IDComposeUndefinedRef, "service %s joins the network %s, which is not declared", s.Name, n.Name)
			}
		}
		for _, v := range s.Volumes {
			if v.Type.Value == "volume" && v.Source.Value != "" && !declared(p.Volumes, v.Source.Value) {
				report(v.Pos, ir.IDComposeUndefinedRef, "service %s mounts the volume %s, which is not declared", s.Name, v.Source.Value)
			}
		}
		for _, r := range s.Secrets {
			if !declared(p.Secrets, r.Source.Value) {
				report(r.Pos, ir.IDComposeUndefinedRef, "service %s uses the secret %s, which is not declared", s.Name, r.Source.Value)
			}
		}
		for _, r := range s.Configs {
			if !declared(p.Configs, r.Source.Value) {
				report(r.Pos, ir.IDComposeUndefinedRef, "service %s uses the config %s, which is not declared", s.Name, r.Source.Value)
			}
		}
		if s.Build != nil && s.Build.Dockerfile.Set && s.Build.Dockerfile.Pos != s.Build.Pos {
			for _, f := range s.Build.Extra {
				if f.Key == "dockerfile_inline" {
					report(f.KeyPos, ir.IDComposeExclusive, "service %s sets both build.dockerfile and build.dockerfile_inline", s.Name)
				}
			}
		}
		mounts := map[string]bool{}
		for _, t := range s.Tmpfs {
			path, _, _ := strings.Cut(t.Value, ":")
			if mounts[path] {
				report(t.Pos, ir.IDComposeBadValue, "service %s mounts %s twice", s.Name, path)
			}
			mounts[path] = true
		}
		for _, v := range s.Volumes {
			if mounts[v.Target.Value] {
				report(v.Pos, ir.IDComposeBadValue, "service %s mounts %s twice", s.Name, v.Target.Value)
			}
			mounts[v.Target.Value] = true
		}
	}
	for _, r := range p.Secrets {
		l.checkFileObject(r, "secret", "file", "environment")
	}
	for _, r := range p.Configs {
		l.checkFileObject(r, "config", "file", "environment", "content")
	}
	l.checkCycles(byName)
}

// checkFileObject checks that a secret or config has exactly one source.
func (l *loader) checkFileObject(r *Resource, what string, keys ...string) {
	n := 0
	for _, k := range keys {
		if r.Value.Get(k) != nil {
			n++
		}
	}
	switch {
	case n > 1:
		l.diags.Add(r.Pos, ir.IDComposeExclusive, fmt.Sprintf("the %s %s sets more than one of %s; docker compose refuses the file", what, r.Name, strings.Join(keys, ", ")), "")
	case n == 0 && r.Value.Get("external") == nil && r.Value.Get("driver") == nil:
		l.diags.Add(r.Pos, ir.IDComposeBadValue, fmt.Sprintf("the %s %s sets none of %s; docker compose refuses the file", what, r.Name, strings.Join(keys, ", ")), "")
	}
}

// checkCycles reports dependency cycles among the enabled services.
func (l *loader) checkCycles(byName map[string]*Service) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(s *Service) bool
	visit = func(s *Service) bool {
		state[s.Name] = visiting
		stack = append(stack, s.Name)
		for _, d := range s.DependsOn {
			t := byName[d.Service]
			if t == nil || !t.Enabled {
				continue
			}
			switch state[t.Name] {
			case visiting:
				i := slices.Index(stack, t.Name)
				cycle := append(slices.Clone(stack[i:]), t.Name)
				l.diags.Add(d.Pos, ir.IDComposeCycle,
					fmt.Sprintf("services depend on each other in a cycle: %s; docker compose refuses the file", strings.Join(cycle, " → ")), "")
				return false
			case unvisited:
				if !visit(t) {
					return false
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[s.Name] = done
		return true
	}
	for _, s := range l.proj.Services {
		if s.Enabled && state[s.Name] == unvisited {
			if !visit(s) {
				return
			}
		}
	}
}
