package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// build makes the typed model of the merged tree and checks it as
// compose-go's checkConsistency does.
func (l *loader) build(root *Value) {
	p := l.proj
	live := map[ir.Pos]bool{}
	markLive(root, live)
	for i := range p.Keys {
		k := &p.Keys[i]
		if !live[k.Pos] && k.Consumed == "" && !k.Unknown {
			k.Consumed = "replaced: a later file, an extending service or !reset overrides it"
		}
	}
	for _, key := range []string{"volumes", "networks", "secrets", "configs"} {
		top := root.Get(key)
		if top == nil || top.Kind != KindMap {
			continue
		}
		var rs []*Resource
		for _, f := range top.Fields {
			rs = append(rs, &Resource{Name: f.Key, Pos: f.KeyPos, Value: f.Value})
		}
		switch key {
		case "volumes":
			p.Volumes = rs
		case "networks":
			p.Networks = rs
		case "secrets":
			p.Secrets = rs
		case "configs":
			p.Configs = rs
		}
	}
	for _, f := range root.Fields {
		switch f.Key {
		case "services", "volumes", "networks", "secrets", "configs", "name":
		default:
			p.Extra = append(p.Extra, f)
		}
	}
	svcs := root.Get("services")
	if svcs == nil || svcs.Kind != KindMap {
		return
	}
	if len(svcs.Fields) > sourcecheck.MaxItems {
		sourcecheck.TooMany(svcs.Fields[sourcecheck.MaxItems].KeyPos, "services", l.diags)
		svcs.Fields = svcs.Fields[:sourcecheck.MaxItems]
	}
	for _, f := range svcs.Fields {
		if f.Value.Kind != KindMap {
			continue
		}
		p.Services = append(p.Services, l.service(f))
	}
	l.check()
}

// markLive records the key positions of the final model.
func markLive(v *Value, live map[ir.Pos]bool) {
	switch v.Kind {
	case KindMap:
		for _, f := range v.Fields {
			live[f.KeyPos] = true
			markLive(f.Value, live)
		}
	case KindList:
		for _, it := range v.Items {
			markLive(it, live)
		}
	}
}

// str returns a scalar as a String.
func str(v *Value) String {
	if v == nil {
		return String{}
	}
	s := String{Value: v.String(), Pos: v.Pos, Set: true}
	if v.Kind == KindStr {
		s.Text = v.Text
	} else {
		s.Text = ir.Plain(s.Value, v.Pos)
	}
	return s
}

// strs returns a list's items (or a lone string) as Strings.
func strs(v *Value) []String {
	if v == nil {
		return nil
	}
	if v.Kind != KindList {
		if v.IsNull() {
			return nil
		}
		return []String{str(v)}
	}
	out := make([]String, 0, len(v.Items))
	for _, it := range v.Items {
		out = append(out, str(it))
	}
	return out
}

func boolOf(v *Value) Bool {
	b, ok := v.asBool()
	if !ok {
		return Bool{}
	}
	return Bool{Value: b, Pos: v.Pos, Set: true}
}

// service builds one service.
func (l *loader) service(f *Field) *Service {
	v := f.Value
	s := &Service{Name: f.Key, Pos: f.KeyPos}
	deps := map[string]bool{}
	for _, e := range v.Fields {
		x := e.Value
		switch e.Key {
		case "profiles":
			s.Profiles = strs(x)
		case "image":
			s.Image = str(x)
		case "build":
			s.Build = l.buildSection(x)
		case "command":
			s.Command = l.command(x, "command")
		case "entrypoint":
			s.Entrypoint = l.command(x, "entrypoint")
		case "environment":
			s.Environment = l.mapping(x, "environment")
		case "labels":
			s.Labels = l.mapping(x, "labels")
		case "env_file":
			s.EnvFiles = l.envFiles(x)
		case "ports":
			s.Ports = ports(x)
		case "expose":
			s.Expose = strs(x)
		case "volumes":
			s.Volumes = volumes(x)
		case "depends_on":
			if x.Kind == KindMap {
				for _, d := range x.Fields {
					dep := Dependency{Service: d.Key, Condition: ServiceStarted, Required: true, Pos: d.KeyPos}
					if c := d.Value.Get("condition"); c != nil {
						dep.Condition = Condition(c.String())
						dep.Short = c.Pos == d.KeyPos
					}
					if r, ok := d.Value.Get("required").asBool(); ok {
						dep.Required = r
					}
					if r, ok := d.Value.Get("restart").asBool(); ok {
						dep.Restart = r
					}
					s.DependsOn = append(s.DependsOn, dep)
					deps[d.Key] = true
				}
			}
		case "healthcheck":
			s.Healthcheck = l.healthcheck(x)
		case "restart":
			s.Restart = str(x)
		case "working_dir":
			s.WorkingDir = str(x)
		case "user":
			s.User = str(x)
		case "container_name":
			s.ContainerName = str(x)
		case "hostname":
			s.Hostname = str(x)
		case "network_mode":
			s.NetworkMode = str(x)
		case "platform":
			s.Platform = str(x)
		case "stop_signal":
			s.StopSignal = str(x)
		case "stop_grace_period":
			s.StopGracePeriod = l.duration(x, "stop_grace_period")
		case "tty":
			s.Tty = boolOf(x)
		case "stdin_open":
			s.StdinOpen = boolOf(x)
		case "init":
			s.Init = boolOf(x)
		case "networks":
			if x.Kind == KindMap {
				for _, n := range x.Fields {
					sn := ServiceNetwork{Name: n.Key, Pos: n.KeyPos}
					if n.Value.Kind == KindMap {
						sn.Aliases = strs(n.Value.Get("aliases"))
						sn.Options = n.Value
					}
					s.Networks = append(s.Networks, sn)
				}
			}
		case "links":
			s.Links = strs(x)
		case "extra_hosts":
			s.ExtraHosts = extraHosts(x)
		case "secrets":
			s.Secrets = fileRefs(x)
		case "configs":
			s.Configs = fileRefs(x)
		case "tmpfs":
			s.Tmpfs = strs(x)
		case "deploy":
			s.Deploy = x
		default:
			s.Extra = append(s.Extra, e)
		}
	}
	// Dependencies that links, network_mode and volumes_from imply.
	implied := func(name, why string, pos ir.Pos, restart bool) {
		if !deps[name] {
			deps[name] = true
			s.DependsOn = append(s.DependsOn, Dependency{Service: name, Condition: ServiceStarted, Required: true, Restart: restart, Implied: why, Pos: pos})
		}
	}
	for _, link := range s.Links {
		name := link.Value
		if parts := strings.Split(name, ":"); len(parts) == 2 {
			name = parts[0]
		}
		implied(name, "links", link.Pos, true)
	}
	for _, ns := range []string{"network_mode", "ipc", "pid", "uts", "cgroup"} {
		if n := v.Get(ns); n != nil && n.Kind == KindStr {
			if ref, ok := strings.CutPrefix(n.Str, "service:"); ok {
				implied(ref, ns, n.Pos, true)
			}
		}
	}
	if vf := v.Get("volumes_from"); vf != nil && vf.Kind == KindList {
		for _, it := range vf.Items {
			if !strings.HasPrefix(it.String(), "container:") {
				implied(strings.Split(it.String(), ":")[0], "volumes_from", it.Pos, false)
			}
		}
	}
	s.Enabled = len(s.Profiles) == 0
	for _, p := range s.Profiles {
		if slices.Contains(l.proj.Profiles, p.Value) || slices.Contains(l.proj.Profiles, "*") {
			s.Enabled = true
		}
	}
	return s
}

func (l *loader) buildSection(x *Value) *Build {
	b := &Build{Pos: x.Pos}
	if x.Kind != KindMap {
		return b
	}
	for _, f := range x.Fields {
		switch f.Key {
		case "context":
			b.Context = str(f.Value)
		case "dockerfile":
			b.Dockerfile = str(f.Value)
		case "args":
			b.Args = l.mapping(f.Value, "build.args")
		case "target":
			b.Target = str(f.Value)
		default:
			b.Extra = append(b.Extra, f)
		}
	}
	if !b.Context.Set {
		b.Context = String{Value: ".", Text: ir.Plain(".", x.Pos), Pos: x.Pos}
	}
	b.Resolved = b.Context.Value
	if !remoteContext(b.Resolved) && !filepath.IsAbs(b.Resolved) && !strings.HasPrefix(b.Resolved, "~") {
		b.Resolved = filepath.Clean(b.Resolved)
	}
	if !b.Dockerfile.Set && x.Get("dockerfile_inline") == nil {
		b.Dockerfile = String{Value: "Dockerfile", Text: ir.Plain("Dockerfile", x.Pos), Pos: x.Pos}
	}
	return b
}

// command reads a command or entrypoint: a string split into words, or a
// list.
func (l *loader) command(x *Value, what string) *Command {
	if x.IsNull() {
		return nil
	}
	c := &Command{Pos: x.Pos}
	switch x.Kind {
	case KindList:
		c.Args = strs(x)
	default:
		c.Shell, c.Line = true, str(x)
		words, truncated, err := splitWords(c.Line.Value)
		if err != nil {
			l.reportValue(x, "the %s %q cannot be split into words (an unclosed quote or parenthesis)", what, c.Line.Value)
		}
		if truncated {
			l.diags.AddAs(x.Pos, ir.Warning, ir.IDComposeBadValue,
				fmt.Sprintf("docker compose splits the %s into words and drops everything from the first unquoted ;, &, |, < or >", what),
				`write it as ["sh", "-c", "..."] to run it in a shell`)
		}
		for _, w := range words {
			c.Args = append(c.Args, String{Value: w, Text: ir.Plain(w, x.Pos), Pos: x.Pos, Set: true})
		}
	}
	return c
}

// mapping reads a list of KEY=VALUE entries or a mapping.
func (l *loader) mapping(x *Value, what string) []EnvVar {
	var out []EnvVar
	switch x.Kind {
	case KindMap:
		for _, f := range x.Fields {
			e := EnvVar{Name: f.Key, Pos: f.KeyPos}
			if !f.Value.IsNull() {
				s := str(f.Value)
				e.Value = &s
			}
			out = append(out, e)
		}
	case KindList:
		for _, it := range x.Items {
			raw := it.String()
			name, val, ok := strings.Cut(raw, "=")
			if name != "" && strings.TrimRightFunc(name, isSpaceRune) != name {
				l.diags.Add(it.Pos, ir.IDComposeBadValue,
					fmt.Sprintf("the %s entry %q has a space before '='; docker compose refuses the file", what, name), "")
			}
			e := EnvVar{Name: name, Pos: it.Pos}
			if ok {
				s := String{Value: val, Pos: it.Pos, Set: true, Text: afterEquals(it.Text)}
				e.Value = &s
			}
			out = append(out, e)
		}
	}
	return out
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

// afterEquals returns the part of a KEY=VALUE Text after the first "=".
func afterEquals(t ir.Text) ir.Text {
	out := ir.Text{Pos: t.Pos}
	found := false
	for _, p := range t.Parts {
		if found {
			if p.Ref != nil {
				out.AppendRef(p.Ref)
			} else {
				out.Append(p.Lit)
			}
			continue
		}
		if p.Ref == nil {
			if _, after, ok := strings.Cut(p.Lit, "="); ok {
				found = true
				out.Append(after)
			}
		}
	}
	return out
}

func (l *loader) envFiles(x *Value) []EnvFile {
	if x.Kind != KindList {
		return nil
	}
	var out []EnvFile
	for _, it := range x.Items {
		if it.Kind != KindMap {
			continue
		}
		ef := EnvFile{Path: str(it.Get("path")), Required: boolOf(it.Get("required")), Format: str(it.Get("format"))}
		if !ef.Required.Set {
			if r := it.Get("required"); r != nil && r.Kind == KindStr {
				ef.Required = Bool{Value: r.Str == "true", Pos: r.Pos, Set: true}
			}
		}
		ef.Resolved = ef.Path.Value
		if p := it.Get("path"); p != nil {
			ef.Resolved = p.Str
		}
		if !filepath.IsAbs(ef.Resolved) && !strings.HasPrefix(ef.Resolved, "~") {
			ef.Resolved = filepath.Clean(ef.Resolved)
		}
		path := ef.Resolved
		if !filepath.IsAbs(path) {
			path = filepath.Join(l.proj.Dir, path)
		}
		src, err := l.read(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			ef.Missing = true
			if ef.Required.Value {
				l.diags.AddAs(ef.Path.Pos, ir.Warning, ir.IDComposeEnvFile,
					fmt.Sprintf("the env_file %s does not exist here; docker compose refuses to start without it", ef.Path.Value),
					"create it (it is usually not committed: its example may say what it holds), or set required: false")
			}
		case err != nil:
			l.diags.Add(ef.Path.Pos, ir.IDComposeEnvFile, fmt.Sprintf("cannot read the env_file %s: %v", ef.Path.Value, unwrapPathError(err)), "")
		case ef.Format.Value != "" && ef.Format.Value != ".env":
			l.diags.Add(ef.Format.Pos, ir.IDComposeBadValue, fmt.Sprintf("the env_file format %q is not one docker compose knows", ef.Format.Value), "")
		default:
			l.source(path)
			if sourcecheck.CheckText(path, src, l.diags) {
				vars, d := readDotenv(path, src, l.lookupFor(it.Pos.File))
				if d != nil {
					l.diags.AddAs(d.Pos, d.Severity, d.ID, d.Message, d.Suggestion)
				}
				ef.Vars = vars
				ef.BashReadsAlike = d == nil && bashReadsAlike(src)
				ef.DockerReadsAlike = d == nil && dockerReadsAlike(src, vars)
			}
		}
		out = append(out, ef)
	}
	return out
}

func ports(x *Value) []Port {
	if x.Kind != KindList {
		return nil
	}
	var out []Port
	for _, it := range x.Items {
		if it.Kind != KindMap {
			continue
		}
		p := Port{Pos: it.Pos, Name: str(it.Get("name")), Mode: str(it.Get("mode")), HostIP: str(it.Get("host_ip")),
			Published: str(it.Get("published")), Protocol: str(it.Get("protocol")), AppProtocol: str(it.Get("app_protocol"))}
		if t := it.Get("target"); t != nil {
			if n, ok := t.asInt(); ok {
				p.Target = Int{Value: n, Pos: t.Pos, Set: true}
			}
		}
		if !p.Protocol.Set {
			p.Protocol = String{Value: "tcp", Text: ir.Plain("tcp", it.Pos), Pos: it.Pos}
		}
		if !p.Mode.Set {
			p.Mode = String{Value: "ingress", Text: ir.Plain("ingress", it.Pos), Pos: it.Pos}
		}
		if it.raw != "" {
			s := String{Value: it.raw, Text: it.Text, Pos: it.Pos, Set: true}
			p.Short = &s
		}
		out = append(out, p)
	}
	return out
}

func volumes(x *Value) []Volume {
	if x.Kind != KindList {
		return nil
	}
	var out []Volume
	for _, it := range x.Items {
		if it.Kind != KindMap {
			continue
		}
		v := Volume{Pos: it.Pos, Type: str(it.Get("type")), Source: str(it.Get("source")), Target: str(it.Get("target")), ReadOnly: boolOf(it.Get("read_only")), Options: it}
		v.Resolved = v.Source.Value
		if v.Type.Value == "bind" && v.Resolved != "" && !filepath.IsAbs(v.Resolved) && !strings.HasPrefix(v.Resolved, "~") {
			v.Resolved = filepath.Clean(v.Resolved)
		}
		if it.raw != "" {
			s := String{Value: it.raw, Text: it.Text, Pos: it.Pos, Set: true}
			v.Short = &s
		}
		out = append(out, v)
	}
	return out
}

func extraHosts(x *Value) []String {
	if x.Kind != KindMap {
		return strs(x)
	}
	var out []String
	for _, f := range x.Fields {
		vals := []*Value{f.Value}
		if f.Value.Kind == KindList {
			vals = f.Value.Items
		}
		for _, v := range vals {
			out = append(out, String{Value: f.Key + "=" + v.String(), Text: ir.Plain(f.Key+"="+v.String(), v.Pos), Pos: f.KeyPos, Set: true})
		}
	}
	return out
}

func fileRefs(x *Value) []FileRef {
	if x.Kind != KindList {
		return nil
	}
	var out []FileRef
	for _, it := range x.Items {
		if it.Kind == KindMap {
			out = append(out, FileRef{Source: str(it.Get("source")), Target: str(it.Get("target")), Pos: it.Pos})
		}
	}
	return out
}

func (l *loader) healthcheck(x *Value) *Healthcheck {
	if x.Kind != KindMap {
		return nil
	}
	h := &Healthcheck{Pos: x.Pos}
	for _, f := range x.Fields {
		v := f.Value
		switch f.Key {
		case "test":
			switch v.Kind {
			case KindStr:
				h.Test = []String{{Value: "CMD-SHELL", Text: ir.Plain("CMD-SHELL", v.Pos), Pos: v.Pos, Set: true}, str(v)}
			case KindList:
				h.Test = strs(v)
			}
		case "interval":
			h.Interval = l.duration(v, "healthcheck.interval")
		case "timeout":
			h.Timeout = l.duration(v, "healthcheck.timeout")
		case "start_period":
			h.StartPeriod = l.duration(v, "healthcheck.start_period")
		case "start_interval":
			h.StartInterval = l.duration(v, "healthcheck.start_interval")
		case "retries":
			if n, ok := v.asInt(); ok {
				h.Retries = Int{Value: n, Pos: v.Pos, Set: true}
			} else if v.Kind == KindFloat {
				h.Retries = Int{Value: int64(v.Num.(float64)), Pos: v.Pos, Set: true}
			}
		case "disable":
			h.Disable = boolOf(v)
		}
	}
	if len(h.Test) > 0 {
		switch h.Test[0].Value {
		case "CMD", "CMD-SHELL", "NONE":
		default:
			l.diags.Add(h.Test[0].Pos, ir.IDComposeBadValue,
				`healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE"; docker compose refuses the file`, `write ["CMD-SHELL", "..."] or a string`)
		}
	}
	return h
}

// duration parses a duration as compose-go does (Go's time.ParseDuration
// syntax, a bare number meaning seconds... as str2duration reads it).
func (l *loader) duration(v *Value, what string) Duration {
	d := Duration{String: str(v)}
	if v.IsNull() {
		return d
	}
	s := d.Value
	if v.Kind == KindInt || v.Kind == KindFloat {
		l.typeError(v, what, kStr)
		return d
	}
	n, err := time.ParseDuration(s)
	if err != nil {
		n, err = parseLongDuration(s)
	}
	if err != nil {
		l.reportValue(v, "%s %q is not a duration (such as 1m30s)", what, s)
		return d
	}
	d.Nanos = int64(n)
	return d
}

// parseLongDuration reads the d and w units that str2duration adds to
// Go's syntax.
func parseLongDuration(s string) (time.Duration, error) {
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("bad duration")
		}
		j := i
		for j < len(rest) && (rest[j] < '0' || rest[j] > '9') && rest[j] != '.' {
			j++
		}
		unit := rest[i:j]
		var mult time.Duration
		switch unit {
		case "w":
			mult = 7 * 24 * time.Hour
		case "d":
			mult = 24 * time.Hour
		default:
			d, err := time.ParseDuration(rest[:j])
			if err != nil {
				return 0, err
			}
			total += d
			rest = rest[j:]
			continue
		}
		var n float64
		if _, err := fmt.Sscanf(rest[:i], "%g", &n); err != nil {
			return 0, err
		}
		total += time.Duration(n * float64(mult))
		rest = rest[j:]
	}
	return total, nil
}
