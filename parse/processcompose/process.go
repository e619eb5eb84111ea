package processcompose

import (
	"fmt"
	"slices"
	"strconv"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// processes reads the processes mapping, after resolving process-level
// extends.
func (r *reader) processes(n *yaml.Node, k ir.Path) {
	entries, ok := r.mapping(n, "processes")
	if !ok {
		return
	}
	if len(entries) > sourcecheck.MaxItems {
		sourcecheck.TooMany(r.pos(entries[sourcecheck.MaxItems].kNode), "processes", r.diags)
		return
	}
	entries = r.resolveExtends(entries, k)
	// The processes and what the reader keeps of them are made together,
	// one block of each for the file.
	ps := make([]ir.Process, len(entries))
	pps := make([]pcProcess, len(entries))
	r.procs = slices.Grow(r.procs, len(entries))
	for i, e := range entries {
		pk := ir.ProcessPath(e.key)
		r.record(pk, e.kNode, e.value, false)
		if pp := r.process(&pps[i], &ps[i], e, pk); pp != nil {
			r.procs = append(r.procs, pp)
		}
	}
}

// monitorModes are the values of monitor_for.
var monitorModes = []string{"none", "activity", "silence"}

// process reads one process into the model: typed fields for the keys the
// model has, Extra for the others, and what the later steps need. It
// fills in pp and p and returns pp, or nil when the process is not a
// mapping.
func (r *reader) process(pp *pcProcess, p *ir.Process, pe entry, k ir.Path) *pcProcess {
	*p = ir.Process{Name: pe.key, Pos: r.pos(pe.kNode), KeyPath: k}
	*pp = pcProcess{p: p, e: pe, k: k, replicas: 1}
	// quoted is the process's name as the messages quote it (as %q
	// does), built once for the messages of its keys.
	quoted := strconv.Quote(p.Name)
	pp.quoted = quoted
	where := r.names.join("process ", quoted)
	keys, ok := r.fields(pe.value, fProcess, k, where, true)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	hasCommand, hasEntrypoint := false, false
	entrypointKey := -1 // its record, for drop
	var entrypointPos ir.Pos
	var isDisabled ir.Opt[bool]
	for _, f := range keys {
		e, ck, i := f.entry, f.k, f.i
		// what is what the key is called in messages.
		what := r.names.join(e.key, " of ", where)
		switch e.key {
		case "command":
			hasCommand = true
			if v := r.deref(e.value); v.Kind == yaml.SequenceNode {
				r.diags.Add(r.pos(v), ir.IDType,
					what+" must be a string, not a list",
					"or use entrypoint")
				continue
			}
			if t, ok := r.text(e.value, what); ok {
				p.Command = t
			}
		case "entrypoint":
			items, ok := r.sequence(e.value, what)
			if !ok {
				continue
			}
			hasEntrypoint, entrypointKey, entrypointPos = true, i, r.pos(e.kNode)
			for _, it := range items {
				if t, ok := r.text(it, "an item of "+what); ok {
					p.Entrypoint = append(p.Entrypoint, t)
				}
			}
		case "working_dir":
			if t, ok := r.text(e.value, what); ok {
				p.Cwd = ir.Some(t, t.Pos)
			}
		case "environment":
			p.Env = r.environment(e.value, ck, r.names.join("the environment of ", where))
		case "env_file":
			if t, ok := r.text(e.value, what); ok && !t.IsEmpty() {
				p.EnvFile = ir.Some(t, t.Pos)
			} else if ok {
				r.consume(i, "an empty env_file loads nothing")
			}
		case "depends_on":
			p.DependsOn = r.dependsOn(e.value, ck, quoted)
		case "availability":
			p.Restart = r.availability(e.value, ck, quoted)
		case "readiness_probe", "liveness_probe":
			probe := r.probe(e.value, ck, r.names.join("the ", what))
			if e.key == "readiness_probe" {
				p.Readiness = probe
			} else {
				p.Liveness = probe
			}
		case "shutdown":
			p.Shutdown = r.shutdown(e.value, ck, quoted)
			if p.Shutdown != nil {
				for _, f := range p.Shutdown.Extra {
					if f.Key == "send_keys" {
						pp.sendKeys = f.KeyPos
					}
				}
			}
		case "disabled":
			p.Disabled, _ = r.boolean(e.value, what)
		case "is_disabled":
			s, pos, ok := r.structural(e.value, what)
			switch {
			case !ok:
			case s == "true" || s == "false":
				isDisabled = ir.Some(s == "true", pos)
			case s == "":
				r.consume(i, "an empty is_disabled leaves disabled as it is")
			default:
				r.diags.Add(pos, ir.IDIsDisabled,
					fmt.Sprintf("%s is %q: process-compose acts only on \"true\" and \"false\" and ignores it", what, s),
					`write is_disabled: "true" or "false"`)
				r.drop(i, "neither \"true\" nor \"false\"")
			}
		case "is_daemon":
			p.IsDaemon, _ = r.boolean(e.value, what)
			if p.IsDaemon.Set && !p.IsDaemon.Val {
				r.consume(i, "false is process-compose's default")
				p.IsDaemon = ir.Opt[bool]{}
			}
		case "replicas":
			p.Replicas, _ = r.integer(e.value, what)
			if p.Replicas.Set && p.Replicas.Val > maxReplicas {
				r.diags.Add(p.Replicas.Pos, ir.IDTooMany,
					fmt.Sprintf("%s is %d: the converter writes out at most %d replicas of a process", what, p.Replicas.Val, maxReplicas),
					"run fewer replicas")
				p.Replicas = ir.Opt[int]{}
			} else if p.Replicas.Set && p.Replicas.Val > 1 {
				pp.replicas = p.Replicas.Val
			} else if p.Replicas.Set {
				r.consume(i, "one replica is process-compose's default")
				p.Replicas = ir.Opt[int]{}
			}
		case "description":
			if t, ok := r.text(e.value, what); ok {
				pp.description = t
			}
		case "vars":
			pp.vars = r.templateVars(e.value, ck, what)
		case "is_template_disabled":
			b, _ := r.boolean(e.value, what)
			pp.noTemplate = b.Val
		case "extends", "name":
			// Resolved, or replaced by the key; the rules say so.
		default:
			switch e.key {
			case "ready_log_line":
				pp.readyLogLine = r.pos(e.kNode)
			case "schedule":
				pp.schedule = r.pos(e.kNode)
			case "watch":
				pp.watch = r.pos(e.kNode)
			case "is_tty", "is_interactive":
				b, _ := r.quietBool(e.value)
				pp.terminal = pp.terminal || b
			case "monitor_for":
				if _, _, ok := r.enum(e.value, what, "monitor_for", " of process "+quoted, monitorModes, ir.Error, ir.IDBadEnum, "process-compose refuses the file"); !ok {
					continue
				}
			case "namespace":
				r.checkNamespace(e.value, what)
			case "success_exit_codes":
				r.checkExitCodes(e.value, what)
			}
			f := fProcess.child(e.key)
			r.checkNested(e.value, f, ck, e.key, where)
			if f.kind == kBool {
				if b, ok := r.boolean(e.value, what); ok && b.Set && !b.Val {
					r.consume(i, "false is process-compose's default")
					continue
				}
			}
			p.Extra = append(p.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what)})
		}
	}
	if isDisabled.Set {
		p.Disabled = isDisabled
	}
	switch {
	case hasCommand && hasEntrypoint:
		r.diags.Add(entrypointPos, ir.IDEntrypointIgnored,
			fmt.Sprintf("process %q has both command and entrypoint: process-compose runs the command and ignores entrypoint", p.Name),
			"remove one of them")
		r.drop(entrypointKey, "command wins over entrypoint")
		p.Entrypoint = nil
	case !hasCommand && !hasEntrypoint:
		r.diags.Add(p.Pos, ir.IDNoCommand,
			fmt.Sprintf("process %q has no command: process-compose starts it and it exits at once", p.Name), "")
	}
	return pp
}

// quietBool reads a boolean without reporting problems, which the reader
// reports where it reads the value for good.
func (r *reader) quietBool(n *yaml.Node) (v, ok bool) {
	r.withoutRecording(func() {
		b, good := r.boolean(n, "")
		v, ok = b.Val, good
	})
	return v, ok
}

// checkNamespace reports a namespace that is neither a name nor a list of
// names.
func (r *reader) checkNamespace(n *yaml.Node, what string) {
	n = r.deref(n)
	switch n.Kind {
	case yaml.ScalarNode:
		return
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if it = r.deref(it); it.Kind != yaml.ScalarNode {
				r.typeError(it, "an item of "+what, "a name")
			}
		}
		return
	}
	r.typeError(n, what, "a name or a list of names")
}

// checkExitCodes reports success exit codes outside 0–255.
func (r *reader) checkExitCodes(n *yaml.Node, what string) {
	items, ok := r.sequence(n, what)
	if !ok {
		return
	}
	for _, it := range items {
		it = r.deref(it)
		v, err := strconv.Atoi(it.Value)
		if it.Kind != yaml.ScalarNode || err != nil {
			r.typeError(it, "an item of "+what, "a whole number")
			continue
		}
		if v < 0 || v > 255 {
			r.diags.Add(r.pos(it), ir.IDExitCode,
				fmt.Sprintf("%s holds %d, which no process can exit with (exit codes are 0–255): %s", what, v, r.strictness()), "")
		}
	}
}
