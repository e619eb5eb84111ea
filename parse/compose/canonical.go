package compose

import (
	"fmt"
	"net"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pc2devenv/pc2devenv/ir"
)

// canonical rewrites the short forms of a merged model into compose-go's
// long forms (transform.Canonical): ports and volumes into mappings,
// depends_on, networks, env_file, build, extends and secrets into their
// mapping forms. Values it cannot parse are reported; reasons that come
// from a variable missing in .env are warnings.
func (l *loader) canonical(root *Value) {
	for _, key := range []string{"services", "jobs"} {
		svcs := root.Get(key)
		if svcs == nil || svcs.Kind != KindMap {
			continue
		}
		for _, s := range svcs.Fields {
			if s.Value.Kind == KindMap {
				l.canonicalService(s.Value)
			}
		}
	}
	for _, key := range []string{"volumes", "networks", "secrets", "configs"} {
		top := root.Get(key)
		if top == nil || top.Kind != KindMap {
			continue
		}
		for _, f := range top.Fields {
			ext := f.Value.Get("external")
			if ext == nil || ext.Kind != KindMap {
				continue
			}
			if name := ext.Get("name"); name != nil && f.Value.Get("name") == nil {
				f.Value.set("name", name.Pos, name)
			}
			f.Value.set("external", ext.Pos, boolValue(true, ext.Pos))
		}
	}
	if inc := root.Get("include"); inc != nil && inc.Kind == KindList {
		for i, it := range inc.Items {
			if it.Kind == KindStr {
				m := mapValue(it.Pos)
				m.Fields = []*Field{{Key: "path", KeyPos: it.Pos, Value: it}}
				inc.Items[i] = m
			}
		}
	}
}

func (l *loader) canonicalService(s *Value) {
	for _, f := range s.Fields {
		v := f.Value
		switch f.Key {
		case "env_file":
			f.Value = canonicalEnvFile(v)
		case "label_file", "dns":
			if v.Kind == KindStr {
				f.Value = &Value{Kind: KindList, Pos: v.Pos, Items: []*Value{v}}
			}
		case "networks", "models":
			if v.Kind == KindList {
				m := mapValue(v.Pos)
				for _, it := range v.Items {
					m.set(it.String(), it.Pos, &Value{Kind: KindNull, Pos: it.Pos})
				}
				f.Value = m
			}
		case "volumes":
			if v.Kind == KindList {
				for i, it := range v.Items {
					if it.Kind == KindStr {
						v.Items[i] = l.volumeMapping(it)
					}
				}
			}
		case "secrets", "configs":
			if v.Kind == KindList {
				for i, it := range v.Items {
					if it.Kind == KindStr {
						m := mapValue(it.Pos)
						m.Fields = []*Field{{Key: "source", KeyPos: it.Pos, Value: it}}
						v.Items[i] = m
					}
				}
			}
		case "depends_on":
			if v.Kind == KindList {
				f.Value = toMapping(v, true)
			} else if v.Kind == KindMap {
				for _, d := range v.Fields {
					if d.Value.Kind != KindMap {
						continue
					}
					if d.Value.Get("condition") == nil {
						d.Value.set("condition", d.KeyPos, strValue(string(ServiceStarted), d.KeyPos))
					}
					if d.Value.Get("required") == nil {
						d.Value.set("required", d.KeyPos, boolValue(true, d.KeyPos))
					}
				}
			}
		case "extends":
			if v.Kind == KindStr {
				m := mapValue(v.Pos)
				m.Fields = []*Field{{Key: "service", KeyPos: v.Pos, Value: v}}
				f.Value = m
			}
		case "ports":
			if v.Kind == KindList {
				f.Value = l.canonicalPorts(v)
			}
		case "build":
			if v.Kind == KindStr {
				f.Value = buildMapping(v)
			}
		}
	}
}

// canonicalEnvFile turns env_file into a list of {path, required}.
func canonicalEnvFile(v *Value) *Value {
	list := v
	if v.Kind == KindStr {
		list = &Value{Kind: KindList, Pos: v.Pos, Items: []*Value{v}}
	}
	if list.Kind != KindList {
		return v
	}
	for i, it := range list.Items {
		switch it.Kind {
		case KindStr:
			m := mapValue(it.Pos)
			m.Fields = []*Field{
				{Key: "path", KeyPos: it.Pos, Value: it},
				{Key: "required", KeyPos: it.Pos, Value: boolValue(true, it.Pos)},
			}
			list.Items[i] = m
		case KindMap:
			if it.Get("required") == nil {
				it.set("required", it.Pos, boolValue(true, it.Pos))
			}
		}
	}
	return list
}

// canonicalPorts parses short-syntax ports into mappings; one entry may
// give several (a range).
func (l *loader) canonicalPorts(v *Value) *Value {
	out := &Value{Kind: KindList, Pos: v.Pos}
	for _, it := range v.Items {
		var spec string
		switch it.Kind {
		case KindMap:
			out.Items = append(out.Items, it)
			continue
		case KindInt:
			spec = it.String()
		case KindStr:
			spec = it.Str
		default:
			out.Items = append(out.Items, it)
			continue
		}
		ports, err := parsePortSpec(spec)
		if err != nil {
			l.reportValue(it, "the port %q: %v", spec, err)
			continue
		}
		for _, p := range ports {
			m := mapValue(it.Pos)
			m.raw = spec
			add := func(k string, val *Value) { m.Fields = append(m.Fields, &Field{Key: k, KeyPos: it.Pos, Value: val}) }
			add("mode", strValue("ingress", it.Pos))
			if p.hostIP != "" {
				add("host_ip", strValue(p.hostIP, it.Pos))
			}
			add("target", intValue(p.target, it.Pos))
			if p.published != "" {
				add("published", strValue(p.published, it.Pos))
			}
			add("protocol", strValue(p.protocol, it.Pos))
			m.Text = it.Text
			out.Items = append(out.Items, m)
		}
	}
	return out
}

// reportValue reports a value compose-go refuses: an error when the value
// is wrong as written, a warning when it is wrong only because a variable
// is missing from .env.
func (l *loader) reportValue(v *Value, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if unset := v.unsetRefs(l.lookupFor(v.Pos.File)); len(unset) > 0 {
		l.diags.Add(v.Pos, ir.IDComposeEmptyValue,
			msg+"; it comes from "+strings.Join(unset, ", ")+", which .env does not set, and docker compose refuses it without",
			"set "+strings.Join(unset, ", ")+" in .env or give a default")
		return
	}
	l.diags.Add(v.Pos, ir.IDComposeBadValue, msg+"; docker compose refuses the file", "")
}

// portSpec is one port of a short-syntax entry.
type portSpec struct {
	hostIP, published, protocol string
	target                      int
}

// parsePortSpec parses [[IP:]HOST:]CONTAINER[/PROTO] as docker's
// go-connections nat.ParsePortSpec does, with compose-go's ordering of
// the ports of a range (sorted as strings).
func parsePortSpec(raw string) ([]portSpec, error) {
	parts := strings.Split(raw, ":")
	n := len(parts)
	rawIP, hostPort, containerPort := "", "", parts[n-1]
	switch n {
	case 1:
	case 2:
		hostPort = parts[0]
	case 3:
		rawIP, hostPort = parts[0], parts[1]
	default:
		rawIP, hostPort = strings.Join(parts[:n-2], ":"), parts[n-2]
	}
	proto := ""
	if containerPort != "" {
		pp := strings.Split(containerPort, "/")
		switch {
		case pp[0] == "":
			containerPort, proto = "", ""
		case len(pp) == 1 || pp[1] == "":
			containerPort, proto = pp[0], "tcp"
		default:
			containerPort, proto = pp[0], pp[1]
		}
	}
	ip, _, err := net.SplitHostPort(rawIP + ":")
	if err != nil {
		return nil, fmt.Errorf("invalid IP address %s", rawIP)
	}
	if ip != "" && net.ParseIP(ip) == nil {
		return nil, fmt.Errorf("invalid IP address %s", ip)
	}
	if containerPort == "" {
		return nil, fmt.Errorf("no container port")
	}
	start, end, err := portRange(containerPort)
	if err != nil {
		return nil, fmt.Errorf("invalid container port %s", containerPort)
	}
	var hStart, hEnd uint64
	if hostPort != "" {
		hStart, hEnd, err = portRange(hostPort)
		if err != nil {
			return nil, fmt.Errorf("invalid host port %s", hostPort)
		}
	}
	if hostPort != "" && end-start != hEnd-hStart && end != start {
		return nil, fmt.Errorf("the ranges %s and %s differ in length", containerPort, hostPort)
	}
	proto = strings.ToLower(proto)
	if proto != "tcp" && proto != "udp" && proto != "sctp" {
		return nil, fmt.Errorf("invalid protocol %s", proto)
	}
	var out []portSpec
	for i := uint64(0); i <= end-start; i++ {
		pub := hostPort
		if hostPort != "" {
			pub = strconv.FormatUint(hStart+i, 10)
		}
		if start == end && hStart != hEnd {
			pub = fmt.Sprintf("%s-%d", pub, hEnd)
		}
		out = append(out, portSpec{hostIP: ip, published: pub, protocol: proto, target: int(start + i)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return strconv.Itoa(out[i].target)+"/"+proto < strconv.Itoa(out[j].target)+"/"+proto
	})
	return out, nil
}

// portRange parses N or N-M.
func portRange(s string) (uint64, uint64, error) {
	if s == "" {
		return 0, 0, fmt.Errorf("empty")
	}
	if !strings.Contains(s, "-") {
		n, err := strconv.ParseUint(s, 10, 16)
		return n, n, err
	}
	parts := strings.Split(s, "-")
	a, err := strconv.ParseUint(parts[0], 10, 16)
	if err != nil {
		return 0, 0, err
	}
	b, err := strconv.ParseUint(parts[1], 10, 16)
	if err != nil {
		return 0, 0, err
	}
	if b < a {
		return 0, 0, fmt.Errorf("bad range")
	}
	return a, b, nil
}

// volumeSpec is a parsed short-syntax mount.
type volumeSpec struct {
	typ, source, target string
	readOnly, noCopy    bool
	propagation, selinx string
}

// parseVolume parses SOURCE:TARGET[:OPTIONS] as compose-go's
// format.ParseVolume does.
func parseVolume(spec string) (volumeSpec, error) {
	var v volumeSpec
	switch len(spec) {
	case 0:
		return v, fmt.Errorf("empty volume")
	case 1, 2:
		v.target, v.typ = spec, "volume"
		return v, nil
	}
	var buf []rune
	depth := 0
	runes := append([]rune(spec), 0)
	for i, c := range runes {
		if c == '$' && i+1 < len(spec) && spec[i+1] == '{' {
			depth++
			buf = append(buf, c)
			continue
		}
		if c == '}' && depth > 0 {
			depth--
			buf = append(buf, c)
			continue
		}
		switch {
		case c == ':' && len(buf) == 1 && unicode.IsLetter(buf[0]):
			buf = append(buf, c)
		case (c == ':' || c == 0) && depth == 0:
			s := string(buf)
			switch {
			case len(buf) == 0:
				v.populateType()
				return v, fmt.Errorf("empty section between colons")
			case v.source == "" && c == 0:
				v.target = s
			case v.source == "":
				v.source = s
			case v.target == "":
				v.target = s
			case c == ':':
				v.populateType()
				return v, fmt.Errorf("too many colons")
			default:
				for _, o := range strings.Split(s, ",") {
					switch o {
					case "ro":
						v.readOnly = true
					case "rw":
						v.readOnly = false
					case "nocopy":
						v.noCopy = true
					case "rprivate", "private", "rshared", "shared", "rslave", "slave":
						v.propagation = o
					case "z", "Z":
						v.selinx = o
					}
				}
			}
			buf = nil
		default:
			buf = append(buf, c)
		}
	}
	v.populateType()
	return v, nil
}

func (v *volumeSpec) populateType() {
	v.typ = "volume"
	s := v.source
	if s == "" {
		return
	}
	switch {
	case s[0] == '.' || s[0] == '/' || s[0] == '~', strings.HasPrefix(s, `\\`):
		v.typ = "bind"
		return
	}
	first, size := utf8.DecodeRuneInString(s)
	if len(s) > size && s[size] == ':' && unicode.IsLetter(first) {
		v.typ = "bind"
	}
}

// volumeMapping parses a short-syntax mount into its long form.
func (l *loader) volumeMapping(it *Value) *Value {
	spec, err := parseVolume(it.Str)
	if err != nil {
		l.reportValue(it, "the volume %q: %v", it.Str, err)
		return it
	}
	m := mapValue(it.Pos)
	m.raw = it.Str
	m.Text = it.Text
	add := func(k string, val *Value) { m.Fields = append(m.Fields, &Field{Key: k, KeyPos: it.Pos, Value: val}) }
	add("type", strValue(spec.typ, it.Pos))
	if spec.source != "" {
		add("source", strValue(spec.source, it.Pos))
	}
	target := spec.target
	if target != "" {
		target = path.Clean(target)
	}
	add("target", strValue(target, it.Pos))
	if spec.readOnly {
		add("read_only", boolValue(true, it.Pos))
	}
	if spec.typ == "bind" || spec.propagation != "" || spec.selinx != "" {
		b := mapValue(it.Pos)
		if spec.selinx != "" {
			b.set("selinux", it.Pos, strValue(spec.selinx, it.Pos))
		}
		if spec.propagation != "" {
			b.set("propagation", it.Pos, strValue(spec.propagation, it.Pos))
		}
		if spec.typ == "bind" {
			b.set("create_host_path", it.Pos, boolValue(true, it.Pos))
		}
		add("bind", b)
	}
	if spec.typ == "volume" {
		vol := mapValue(it.Pos)
		if spec.noCopy {
			vol.set("nocopy", it.Pos, boolValue(true, it.Pos))
		}
		add("volume", vol)
	}
	return m
}

var _ = slices.Contains[[]string]
