package compose

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// validate checks the model so far against the compose specification's
// schema, as compose-go does after merging each file: unknown keys and
// values of the wrong type are errors (docker compose refuses the file).
func (l *loader) validate(root *Value) {
	l.checkKeys(root, nil, schemaKeys().topKeys, "the top level")
	for _, top := range root.Fields {
		v := top.Value
		switch top.Key {
		case "services":
			if v.Kind != KindMap {
				continue
			}
			for _, s := range v.Fields {
				l.checkName(s, "service")
				if s.Value.Kind != KindMap {
					l.typeError(s.Value, "services."+s.Key, kMap)
					continue
				}
				l.checkService(s.Key, s.Value)
			}
		case "volumes", "networks", "secrets", "configs":
			if v.Kind != KindMap {
				continue
			}
			known := map[string]map[string]kinds{"volumes": schemaKeys().volumeDefKeys, "networks": schemaKeys().networkKeys, "secrets": schemaKeys().secretKeys, "configs": schemaKeys().configKeys}[top.Key]
			for _, r := range v.Fields {
				l.checkName(r, strings.TrimSuffix(top.Key, "s"))
				if r.Value.Kind == KindNull {
					continue
				}
				if r.Value.Kind != KindMap {
					l.typeError(r.Value, top.Key+"."+r.Key, kMap|kNull)
					continue
				}
				l.checkKeys(r.Value, []string{top.Key, r.Key}, known, top.Key+"."+r.Key)
			}
		case "include":
			if v.Kind != KindList {
				continue
			}
			for _, it := range v.Items {
				if it.Kind == KindMap {
					l.checkKeys(it, []string{"include", listItem}, schemaKeys().includeKeys, "an include entry")
				} else if it.Kind != KindStr {
					l.typeError(it, "include", kStr|kMap)
				}
			}
		}
	}
}

// checkName checks a service's or resource's name.
func (l *loader) checkName(f *Field, what string) {
	for _, r := range f.Key {
		if !(r == '.' || r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			l.diags.Add(f.KeyPos, ir.IDComposeBadValue,
				fmt.Sprintf("the %s name %s may hold only letters, digits, '.', '_' and '-'; docker compose refuses the file", what, quoteKey(f.Key)), "")
			return
		}
	}
	if f.Key == "" {
		l.diags.Add(f.KeyPos, ir.IDComposeBadValue, fmt.Sprintf("a %s name is empty; docker compose refuses the file", what), "")
	}
}

// checkKeys reports the keys of m that known does not hold (x- keys are
// extensions) and values of a type the schema does not allow.
func (l *loader) checkKeys(m *Value, path []string, known map[string]kinds, what string) {
	for _, f := range m.Fields {
		if strings.HasPrefix(f.Key, "x-") {
			continue
		}
		ks, ok := known[f.Key]
		if !ok {
			l.unknown(f.KeyPos)
			hint := ""
			if s := sourcecheck.Suggest(f.Key, slices.Sorted(maps.Keys(known))); s != "" {
				hint = "did you mean " + s + "?"
			}
			l.diags.Add(f.KeyPos, ir.IDComposeUnknownKey,
				fmt.Sprintf("%s has no key %s in the compose specification; docker compose refuses the file", what, quoteKey(f.Key)), hint)
			continue
		}
		if !ks.allows(f.Value.Kind) {
			l.typeError(f.Value, strings.Join(with(path, f.Key), "."), ks)
		}
	}
}

// typeError reports a value of the wrong type.
func (l *loader) typeError(v *Value, path string, want kinds) {
	got := v.Kind.String()
	if v.IsScalar() && v.Kind != KindNull {
		got = fmt.Sprintf("%s (%s)", got, v.String())
	}
	l.diags.Add(v.Pos, ir.IDComposeType,
		fmt.Sprintf("%s must be %s, not %s; docker compose refuses the file", path, want, got), "")
}

// checkService checks one service's keys and the shapes inside them.
func (l *loader) checkService(name string, s *Value) {
	path := []string{"services", name}
	l.checkKeys(s, path, schemaKeys().serviceKeys, "service "+name)
	p := func(k string) string { return "services." + name + "." + k }
	for _, f := range s.Fields {
		v := f.Value
		switch f.Key {
		case "extra_hosts", "links", "external_links", "expose", "cap_add", "cap_drop", "dns_opt", "security_opt",
			"volumes_from", "group_add", "profiles", "ports", "environment", "labels", "annotations", "sysctls":
			l.checkUnique(v, p(f.Key))
		}
		switch f.Key {
		case "build":
			if v.Kind == KindMap {
				l.checkKeys(v, with(path, "build"), schemaKeys().buildKeys, p("build"))
				l.checkListOrDict(v.Get("args"), p("build.args"))
			}
		case "healthcheck":
			if v.Kind == KindMap {
				l.checkKeys(v, with(path, "healthcheck"), schemaKeys().healthcheckKeys, p("healthcheck"))
				if t := v.Get("test"); t != nil && t.Kind == KindList {
					l.checkStrings(t, p("healthcheck.test"))
				}
			}
		case "depends_on":
			switch v.Kind {
			case KindList:
				l.checkStrings(v, p("depends_on"))
			case KindMap:
				for _, d := range v.Fields {
					if d.Value.Kind != KindMap {
						l.typeError(d.Value, p("depends_on."+d.Key), kMap)
						continue
					}
					l.checkKeys(d.Value, with(with(path, "depends_on"), d.Key), schemaKeys().dependsOnKeys, p("depends_on."+d.Key))
					c := d.Value.Get("condition")
					if c == nil {
						l.diags.Add(d.KeyPos, ir.IDComposeBadValue,
							fmt.Sprintf("%s has no condition, which the long syntax requires; docker compose refuses the file", p("depends_on."+d.Key)),
							"add condition: service_started")
					} else if c.Kind == KindStr {
						switch Condition(c.Str) {
						case ServiceStarted, ServiceHealthy, ServiceCompletedSuccessfully:
						default:
							l.reportValue(c, "%s is not a condition (service_started, service_healthy, service_completed_successfully)", quoteKey(c.Str))
						}
					}
				}
			}
		case "ports":
			if v.Kind == KindList {
				for _, it := range v.Items {
					switch it.Kind {
					case KindMap:
						l.checkKeys(it, with(with(path, "ports"), listItem), schemaKeys().portKeys, p("ports"))
					case KindStr, KindInt, KindFloat:
					default:
						l.typeError(it, p("ports"), kStr|kInt|kMap)
					}
				}
			}
		case "volumes":
			if v.Kind == KindList {
				for _, it := range v.Items {
					switch it.Kind {
					case KindMap:
						l.checkKeys(it, with(with(path, "volumes"), listItem), schemaKeys().volumeKeys, p("volumes"))
						t := it.Get("type")
						if t == nil {
							l.diags.Add(it.Pos, ir.IDComposeBadValue, p("volumes")+" entry has no type, which the long syntax requires; docker compose refuses the file", "")
						} else if t.Kind == KindStr && !slices.Contains([]string{"bind", "volume", "tmpfs", "cluster", "npipe", "image"}, t.Str) {
							l.reportValue(t, "the volume type %q is not bind, volume, tmpfs, cluster, npipe or image", t.Str)
						}
					case KindStr:
					default:
						l.typeError(it, p("volumes"), kStr|kMap)
					}
				}
			}
		case "environment", "labels", "annotations", "sysctls":
			l.checkListOrDict(v, p(f.Key))
		case "env_file":
			if v.Kind == KindList {
				for _, it := range v.Items {
					switch it.Kind {
					case KindMap:
						l.checkKeys(it, with(with(path, "env_file"), listItem), map[string]kinds{"path": kStr, "format": kStr, "required": kBool | kStr}, p("env_file"))
						if it.Get("path") == nil {
							l.diags.Add(it.Pos, ir.IDComposeBadValue, p("env_file")+" entry has no path; docker compose refuses the file", "")
						}
					case KindStr:
					default:
						l.typeError(it, p("env_file"), kStr|kMap)
					}
				}
			}
		case "extends":
			if v.Kind == KindMap {
				l.checkKeys(v, with(path, "extends"), map[string]kinds{"service": kStr, "file": kStr}, p("extends"))
			}
		case "command", "entrypoint":
			if v.Kind == KindList {
				l.checkStrings(v, p(f.Key))
			}
		case "profiles", "links", "expose", "cap_add", "cap_drop", "security_opt", "volumes_from", "external_links":
			if v.Kind == KindList && f.Key != "expose" {
				l.checkStrings(v, p(f.Key))
			}
		case "deploy":
			if v.Kind == KindMap {
				l.checkKeys(v, with(path, "deploy"), schemaKeys().deployKeys, p("deploy"))
			}
		case "container_name":
			if v.Kind == KindStr && !validContainerName(v.Str) {
				l.reportValue(v, "the container name %q must start with a letter or digit and hold only letters, digits, '_', '.' and '-'", v.Str)
			}
		case "pull_policy":
			if v.Kind == KindStr && !validPullPolicy(v.Str) {
				l.reportValue(v, "the pull policy %q is not one of always, never, build, if_not_present, missing, refresh, daily, weekly, every_<duration>", v.Str)
			}
		}
	}
}

// checkStrings reports list items that are not strings.
func (l *loader) checkStrings(v *Value, what string) {
	for _, it := range v.Items {
		if it.Kind != KindStr && it.Kind != KindTime {
			l.typeError(it, what, kStr)
		}
	}
}

// checkListOrDict checks a list of strings or a mapping of scalars.
func (l *loader) checkListOrDict(v *Value, what string) {
	if v == nil {
		return
	}
	switch v.Kind {
	case KindList:
		l.checkStrings(v, what)
	case KindMap:
		for _, f := range v.Fields {
			if !f.Value.IsScalar() {
				l.typeError(f.Value, what+"."+f.Key, kStr|kInt|kBool|kNull)
			}
		}
	default:
		l.typeError(v, what, kList|kMap)
	}
}

// validContainerName matches the schema's [a-zA-Z0-9][a-zA-Z0-9_.-]+
// (anywhere in the name, as JSON schema patterns match).
func validContainerName(s string) bool {
	isAlnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i+1 < len(s); i++ {
		c := s[i+1]
		if isAlnum(s[i]) && (isAlnum(c) || c == '_' || c == '.' || c == '-') {
			return true
		}
	}
	return false
}

// validPullPolicy matches the schema's pull_policy pattern.
func validPullPolicy(s string) bool {
	switch s {
	case "always", "never", "build", "if_not_present", "missing", "refresh", "daily", "weekly":
		return true
	}
	rest, ok := strings.CutPrefix(s, "every_")
	if !ok || rest == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case strings.IndexByte("wdhms", c) >= 0 && digits > 0:
			digits = 0
		default:
			return false
		}
	}
	return digits == 0
}

// checkUnique reports a list that repeats an item, which the schema
// refuses (uniqueItems).
func (l *loader) checkUnique(v *Value, what string) {
	if v.Kind != KindList {
		return
	}
	for i, it := range v.Items {
		for _, prev := range v.Items[:i] {
			if equal(prev, it) {
				l.reportValue(it, "%s repeats %q", what, it.String())
				return
			}
		}
	}
}
