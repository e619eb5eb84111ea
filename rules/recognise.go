package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// nearMiss is a rule that almost fired for a process, and why it did not.
type nearMiss struct {
	rule     *Rule
	evidence string
	why      string
	// compose is set for docker compose, which the converter reports.
	compose bool
}

type programEntry struct {
	rule *Rule
	prog *Program
}

// programs indexes Table's programs by file name.
var programs = func() map[string][]programEntry {
	idx := map[string][]programEntry{}
	for _, r := range Table {
		for _, p := range r.Programs {
			for _, n := range p.Names {
				idx[n] = append(idx[n], programEntry{r, p})
			}
		}
	}
	return idx
}()

// recognise finds the rule that recognises a process, or the rule that
// almost did. sh holds the project's parsed commands, and known the
// variables of devenv's env, which options can refer to.
func recognise(sh *shell.Cache, known envNames, p *ir.Process) (*match, *nearMiss) {
	cmd := p.Command.Shell()
	if strings.TrimSpace(cmd) == "" {
		return nil, nil
	}
	inv, calls, err := parseInvocation(sh, cmd)
	if err != nil {
		for _, c := range calls {
			base := path.Base(c)
			if base == "docker-compose" || (base == "docker" || base == "podman") && strings.Contains(cmd, base+" compose") {
				return nil, &nearMiss{compose: true, evidence: "it runs " + base + " compose", why: err.Error()}
			}
		}
		for _, c := range calls {
			if es := programs[path.Base(c)]; len(es) > 0 {
				return nil, &nearMiss{rule: es[0].rule, evidence: fmt.Sprintf("it runs %s among other commands", c), why: err.Error()}
			}
		}
		return nil, nameMiss(p, err.Error())
	}
	inv.known = known
	prog := inv.program()
	switch prog {
	case "docker", "podman", "docker-compose":
		return recogniseContainer(p, inv)
	case "java":
		if m, near := recogniseJar(p, inv); m != nil || near != nil {
			return m, near
		}
	}
	for _, e := range programs[prog] {
		m := &match{rule: e.rule, proc: p, sh: sh, env: inv.known, daemon: e.prog.Daemon}
		if !m.parseArgs(e.prog, inv.args[1:]) {
			if e.prog.Generic {
				continue
			}
			return nil, &nearMiss{rule: e.rule, evidence: "it runs " + prog,
				why: fmt.Sprintf("%s starts %s only as \"%s %s\"", prog, e.rule.Title, prog, strings.Join(e.prog.Sub, " "))}
		}
		m.evidence = "it runs " + prog + seenThrough(inv)
		m.processSettings(inv, false)
		return m, nil
	}
	if len(inv.args) > 0 && (strings.Contains(inv.args[0].raw, "/") || strings.HasSuffix(inv.args[0].raw, ".sh")) {
		if m, near := recogniseWrapper(p, inv); m != nil || near != nil {
			return m, near
		}
	}
	runs := "it runs " + inv.args[0].raw + seenThrough(inv)
	if r, _ := namedFor(prog, false); r != nil && prog != "" {
		return nil, &nearMiss{rule: r, evidence: runs,
			why: fmt.Sprintf("%s is named for %s but is not a program that runs its server", prog, r.Title)}
	}
	return nil, nameMiss(p, runs)
}

// seenThrough describes what recognition looked through.
func seenThrough(inv *invocation) string {
	if len(inv.seen) == 0 {
		return ""
	}
	return " (after " + strings.Join(inv.seen, ", ") + ")"
}

// nameMiss is the near miss of a process whose name alone points at a
// service.
func nameMiss(p *ir.Process, runs string) *nearMiss {
	r, w := namedFor(p.Name, false)
	if r == nil {
		return nil
	}
	return &nearMiss{rule: r, evidence: fmt.Sprintf("only the process name (%q)", w),
		why: runs + "; a name is not evidence of what a process runs"}
}

// recogniseWrapper recognises a script named for a service that runs with
// the service's own variables set.
func recogniseWrapper(p *ir.Process, inv *invocation) (*match, *nearMiss) {
	script := inv.args[0].raw
	r, w := namedFor(script, true)
	if r == nil {
		return nil, nil
	}
	env := map[string]bool{}
	for _, v := range p.Env {
		env[v.Name] = true
	}
	for _, a := range inv.env {
		env[a.name] = true
	}
	for _, e := range r.Wrapper.Env {
		if !env[e] {
			continue
		}
		m := &match{rule: r, proc: p, sh: inv.sh, env: inv.known, wrapper: script,
			evidence: fmt.Sprintf("it runs %s, a script named for %s (%q), with %s set%s", script, r.Title, w, e, seenThrough(inv))}
		for _, a := range inv.args[1:] {
			m.unsupported(a.raw, "an argument of the script, which means what the script makes of it")
		}
		m.processSettings(inv, false)
		return m, nil
	}
	return nil, &nearMiss{rule: r, evidence: fmt.Sprintf("it runs %s, a script named for %s (%q)", script, r.Title, w),
		why: fmt.Sprintf("none of %s is set for it; a script's name alone is not evidence of what it runs", strings.Join(r.Wrapper.Env, ", "))}
}

// recogniseJar recognises "java [options] -jar FILE [arguments]".
func recogniseJar(p *ir.Process, inv *invocation) (*match, *nearMiss) {
	args := inv.args[1:]
	i := 0
	var jvm []word
	for ; i < len(args) && args[i].val != "-jar"; i++ {
		jvm = append(jvm, args[i])
	}
	if i+1 >= len(args) || !args[i+1].lit {
		return nil, nil
	}
	jar := path.Base(args[i+1].val)
	for _, r := range Table {
		for _, prog := range r.Programs {
			if prog.Jar == "" || !strings.HasPrefix(jar, prog.Jar) {
				continue
			}
			m := &match{rule: r, proc: p, sh: inv.sh, env: inv.known, evidence: "it runs the Java archive " + args[i+1].val + seenThrough(inv)}
			for _, o := range jvm {
				m.jvmOption(o)
			}
			if !m.parseArgs(prog, args[i+2:]) {
				return nil, nil
			}
			m.processSettings(inv, false)
			return m, nil
		}
	}
	return nil, nil
}

// jvmOption handles an option given to java before -jar.
func (m *match) jvmOption(o word) {
	switch {
	case o.lit && strings.HasPrefix(o.val, "-Djava.library.path="):
		m.drop(o.raw, m.service()+"'s package sets the library path itself")
	case o.lit && (strings.HasPrefix(o.val, "-Xmx") || strings.HasPrefix(o.val, "-Xms")):
		m.drop(o.raw, "the memory limits of the Java VM are devenv's service's own")
	default:
		m.unsupported(o.raw, "an option of the Java VM")
	}
}

// processSettings reads what the process says beside its command: its
// environment, working directory, restart policy, probes, shutdown.
func (m *match) processSettings(inv *invocation, container bool) {
	p := m.proc
	for _, a := range inv.env {
		m.envVar(a.name, a.val, p.Command.Pos, container)
	}
	for _, v := range dedupEnv(p.Env) {
		w := word{raw: v.Value.Shell()}
		if s, ok := v.Value.Literal(); ok {
			w.val, w.lit = s, true
		}
		m.envVar(v.Name, w, v.Pos, container)
	}
	if inv.dir != nil {
		m.drop("cd "+inv.dir.raw, "devenv runs the process of "+m.service()+" where it keeps the service's state")
	}
	if p.Cwd.Set {
		m.add(finding{kind: fDropped, what: "working_dir " + p.Cwd.Val.Shell(), pos: p.Cwd.Pos,
			why: "devenv runs the process of " + m.service() + " where it keeps the service's state"})
	}
	if r := p.Restart; r != nil {
		what := "availability"
		if r.Policy.Set {
			what = goquote.In("availability.restart = ", string(r.Policy.Val))
		}
		m.add(finding{kind: fDropped, what: what, pos: r.Pos,
			why: "devenv restarts the process of " + m.service() + " on its own terms"})
	}
	if r := p.Readiness; r != nil && m.rule.Readiness == ReadyProbe {
		m.add(finding{kind: fDropped, what: "readiness_probe", pos: r.Pos,
			why: m.service() + " has a readiness probe of its own"})
	}
	if p.Liveness != nil {
		m.add(finding{kind: fUnsupported, what: "liveness_probe", pos: p.Liveness.Pos,
			why: "devenv cannot add a liveness probe to the process of " + m.service()})
	}
	if s := p.Shutdown; s != nil {
		what := "shutdown"
		if s.Command.Set {
			what = "shutdown.command " + strings.TrimSpace(s.Command.Val.Shell())
		}
		m.add(finding{kind: fDropped, what: what, pos: s.Pos, why: "devenv stops the process of " + m.service() + " itself"})
		for _, f := range s.Extra {
			m.add(finding{kind: fUnsupported, what: "shutdown." + f.Key, pos: f.KeyPos, why: "an unknown shutdown setting"})
		}
	}
	if p.Disabled.Set && p.Disabled.Val {
		m.add(finding{kind: fUnsupported, what: "disabled", pos: p.Disabled.Pos,
			why: "devenv starts a service's process with the others"})
	}
	if p.IsDaemon.Set && p.IsDaemon.Val {
		m.add(finding{kind: fDropped, what: "is_daemon", pos: p.IsDaemon.Pos,
			why: "devenv runs the process of " + m.service() + " in the foreground"})
	}
	if p.Replicas.Set {
		if p.Replicas.Val > 1 {
			m.add(finding{kind: fUnsupported, what: fmt.Sprintf("replicas = %d", p.Replicas.Val), pos: p.Replicas.Pos,
				why: "devenv runs one " + m.service()})
		} else {
			m.add(finding{kind: fDropped, what: fmt.Sprintf("replicas = %d", p.Replicas.Val), pos: p.Replicas.Pos, why: "devenv runs one process"})
		}
	}
	for _, port := range p.Ports {
		m.add(finding{kind: fUnsupported, what: "port " + port.Name, pos: port.Pos,
			why: m.service() + " allocates its own ports"})
	}
	for _, f := range p.Extra {
		switch {
		case strings.HasPrefix(f.Key, "x-"):
		case displayKeys[f.Key]:
			m.add(finding{kind: fDropped, what: f.Key, pos: f.KeyPos, why: "a setting of process-compose's display of the process"})
		default:
			m.add(finding{kind: fUnsupported, what: f.Key, pos: f.KeyPos,
				why: "a process setting devenv's " + m.service() + " has no place for"})
		}
	}
}

// displayKeys are process-compose keys that only change how it shows a
// process.
var displayKeys = map[string]bool{
	"is_tty": true, "log_location": true, "log_configuration": true, "disable_ansi_colors": true,
	"truncate_log": true, "namespace": true, "description": true,
}

// envVar reads one variable of the process.
func (m *match) envVar(name string, w word, pos ir.Pos, container bool) {
	what := name + "=" + w.show()
	saved := len(m.findings)
	defer func() {
		for i := saved; i < len(m.findings); i++ {
			if !m.findings[i].pos.IsValid() || m.findings[i].pos == m.proc.Command.Pos {
				m.findings[i].pos = pos
			}
		}
	}()
	if container {
		why := "only the container engine's command saw it, not the container"
		if m.passed[name] {
			why = "the container got it with -e " + name + ", as said above"
		}
		m.add(finding{kind: fDropped, what: what, why: why})
		return
	}
	if a, ok := m.rule.Env.Get(name); ok {
		m.do(a, what, name, []word{w})
		return
	}
	if !w.lit {
		m.unsupported(what, "its value is known only when the command runs, and devenv passes a service's env on unexpanded")
		return
	}
	m.keepEnv(what, name, w.val, pos)
}

// dedupEnv keeps the last of repeated variables. It returns env itself
// when no name repeats.
func dedupEnv(env []ir.EnvVar) []ir.EnvVar {
	if !ir.RepeatsName(env) {
		return env
	}
	last := map[string]int{}
	for i, v := range env {
		last[v.Name] = i
	}
	var out []ir.EnvVar
	for i, v := range env {
		if last[v.Name] == i {
			out = append(out, v)
		}
	}
	return out
}
