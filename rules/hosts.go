package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// Inside a docker-compose project, services reach each other by host
// name (the service's name, its container_name, hostname or aliases:
// ir.Process.ReachedAs) and the port the container listens on. Natively,
// a devenv service listens on localhost, on one port; the pass below
// rewrites the other processes' environment and commands accordingly.
//
// The native port of a container port is the host port the container
// publishes it on (-p HOST:CONTAINER), since the rules set the service's
// port option to it, so that what reached the container from the host
// reaches the service the same way; a port the container does not
// publish is the service's default port, since the rules then leave the
// port option alone: the image's own port, or ImagePort.Native where the
// two differ (TestImageDefaultPorts checks them against devenv's
// defaults). devenv 2 treats a service's port as
// the base of an allocation: if the port is taken when devenv starts, the
// service listens on another, and the rewritten values are wrong.

// endpoint is a service that other processes of a docker-compose project
// reached by name, and where it listens natively.
type endpoint struct {
	svc *ir.Service
	// source is the name of the process the service replaced.
	source string
	// names are the host names it was reached by.
	names []string
	// ports maps its container ports to its native ports; main is the
	// image's first port, which a URL without a port means.
	ports map[int]int
	main  int
	// why says how each native port was chosen, for the notes.
	why map[int]string
}

// endpointOf returns the endpoint of a process that became s, or nil
// when nothing reached it by name or its image's ports are unknown.
func endpointOf(m *match, s *ir.Service) *endpoint {
	var names []string
	for _, n := range m.proc.ReachedAs {
		if n != "" && n != "localhost" {
			names = append(names, n)
		}
	}
	if len(names) == 0 || m.image == nil || len(m.image.Ports) == 0 {
		return nil
	}
	e := &endpoint{svc: s, source: m.proc.Name, names: names, ports: map[int]int{}, why: map[int]string{},
		main: m.image.Ports[0].Container}
	for _, ip := range m.image.Ports {
		c := ip.Container
		if h, ok := m.published[c]; ok && h > 0 {
			e.ports[c] = h
			e.why[c] = fmt.Sprintf("the host port the container published its port %d on", c)
			continue
		}
		if ip.Native != 0 {
			e.ports[c] = ip.Native
			e.why[c] = fmt.Sprintf("the service's default port, since the container did not publish its port %d", c)
			continue
		}
		e.ports[c] = c
		e.why[c] = fmt.Sprintf("its default, the port %d the container listened on", c)
	}
	return e
}

// hostRE matches a name as a host: after the start of the text or a
// character no host name holds, and followed by ":PORT" (group 2) or by
// the end of a URL's authority (group 3, for names after "@" or "//").
func hostRE(name string) *regexp.Regexp {
	q := regexp.QuoteMeta(name)
	return regexp.MustCompile(`(^|[^A-Za-z0-9_.-])` + q + `(?::([0-9]+)|([/?#"'\s,;)]|$))`)
}

// change is one rewrite: from became to, for the reason why.
type change struct{ from, to, why string }

// rewrite returns s with e's names rewritten to localhost, and what was
// rewritten.
func (e *endpoint) rewrite(s string) (string, []change) {
	var done []change
	for _, name := range e.names {
		re := hostRE(name)
		idx := re.FindAllStringSubmatchIndex(s, -1)
		if idx == nil {
			continue
		}
		var b strings.Builder
		last := 0
		for _, m := range idx {
			pre := s[m[2]:m[3]]
			var to, why string
			switch {
			case m[4] >= 0:
				c, _ := strconv.Atoi(s[m[4]:m[5]])
				n, ok := e.ports[c]
				if !ok {
					continue
				}
				to = "localhost:" + strconv.Itoa(n)
				why = fmt.Sprintf("services.%s listens on localhost, on port %d: %s", e.svc.Attr, n, e.why[c])
			case pre == "@" || pre == "/" && m[2] > 0 && s[m[2]-1] == '/':
				to = "localhost"
				why = fmt.Sprintf("services.%s listens on localhost, on the port %d the URL means", e.svc.Attr, e.main)
				if n := e.ports[e.main]; n != e.main {
					to += ":" + strconv.Itoa(n)
					why = fmt.Sprintf("services.%s listens on localhost, on port %d, not on the port %d the URL means: %s", e.svc.Attr, n, e.main, e.why[e.main])
				}
			default:
				continue
			}
			from := s[m[3]:m[1]]
			if m[6] >= 0 {
				from = s[m[3]:m[6]]
			}
			b.WriteString(s[last:m[3]])
			b.WriteString(to)
			if m[6] >= 0 {
				last = m[6]
			} else {
				last = m[1]
			}
			done = append(done, change{from, to, why})
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return s, done
}

// rewriteText rewrites the literal parts of t; references stay.
func (e *endpoint) rewriteText(t ir.Text) (ir.Text, []change) {
	var all []change
	out := ir.Text{Pos: t.Pos}
	for _, p := range t.Parts {
		if p.Ref != nil {
			out.Parts = append(out.Parts, p)
			continue
		}
		s, done := e.rewrite(p.Lit)
		all = append(all, done...)
		out.Parts = append(out.Parts, ir.TextPart{Lit: s})
	}
	if len(all) == 0 {
		return t, nil
	}
	return out, all
}

// hostVar reports whether a variable's name says its value is a host
// name: DB_HOST, REDIS_HOSTNAME, PGHOST.
func hostVar(name string) (prefix string, ok bool) {
	for _, suf := range []string{"HOSTNAME", "HOST"} {
		if p, ok := strings.CutSuffix(strings.ToUpper(name), suf); ok {
			return name[:len(p)], true
		}
	}
	return "", false
}

// rewriteHosts rewrites, in the environment and commands of every
// process but the endpoints' own, the host names and ports by which the
// endpoints were reached to localhost and their native ports, each
// rewrite a note. A process that loads an env_file at run time is
// reported, since the file's values are not read.
func rewriteHosts(p *ir.Project, ends []*endpoint, diags *ir.Diagnostics) {
	if len(ends) == 0 {
		return
	}
	var all []string
	for _, e := range ends {
		all = append(all, e.names...)
	}
	sort.Strings(all)
	note := func(pos ir.Pos, what, proc string, e *endpoint, done []change) {
		for _, d := range done {
			diags.Add(pos, ir.IDHostRewritten,
				fmt.Sprintf("%s of process %q: %s → %s: the compose service %q is services.%s, and %s", what, proc, d.from, d.to, e.source, e.svc.Attr, d.why), "")
		}
	}
	visit := func(proc *ir.Process, own *endpoint) {
		for i := range proc.Env {
			v := &proc.Env[i]
			hostOf := map[*endpoint]bool{}
			for _, e := range ends {
				if e == own {
					continue
				}
				if s, ok := v.Value.Literal(); ok {
					if _, isHost := hostVar(v.Name); isHost && containsName(e.names, s) {
						v.Value = ir.Plain("localhost", v.Value.Pos)
						hostOf[e] = true
						note(v.Pos, "the variable "+v.Name, proc.Name, e, []change{{s, "localhost", fmt.Sprintf("services.%s listens on localhost", e.svc.Attr)}})
						continue
					}
				}
				t, done := e.rewriteText(v.Value)
				v.Value = t
				note(v.Pos, "the variable "+v.Name, proc.Name, e, done)
			}
			for e := range hostOf {
				prefix, _ := hostVar(v.Name)
				portVar(proc, prefix, e, diags)
			}
		}
		for _, e := range ends {
			if e == own {
				continue
			}
			t, done := e.rewriteText(proc.Command)
			proc.Command = t
			note(proc.Command.Pos, "the command", proc.Name, e, done)
			for i, w := range proc.Entrypoint {
				t, done := e.rewriteText(w)
				proc.Entrypoint[i] = t
				note(w.Pos, "the entrypoint", proc.Name, e, done)
			}
		}
		if proc.EnvFile.Set {
			diags.Add(proc.EnvFile.Pos, ir.IDHostNotRewritten,
				fmt.Sprintf("process %q loads the env_file %s at run time: the host names %s in it are not rewritten to localhost", proc.Name, proc.EnvFile.Val.Shell(), strings.Join(all, ", ")),
				"edit the file: use localhost and the services' ports")
		}
	}
	for _, proc := range p.Processes {
		visit(proc, nil)
	}
	for _, e := range ends {
		if e.svc.Process != nil {
			visit(e.svc.Process, e)
		}
	}
	for _, e := range ends {
		tcp(e, diags)
	}
}

// portVar rewrites the port variable beside a host variable that was
// rewritten to e's service (DB_PORT beside DB_HOST) when it holds a
// container port whose native port differs.
func portVar(proc *ir.Process, prefix string, e *endpoint, diags *ir.Diagnostics) {
	for i := range proc.Env {
		v := &proc.Env[i]
		if !strings.EqualFold(v.Name, prefix+"PORT") {
			continue
		}
		s, ok := v.Value.Literal()
		c, err := strconv.Atoi(s)
		if !ok || err != nil {
			continue
		}
		n, ok := e.ports[c]
		if !ok || n == c {
			continue
		}
		v.Value = ir.Plain(strconv.Itoa(n), v.Value.Pos)
		diags.Add(v.Pos, ir.IDHostRewritten,
			fmt.Sprintf("the variable %s of process %q: %d → %d (services.%s listens on port %d: %s)", v.Name, proc.Name, c, n, e.svc.Attr, n, e.why[c]), "")
	}
}

// tcp makes a service that was reached over the network listen on TCP
// where devenv's default is a socket only: postgres's listen_addresses.
func tcp(e *endpoint, diags *ir.Diagnostics) {
	if e.svc.Attr != "postgres" {
		return
	}
	for _, f := range e.svc.Options {
		if f.Key == "listen_addresses" {
			return
		}
	}
	e.svc.Options = append(e.svc.Options, ir.Field{Key: "listen_addresses", KeyPos: e.svc.Pos, Value: ir.StringValue("127.0.0.1", e.svc.Pos)})
	diags.Add(e.svc.Pos, ir.IDHostRewritten,
		fmt.Sprintf("services.postgres listens on 127.0.0.1 (listen_addresses), since other processes reached %q over the network", e.source), "")
}
