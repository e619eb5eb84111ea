package processcompose

import (
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// dependsOn reads a process's depends_on: process names mapped to their
// condition. An entry without a condition waits for process_completed, the
// zero value of process-compose's enum, whatever its documentation says.
// quoted is the process's name as %q quotes it.
func (r *reader) dependsOn(n *yaml.Node, k ir.Path, quoted string) []ir.Dependency {
	where := r.names.join("depends_on of process ", quoted)
	entries, ok := r.mapping(n, where)
	if !ok {
		return nil
	}
	var deps []ir.Dependency
	if len(entries) > 0 {
		deps = make([]ir.Dependency, 0, len(entries))
	}
	for _, e := range entries {
		dk := r.name(k, e.key)
		r.record(dk, e.kNode, e.value, false)
		d := ir.Dependency{Name: e.key, Pos: r.pos(e.kNode), Condition: ir.ProcessCompleted, Implicit: true}
		v := r.deref(e.value)
		if v.Kind == yaml.ScalarNode && !isNull(v) {
			hint := fmt.Sprintf("write it as %s: {condition: %s}", e.key, v.Value)
			r.diags.Add(r.pos(v), ir.IDShortDependsOn,
				fmt.Sprintf("depends_on entry %q is not a mapping", e.key), hint)
			continue
		}
		what := r.names.join("depends_on.", e.key, " of process ", quoted)
		m, ok := r.scratchMapping(v, what)
		if !ok {
			r.release(m)
			continue
		}
		for _, ce := range m {
			ck := r.child(dk, ce.key)
			if ce.key != "condition" {
				if strings.HasPrefix(ce.key, "x-") {
					r.record(ck, ce.kNode, ce.value, false)
					d.Extra = append(d.Extra, ir.Field{Key: ce.key, KeyPos: r.pos(ce.kNode), Value: r.value(ce.value, ce.key)})
					continue
				}
				r.unknownKey(ce, ck, what, fDependency.knownKeys())
				continue
			}
			r.record(ck, ce.kNode, ce.value, false)
			s, _, ok := r.enum(ce.value, "condition", "condition", "", conditionNames, ir.Error, ir.IDCondition, "process-compose refuses the file")
			if !ok {
				continue
			}
			d.Condition, d.Implicit = ir.Condition(s), false
		}
		r.release(m)
		if d.Implicit {
			r.diags.Add(d.Pos, ir.IDImplicitCondition,
				fmt.Sprintf("depends_on %q has no condition: it waits for %q to exit", e.key, e.key),
				"")
		}
		deps = append(deps, d)
	}
	return deps
}

// availability reads a process's restart policy. quoted is the process's
// name as %q quotes it.
func (r *reader) availability(n *yaml.Node, k ir.Path, quoted string) *ir.Restart {
	keys, ok := r.fields(n, fAvailability, k, r.names.join("availability of process ", quoted), false)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	a := &ir.Restart{Pos: r.pos(r.deref(n))}
	for _, f := range keys {
		what := r.names.join("availability.", f.key, " of process ", quoted)
		switch f.key {
		case "restart":
			s, pos, ok := r.enum(f.value, what, "restart policy", "", restartNames, ir.Error, ir.IDRestartPolicy, "process-compose refuses the file")
			if ok && s != "" {
				a.Policy = ir.Some(ir.RestartPolicy(s), pos)
			}
		case "backoff_seconds":
			a.Backoff, _ = r.integer(f.value, what)
		case "max_restarts":
			a.MaxRestarts, _ = r.integer(f.value, what)
		case "exit_on_end":
			a.ExitOnEnd, _ = r.boolean(f.value, what)
		case "exit_on_skipped":
			a.ExitOnSkipped, _ = r.boolean(f.value, what)
		}
	}
	return a
}

// conditionNames and restartNames are the values of depends_on conditions
// and restart policies, as process-compose spells them.
var (
	conditionNames = names(ir.Conditions)
	restartNames   = names(ir.RestartPolicies)
)

// names returns values as strings.
func names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// probe reads a readiness or liveness probe.
func (r *reader) probe(n *yaml.Node, k ir.Path, where string) *ir.Probe {
	keys, ok := r.fields(n, fProbe, k, where, false)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	p := &ir.Probe{Pos: r.pos(r.deref(n))}
	for _, f := range keys {
		what := r.names.join(f.key, " of ", where)
		switch f.key {
		case "exec":
			p.Exec = r.execProbe(f.value, f.k, what)
		case "http_get":
			p.HTTP = r.httpProbe(f.value, f.k, what)
		case "initial_delay_seconds":
			p.InitialDelay, _ = r.integer(f.value, what)
		case "period_seconds":
			p.Period, _ = r.integer(f.value, what)
		case "timeout_seconds":
			p.Timeout, _ = r.integer(f.value, what)
		case "success_threshold":
			p.SuccessThreshold, _ = r.integer(f.value, what)
		case "failure_threshold":
			p.FailureThreshold, _ = r.integer(f.value, what)
		}
	}
	if p.Exec == nil && p.HTTP == nil {
		r.diags.Add(p.Pos, ir.IDBadValue,
			where+" has neither exec nor http_get, so it never succeeds",
			"")
	}
	return p
}

// execProbe reads a probe's exec: a command and its working directory.
func (r *reader) execProbe(n *yaml.Node, k ir.Path, where string) *ir.ExecProbe {
	keys, ok := r.fields(n, fExecProbe, k, where, false)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	x := &ir.ExecProbe{Pos: r.pos(r.deref(n))}
	for _, f := range keys {
		t, ok := r.text(f.value, r.names.join(f.key, " of ", where))
		if !ok {
			continue
		}
		switch f.key {
		case "command":
			x.Command = t
		case "working_dir":
			x.WorkingDir = ir.Some(t, t.Pos)
		}
	}
	return x
}

// httpProbe reads a probe's http_get. Its port is text, as process-compose
// reads it, so that it can be templated.
func (r *reader) httpProbe(n *yaml.Node, k ir.Path, where string) *ir.HTTPProbe {
	keys, ok := r.fields(n, fHTTPProbe, k, where, false)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	h := &ir.HTTPProbe{Pos: r.pos(r.deref(n))}
	for _, f := range keys {
		e, ck := f.entry, f.k
		what := r.names.join(e.key, " of ", where)
		switch e.key {
		case "host", "scheme", "path":
			s, pos, ok := r.structural(e.value, what)
			if !ok {
				continue
			}
			o := ir.Some(s, pos)
			switch e.key {
			case "host":
				h.Host = o
			case "scheme":
				h.Scheme = o
			case "path":
				h.Path = o
			}
		case "port", "num_port":
			t, ok := r.text(e.value, what)
			if !ok {
				continue
			}
			h.Port = ir.Some(t, t.Pos)
			if s, lit := t.Literal(); lit && !strings.Contains(s, "{{") {
				if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 65535 {
					r.diags.Add(t.Pos, ir.IDBadValue,
						fmt.Sprintf("%s is %q, which is not a port number: process-compose treats the probe as having no port, so it never succeeds", what, s),
						"write the port number, or ${VAR:-number}")
				}
			}
		case "status_code":
			h.StatusCode, _ = r.integer(e.value, what)
		case "headers":
			r.checkNested(e.value, &field{kind: kMap, elem: fString}, ck, what, "")
			h.Headers = r.value(e.value, what).Map
		}
	}
	return h
}

// shutdown reads how a process is stopped. quoted is the process's name
// as %q quotes it.
func (r *reader) shutdown(n *yaml.Node, k ir.Path, quoted string) *ir.Shutdown {
	keys, ok := r.fields(n, fShutdown, k, r.names.join("shutdown of process ", quoted), false)
	if !ok {
		return nil
	}
	defer r.doneFields(keys)
	s := &ir.Shutdown{Pos: r.pos(r.deref(n))}
	for _, f := range keys {
		e := f.entry
		what := r.names.join("shutdown.", e.key, " of process ", quoted)
		switch e.key {
		case "command":
			if t, ok := r.text(e.value, what); ok {
				s.Command = ir.Some(t, t.Pos)
			}
		case "signal":
			s.Signal, _ = r.integer(e.value, what)
		case "timeout_seconds":
			s.Timeout, _ = r.integer(e.value, what)
		case "parent_only":
			s.ParentOnly, _ = r.boolean(e.value, what)
		default:
			s.Extra = append(s.Extra, ir.Field{Key: e.key, KeyPos: r.pos(e.kNode), Value: r.value(e.value, what)})
		}
	}
	return s
}
