package devenvrun

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file is devenv's process-compose manager: the settings devenv
// renders for process-compose, as process-compose loads and runs them
// (see processes.go).

// pcProcess is what devenv's process-compose settings say of a process.
type pcProcess struct {
	direct     bool
	workingDir string
	env        []string // the environment list, loaded
	command    string   // the direct command, loaded
	daemon     bool
	shutdown   string // the shutdown command, loaded
	signal     int
	restart    string
}

// runEnvCmds runs process-compose's env_cmds, as process-compose does
// before it starts any process: each with bash -c, for at most 2
// seconds; the trimmed output of one that succeeds sets its variable.
func (e *engine) runEnvCmds() {
	cmds, _ := nestedGet(e.cfg.Raw, "process", "managers", "process-compose", "settings", "env_cmds").(map[string]any)
	for _, name := range sortedKeys(cmds) {
		c, ok := cmds[name].(string)
		if !ok {
			continue
		}
		var out strings.Builder
		status, inTime, err := e.run.RunToEnd(procrun.Spec{Label: "(env_cmds)", Argv: []string{e.bash, "-c", c}, Dir: e.opts.Root, Env: e.shell, Stdout: &out}, 2*time.Second)
		if err == nil && inTime && status == 0 {
			e.envCmds = append(e.envCmds, name+"="+strings.TrimSpace(out.String()))
		}
	}
}

// pcNodes adds the nodes of a process under the process-compose manager:
// one, or one per replica.
func (e *engine) pcNodes(name string, p Process, enabled bool) error {
	pc := p.ProcessCompose
	replicas := 1
	if n, ok := pc["replicas"].(float64); ok && n > 1 {
		replicas = int(n)
	}
	for i := range replicas {
		label := name
		if replicas > 1 {
			label = fmt.Sprintf("%s-%0*d", name, len(strconv.Itoa(replicas)), i)
		}
		n := &node{key: processPrefix + label, label: label, kind: isProcess, proc: &p, enabled: enabled, task: e.cfg.Tasks[processPrefix+name]}
		if d, _ := pc["disabled"].(bool); d {
			n.enabled = false
		}
		if err := e.pcSettings(n, i); err != nil {
			return err
		}
		e.nodes[n.key] = n
	}
	return nil
}

// pcSettings fills in what devenv's process-compose settings say of a
// process, as process-compose loads them.
func (e *engine) pcSettings(n *node, replica int) error {
	p := n.proc
	pc := p.ProcessCompose
	lookup := func(k string) (string, bool) {
		for _, kv := range slices.Backward(e.shell) {
			if name, v, ok := strings.Cut(kv, "="); ok && name == k {
				return v, true
			}
		}
		return "", false
	}
	data := map[string]any{"PC_REPLICA_NUM": replica}
	load := func(v string, render bool) (string, error) {
		out, err := pcmodel.Substitute(v, lookup)
		if err != nil || !render {
			return out, err
		}
		return pcmodel.Render(out, data, false)
	}
	interactive, _ := pc["is_interactive"].(bool)
	st := &pcProcess{direct: !n.enabled || interactive}
	st.workingDir = e.opts.Root
	if wd, ok := pc["working_dir"].(string); ok && wd != "" {
		w, err := load(rooted(wd, e.opts.Root), true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: working_dir: %v", n.label, err)}
		}
		if !filepath.IsAbs(w) {
			w = filepath.Join(e.opts.Root, w)
		}
		st.workingDir = w
	}
	env := procrun.NewEnviron()
	env.Set("PC_PROC_NAME", n.label)
	env.Set("PC_REPLICA_NUM", strconv.Itoa(replica))
	env.Add(e.shell)
	// process-compose's top-level environment, then the env_file.
	if l, ok := nestedGet(e.cfg.Raw, "process", "managers", "process-compose", "settings", "environment").([]any); ok {
		for _, e := range l {
			if es, ok := e.(string); ok {
				v, err := pcmodel.Substitute(es, lookup)
				if err != nil {
					return &Refused{fmt.Sprintf("environment: %v", err)}
				}
				env.Add([]string{v})
			}
		}
	}
	env.Add(e.envCmds)
	if f, ok := pc["env_file"].(string); ok && f != "" {
		f, err := load(f, false)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: env_file: %v", n.label, err)}
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(st.workingDir, f)
		}
		if b, err := os.ReadFile(f); err == nil {
			if vs, err := pcmodel.ReadDotenv(string(b)); err == nil {
				for _, v := range vs {
					env.Set(v.Name, v.Value)
				}
			}
		}
	}
	// The process's task's env goes under the process's (see
	// node.task); devenv renders the process's env alone.
	var entries []string
	for _, l := range []map[string]string{n.task.Env, p.Env} {
		for _, k := range sortedKeys(l) {
			entries = append(entries, k+"="+rooted(l[k], e.opts.Root))
		}
	}
	if l, ok := pc["environment"].([]any); ok {
		for _, e := range l {
			if es, ok := e.(string); ok {
				entries = append(entries, es)
			}
		}
	}
	for _, e := range entries {
		v, err := load(e, true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: environment: %v", n.label, err)}
		}
		env.Add([]string{v})
	}
	st.env = env.List()
	if st.direct {
		noTemplate, _ := pc["is_template_disabled"].(bool)
		c, err := load(rooted(p.Exec, e.opts.Root), !noTemplate)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: command: %v", n.label, err)}
		}
		st.command = c
	}
	st.daemon, _ = pc["is_daemon"].(bool)
	if sd, ok := pc["shutdown"].(map[string]any); ok {
		if c, ok := sd["command"].(string); ok && c != "" {
			v, err := load(rooted(c, e.opts.Root), false)
			if err != nil {
				return &Refused{fmt.Sprintf("%s: shutdown.command: %v", n.label, err)}
			}
			st.shutdown = v
		}
		if sig, ok := sd["signal"].(float64); ok {
			st.signal = int(sig)
		}
	}
	if a, ok := pc["availability"].(map[string]any); ok {
		st.restart, _ = a["restart"].(string)
	}
	n.pc = st
	// readiness_probe: devenv's from ready, under the process's own.
	var probeCmd string
	probeDir := st.workingDir
	http := false
	if r := p.Ready; r != nil {
		if r.Exec != nil {
			probeCmd = *r.Exec
		} else if r.HTTP != nil && r.HTTP.Get != nil {
			http = true
		}
	}
	broken := false
	if rp, ok := pc["readiness_probe"].(map[string]any); ok {
		if ex, ok := rp["exec"].(map[string]any); ok {
			if c, ok := ex["command"].(string); ok {
				probeCmd, http = c, false
			}
			if d, ok := ex["working_dir"].(string); ok && d != "" {
				probeDir = rooted(d, e.opts.Root)
				if !filepath.IsAbs(probeDir) {
					probeDir = filepath.Join(e.opts.Root, probeDir)
				}
			}
		} else if hg, ok := rp["http_get"].(map[string]any); ok && probeCmd == "" {
			http = true
			// process-compose never finds a probe on a port that is no
			// number ready.
			port := fmt.Sprint(hg["port"])
			if ps, ok := hg["port"].(string); ok {
				port, _ = load(ps, true)
			}
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
				broken = true
			}
		}
	}
	switch {
	case http && broken:
		n.neverReady = true
	case probeCmd != "":
		c, err := load(rooted(probeCmd, e.opts.Root), true)
		if err != nil {
			return &Refused{fmt.Sprintf("%s: readiness_probe: %v", n.label, err)}
		}
		n.probe = &procrun.Spec{Argv: []string{e.bash, "-c", c}, Dir: probeDir, Env: st.env}
	case http:
		n.readyAtStart = true
	}
	return nil
}

// pcDepends adds the process-compose dependencies between processes:
// from after and before, merged with each process's own depends_on, and
// checks them as process-compose's is_strict does.
func (e *engine) pcDepends() error {
	if st, ok := e.cfg.Raw["process"].(map[string]any); ok {
		if v, _ := nestedGet(st, "managers", "process-compose", "settings", "ordered_shutdown").(bool); v {
			e.ordered = true
		}
	}
	conds := map[string]string{"started": "process_started", "": "process_healthy", "ready": "process_healthy", "completed": "process_completed"}
	byName := map[string][]*node{} // process name -> its nodes (replicas)
	for _, n := range e.sortedNodes() {
		if n.kind == isProcess {
			name := processKeyOf(e.cfg, n)
			byName[name] = append(byName[name], n)
		}
		if n.kind == isService {
			byName[n.label] = append(byName[n.label], n)
		}
	}
	for _, name := range sortedKeys(e.cfg.Processes) {
		p := e.cfg.Processes[name]
		deps := map[string]string{}
		for _, a := range p.After {
			target, suffix, _ := strings.Cut(a, "@")
			if dep, ok := strings.CutPrefix(target, processPrefix); ok {
				c, ok := conds[suffix]
				if !ok {
					return &Refused{fmt.Sprintf("%s: @%s cannot follow a process", name, suffix)}
				}
				deps[dep] = c
			}
		}
		for _, other := range sortedKeys(e.cfg.Processes) {
			for _, b := range e.cfg.Processes[other].Before {
				target, suffix, _ := strings.Cut(b, "@")
				if target == processPrefix+name {
					if _, set := deps[other]; !set {
						deps[other] = conds[suffix]
					}
				}
			}
		}
		if d, ok := p.ProcessCompose["depends_on"].(map[string]any); ok {
			for dep, v := range d {
				c, _ := nestedGet(v, "condition").(string)
				deps[dep] = c
			}
		}
		for _, dep := range sortedKeys(deps) {
			targets, ok := byName[dep]
			if !ok {
				return &Refused{fmt.Sprintf("process %s depends on %s, which is not defined", name, dep)}
			}
			c := deps[dep]
			switch c {
			case "":
				c = pcrun.Completed
			case pcrun.Started, pcrun.LogReady, pcrun.Completed, pcrun.CompletedSuccessfully, pcrun.Healthy:
			default:
				return &Refused{fmt.Sprintf("process %s: unknown condition %q", name, c)}
			}
			for _, t := range targets {
				if !t.enabled {
					return &Refused{fmt.Sprintf("process %s depends on %s, which is disabled", name, dep)}
				}
				if c == pcrun.Healthy && !t.hasProbe() {
					return &Refused{fmt.Sprintf("process %s waits for %s to be healthy, which has no readiness probe", name, dep)}
				}
				for _, n := range byName[name] {
					link(n, t, 0, c)
				}
			}
		}
	}
	return nil
}

// hasProbe reports whether process-compose has a readiness probe for a
// process.
func (n *node) hasProbe() bool { return n.probe != nil || n.readyAtStart || n.neverReady }

// processKeyOf returns the name of the process a node was made from.
func processKeyOf(c *Config, n *node) string {
	label := n.label
	if _, ok := c.Processes[label]; ok {
		return label
	}
	if i := strings.LastIndexByte(label, '-'); i > 0 {
		return label[:i]
	}
	return label
}

// nestedGet returns the value at a path of keys in maps.
func nestedGet(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}
