package rules

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// match is a process a rule recognised, and what the rule found out about
// it.
type match struct {
	rule *Rule
	proc *ir.Process
	// evidence says what was recognised: the program, the wrapper, the
	// image.
	evidence string
	// wrapper is set when a wrapper script was recognised.
	wrapper string
	// daemon says the command starts the server in the background.
	daemon   bool
	findings []finding
	// collected holds the image variables for Image.Build.
	collected *collected
	// passed holds the variables a container takes from the process's
	// environment (-e NAME).
	passed map[string]bool
	// sh holds the project's parsed commands.
	sh *shell.Cache
	// env are the variables of devenv's env, which options can refer to.
	env envNames
	// image is the container image recognised, and published maps the
	// container ports it publishes (-p) to their host ports.
	image     *Image
	published map[int]int
	// svc caches service.
	svc string
}

// collected holds an image's variables that only mean something
// together, such as POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB.
type collected struct {
	vals map[string]string
	// refs holds the variables whose values refer to variables of
	// devenv's env, as KindEnvRef values; vals holds "" for them.
	refs map[string]ir.Value
	pos  ir.Pos
	// schema holds the .sql files, or directories of them, mounted into
	// /docker-entrypoint-initdb.d, as paths relative to the project, and
	// schemaWhat the mounts as the command gives them.
	schema     []string
	schemaWhat []string
}

// value returns a collected variable as an option value: a string, or a
// reference to devenv's env.
func (c *collected) value(name string) (ir.Value, bool) {
	if v, ok := c.refs[name]; ok {
		return v, true
	}
	s, ok := c.vals[name]
	return ir.StringValue(s, c.pos), ok
}

// service returns the service's option path, "services.<attr>", made
// once per match since most of what a match reports names it.
func (m *match) service() string {
	if m.svc == "" {
		m.svc = "services." + m.rule.Service
	}
	return m.svc
}

// findingsCap is the room a match makes for its findings at the first:
// findings are large, and most matches have a few, which growing one by
// one would copy three times. Six holds every match of the benchmark
// inputs and four in five of the golden cases' and the corpus's.
const findingsCap = 6

func (m *match) add(f finding) {
	if !f.pos.IsValid() {
		f.pos = m.proc.Command.Pos
	}
	if m.findings == nil {
		m.findings = make([]finding, 0, findingsCap)
	}
	m.findings = append(m.findings, f)
}

func (m *match) option(what, path string, v ir.Value, op opKind) {
	m.add(finding{kind: fOption, what: what, path: path, value: v, op: op})
}

func (m *match) drop(what, why string) { m.add(finding{kind: fDropped, what: what, why: why}) }

func (m *match) unsupported(what, why string) {
	if why == "" {
		why = m.service() + " has no option for it"
	}
	m.add(finding{kind: fUnsupported, what: what, why: why})
}

func (m *match) note(id ir.ID, sev ir.Severity, why string) {
	m.add(finding{kind: fNote, why: why, id: id, sev: sev})
}

// keepEnv keeps a variable on the service's process.
func (m *match) keepEnv(what, name, value string, pos ir.Pos) {
	m.add(finding{kind: fCarried, what: what, pos: pos,
		why: goquote.In("set on the process ", m.rule.Process, " of ", m.service()),
		env: &ir.EnvVar{Name: name, Value: ir.Plain(value, pos), Pos: pos}})
}

// parseArgs reads a program's arguments. It returns false when they do
// not start the service (the program's Sub does not match).
func (m *match) parseArgs(p *Program, args []word) bool {
	sub := 0
	explicitConfig := false
	for i := 0; i < len(args); i++ {
		w := args[i]
		if !w.lit {
			if sub < len(p.Sub) {
				return false
			}
			m.unsupported(w.raw, "its value is known only when the command runs")
			continue
		}
		if w.val == "--" && !p.ConfigStyle {
			for _, r := range args[i+1:] {
				m.positional(p, r)
			}
			break
		}
		if !strings.HasPrefix(w.val, "-") || w.val == "-" {
			if sub < len(p.Sub) {
				if w.val != p.Sub[sub] {
					return false
				}
				sub++
				continue
			}
			m.positional(p, w)
			continue
		}
		// An option.
		name, val, hasEq := w.val, "", false
		if j := strings.IndexByte(w.val, '='); j > 0 {
			name, val, hasEq = w.val[:j], w.val[j+1:], true
		}
		f := p.flag(name)
		if f == nil && !hasEq && len(w.val) > 2 && w.val[1] != '-' {
			// -p5432: a short option with its value attached.
			if g := p.flag(w.val[:2]); g != nil && g.Arg {
				f, name, val, hasEq = g, w.val[:2], w.val[2:], true
			}
		}
		for _, c := range p.ConfigFlags {
			if c == name {
				explicitConfig = true
			}
		}
		var vals []word
		switch {
		case hasEq:
			vals = []word{{val: val, raw: val, lit: true}}
		case p.ConfigStyle || f == nil && (p.Other.Kind == AppendArgs || p.Other.Kind == ConfigLine):
			for i+1 < len(args) && !(args[i+1].lit && strings.HasPrefix(args[i+1].val, "-") && len(args[i+1].val) > 1 && !isNumber(args[i+1].val)) {
				i++
				vals = append(vals, args[i])
			}
		case f != nil && f.Arg:
			if i+1 < len(args) {
				i++
				vals = []word{args[i]}
			}
		}
		what := w.raw
		for _, v := range vals {
			if !hasEq {
				what = what + " " + v.raw
			}
		}
		if f != nil && f.Arg && len(vals) == 0 {
			m.unsupported(what, "the option has no value")
			continue
		}
		act := p.Other
		switch {
		case f != nil:
			act = f.Do
		case act.Kind == Setting && hasEq:
			// --name=value: a setting named by the option.
			kv := strings.TrimLeft(name, "-") + "=" + val
			vals = []word{{val: kv, raw: kv, lit: true}}
		case act.Kind == Setting:
			act = Action{}
		}
		m.do(act, what, name, vals)
	}
	if sub < len(p.Sub) {
		return false
	}
	if p.ImplicitConfig != "" && !explicitConfig {
		m.unsupported(strings.Join(append([]string{p.Names[0]}, p.Sub...), " "), p.ImplicitConfig)
	}
	return true
}

// isNumber reports whether s starts with a number fmt.Sscan reads as a
// float64, so that "-1" is a value rather than an option.
func isNumber(s string) bool {
	if notNumber(s) {
		return false
	}
	return scanNumber(s)
}

// scanNumber is isNumber without its fast path.
func scanNumber(s string) bool {
	_, err := fmt.Sscan(s, new(float64))
	return err == nil
}

// notNumber reports, without fmt, that fmt.Sscan reads no float64 from
// s in the common case of an option: a "-" followed by a byte that can
// neither start "inf" nor continue a number. fmt's float token is then
// "-" with at most an exponent after it, which strconv rejects for want
// of a digit before it. notNumber returns false when it cannot tell.
func notNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	switch c := s[1]; {
	case '0' <= c && c <= '9', c == '.', c == '_', c == 'i', c == 'I':
		return false
	}
	return true
}

func (p *Program) flag(name string) *Flag {
	for i := range p.Flags {
		for _, n := range p.Flags[i].Names {
			if n == name {
				return &p.Flags[i]
			}
		}
	}
	return nil
}

func (m *match) positional(p *Program, w word) {
	act := p.Positional
	if act.Kind == Unsupported && act.Why == "" {
		act.Why = m.service() + " takes no such argument as a service"
	}
	m.do(act, w.raw, "", []word{w})
}

// do applies an action to an option or variable and its values. what is
// the source text, name the option's or variable's name.
func (m *match) do(a Action, what, name string, vals []word) {
	value := func() (string, bool) {
		var parts []string
		for _, v := range vals {
			if !v.lit {
				m.unsupported(what, "its value is known only when the command runs")
				return "", false
			}
			parts = append(parts, v.val)
		}
		return strings.Join(parts, " "), true
	}
	pos := ir.Pos{}
	switch a.Kind {
	case Unsupported:
		m.unsupported(what, a.Why)
	case Drop:
		m.drop(what, a.Why)
	case Const:
		m.option(what, a.Option, constValue(a.Value, pos), opSet)
	case Set:
		if len(vals) == 1 && !vals[0].lit && a.Type == Str && a.Option2 == "" {
			v, ok := m.envValue(what, vals[0])
			if !ok {
				return
			}
			m.option(what, a.Option, v, opSet)
			m.envRefNote(what, a.Option, v)
			return
		}
		s, ok := value()
		if !ok {
			return
		}
		m.set(a, what, s)
	case Expect:
		s, ok := value()
		if !ok {
			return
		}
		if s != fmt.Sprint(a.Value) {
			m.unsupported(what, a.Why)
			return
		}
		m.drop(what, m.service()+" does the same")
	case Setting:
		s, ok := value()
		if !ok {
			return
		}
		k, v, found := strings.Cut(s, "=")
		if !found || k == "" {
			m.unsupported(what, "it is not KEY=VALUE")
			return
		}
		k = strings.TrimPrefix(strings.TrimPrefix(k, "-"), "-")
		if alias, ok := a.Aliases.Get(k); ok {
			m.do(alias, what, k, []word{{val: v, raw: v, lit: true}})
			return
		}
		if a.Option == "" {
			m.unsupported(what, "")
			return
		}
		t := a.Type
		if t == Str {
			t = Number
		}
		val, err := typed(v, t, pos)
		if err != nil {
			m.unsupported(what, err.Error())
			return
		}
		m.option(what, a.Option+"."+optionPath(k), val, opSet)
	case ConfigLine:
		line := []string{strings.TrimLeft(name, "-")}
		for _, v := range vals {
			if !v.lit {
				m.unsupported(what, "its value is known only when the command runs")
				return
			}
			line = append(line, configWord(v.val))
		}
		m.option(what, a.Option, ir.StringValue(strings.Join(line, " "), pos), opLine)
	case AppendArgs, AppendValue:
		var items []ir.Value
		if a.Kind == AppendArgs && name != "" {
			if len(vals) == 1 && strings.Contains(what, "=") && !strings.Contains(what, " ") {
				// --opt=value stays one word.
				items = append(items, ir.StringValue(name+"="+vals[0].val, pos))
				if !vals[0].lit {
					m.unsupported(what, "its value is known only when the command runs")
					return
				}
				m.option(what, a.Option, ir.Value{Kind: ir.KindList, List: items}, opAppend)
				return
			}
			items = append(items, ir.StringValue(name, pos))
		}
		for _, v := range vals {
			if !v.lit {
				m.unsupported(what, "its value is known only when the command runs")
				return
			}
			items = append(items, ir.StringValue(v.val, pos))
		}
		m.option(what, a.Option, ir.Value{Kind: ir.KindList, List: items}, opAppend)
	case Nested:
		if len(vals) != 1 {
			m.unsupported(what, "the option has no value")
			return
		}
		words, err := splitWords(m.sh, vals[0])
		if err != nil {
			m.unsupported(what, err.Error())
			return
		}
		m.parseArgs(a.Program, words)
	case KeepEnv:
		if len(vals) == 1 && !vals[0].lit {
			m.keepEnvRef(what, a.Option, vals[0])
			return
		}
		s, ok := value()
		if !ok {
			return
		}
		m.keepEnv(what, a.Option, s, pos)
	case Collect:
		if m.collected == nil {
			m.collected = &collected{vals: map[string]string{}, refs: map[string]ir.Value{}}
		}
		if len(vals) == 1 && !vals[0].lit {
			v, ok := m.envValue(what, vals[0])
			if !ok {
				return
			}
			m.collected.vals[name] = ""
			m.collected.refs[name] = v
			m.envRefNote(what, "", v)
			return
		}
		s, ok := value()
		if !ok {
			return
		}
		m.collected.vals[name] = s
	}
}

// set sets an option from a fixed value.
func (m *match) set(a Action, what, s string) {
	pos := ir.Pos{}
	switch a.Type {
	case HostPortSplit:
		host, port, ok := splitHostPort(s)
		if !ok {
			m.unsupported(what, fmt.Sprintf("%q is not HOST:PORT", s))
			return
		}
		if host == "" {
			host = "0.0.0.0"
		}
		pv, _ := typed(port, Int, pos)
		m.option(what, a.Option, ir.StringValue(host, pos), opSet)
		m.option(what, a.Option2, pv, opSet)
		return
	case PortOf:
		host, port, ok := splitHostPort(s)
		if !ok {
			port, host = s, ""
		}
		if !localHost(host) {
			m.unsupported(what, m.service()+" listens on a local address only")
			return
		}
		pv, err := typed(port, Int, pos)
		if err != nil {
			m.unsupported(what, err.Error())
			return
		}
		m.option(what, a.Option, pv, opSet)
		return
	}
	v, err := typed(s, a.Type, pos)
	if err != nil {
		m.unsupported(what, err.Error())
		return
	}
	m.option(what, a.Option, v, opSet)
	if a.Option2 != "" {
		m.option(what, a.Option2, v, opSet)
	}
}
