package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Options control which rules apply.
type Options struct {
	// Off keeps every process a process (--no-services).
	Off bool
	// Keep names processes, or services, to leave alone (--keep).
	Keep []string
	// Force converts processes whose settings the service cannot
	// express, reporting each (--force-services).
	Force bool
	// NoExplanations leaves Result.Explanations empty, sparing the work
	// of describing each decision, for callers that do not print them
	// (convert without --explain). The diagnostics are the same.
	NoExplanations bool
}

// Result is what Apply did.
type Result struct {
	// Diagnostics say what the rules did: a note for each process that
	// became a service and for each setting left out on purpose, and a
	// warning for each that is lost.
	Diagnostics ir.Diagnostics
	// Explanations say, for each process a rule fired or almost fired
	// for, the evidence and the decision, in source order.
	Explanations []Explanation
	// Replaced maps the name of each process that became a service to
	// the service.
	Replaced map[string]*ir.Service

	// noExplanations is Options.NoExplanations.
	noExplanations bool
}

// candidate is a process a rule recognised, and the decision about it.
type candidate struct {
	m *match
	// kept says why the process stays a process; "" converts it.
	kept string
	// asked says the user asked for it to stay (--keep, --no-services),
	// which needs no note.
	asked bool
}

// Apply turns the processes of p that run a devenv service into services,
// and points the dependencies on them at the services' processes.
func Apply(p *ir.Project, opts Options) Result {
	res := Result{Replaced: map[string]*ir.Service{}, noExplanations: opts.NoExplanations}
	keep := map[string]bool{}
	for _, k := range opts.Keep {
		keep[k] = true
	}
	used := map[string]bool{}
	var cands []*candidate
	// The candidates, allocated together at the first with room for
	// one per process left: slab never grows, so pointers to its
	// elements stay valid.
	var slab []candidate
	byProc := map[*ir.Process]*candidate{}
	known := projectEnvNames(p)
	for i, proc := range p.Processes {
		m, near := recognise(p.Shell, known, proc)
		if m == nil {
			if near != nil {
				res.nearMiss(proc, near)
				if keep[proc.Name] {
					used[proc.Name] = true
				}
			}
			continue
		}
		if slab == nil {
			slab = make([]candidate, 0, len(p.Processes)-i)
		}
		slab = append(slab, candidate{m: m})
		c := &slab[len(slab)-1]
		switch {
		case opts.Off:
			c.kept, c.asked = "--no-services keeps every process", true
		case keep[proc.Name]:
			c.kept, c.asked = fmt.Sprintf("--keep %s keeps it", proc.Name), true
			used[proc.Name] = true
		case keep[m.rule.Service]:
			c.kept, c.asked = fmt.Sprintf("--keep %s keeps it", m.rule.Service), true
			used[m.rule.Service] = true
		}
		cands = append(cands, c)
		byProc[proc] = c
	}
	for _, k := range opts.Keep {
		if !used[k] {
			res.Diagnostics.Add(ir.Pos{}, ir.IDKeepUnused,
				fmt.Sprintf("--keep %s names no process that runs a devenv service, and no such service", k), "")
		}
	}
	decide(p, cands, opts)

	// Build the services and drop the processes they replace.
	var procs []*ir.Process
	var ends []*endpoint
	for _, proc := range p.Processes {
		c := byProc[proc]
		if c == nil || c.kept != "" {
			procs = append(procs, proc)
			continue
		}
		s := c.m.build(opts.Force, &res.Diagnostics)
		p.Services = append(p.Services, s)
		res.Replaced[proc.Name] = s
		if e := endpointOf(c.m, s); e != nil {
			ends = append(ends, e)
		}
	}
	p.Processes = procs
	rewriteHosts(p, ends, &res.Diagnostics)

	// Point dependencies at the services' processes.
	rename := func(deps []ir.Dependency) {
		for i, d := range deps {
			if s, ok := res.Replaced[d.Name]; ok {
				deps[i].Name = s.ProcessName
			}
		}
	}
	for _, proc := range p.Processes {
		rename(proc.DependsOn)
	}
	for _, s := range p.Services {
		if s.Process != nil {
			rename(s.Process.DependsOn)
		}
	}

	for _, c := range cands {
		res.explain(c)
	}
	sort.SliceStable(res.Explanations, func(i, j int) bool {
		return res.Explanations[i].Pos.Before(res.Explanations[j].Pos)
	})
	return res
}

// decide keeps the candidates that cannot be converted: those whose
// settings the service cannot express (unless forced), those that others
// wait for to finish, several for one service, and those whose service's
// process would take the name of a process that stays.
func decide(p *ir.Project, cands []*candidate, opts Options) {
	waits := waitsToFinish(p)
	existing := map[string]bool{}
	for _, s := range p.Services {
		existing[s.Attr] = true
	}
	for _, c := range cands {
		if c.kept != "" {
			continue
		}
		m := c.m
		if existing[m.rule.Service] {
			c.kept = "the project already has " + m.service()
			continue
		}
		if why := waits[m.proc.Name]; why != "" {
			c.kept = why
			continue
		}
		if !opts.Force {
			var whys []string
			for i := range m.findings {
				if f := &m.findings[i]; f.kind == fUnsupported {
					whys = append(whys, f.what+" ("+f.why+")")
				}
			}
			if len(whys) > 0 {
				c.kept = m.service() + " cannot express " + strings.Join(whys, "; ")
			}
		}
	}
	// Several processes for one service.
	by := map[string][]*candidate{}
	for _, c := range cands {
		if c.kept == "" {
			by[c.m.rule.Service] = append(by[c.m.rule.Service], c)
		}
	}
	for svc, cs := range by {
		if len(cs) < 2 {
			continue
		}
		var names []string
		for _, c := range cs {
			names = append(names, goquote.In("", c.m.proc.Name))
		}
		// One string for all of them: it names every one, so a string
		// each would take time and memory quadratic in their number.
		kept := "processes " + strings.Join(names, ", ") + " all run what services." + svc + " runs, and devenv has one services." + svc
		for _, c := range cs {
			c.kept = kept
		}
	}
	// Names: a process that stays keeps its name, which the service's
	// process cannot then take. Keeping one may free another's name, so
	// repeat until nothing changes.
	for changed := true; changed; {
		changed = false
		staying := make(map[string]bool, len(p.Processes))
		converting := make(map[*ir.Process]bool, len(cands))
		for _, c := range cands {
			if c.kept == "" {
				converting[c.m.proc] = true
			}
		}
		for _, proc := range p.Processes {
			if !converting[proc] {
				staying[proc.Name] = true
			}
		}
		for _, c := range cands {
			if c.kept != "" {
				continue
			}
			if n, ok := firstStaying(staying, c.m.rule); ok {
				c.kept = fmt.Sprintf("the process %q stays, and devenv's %s would run its own process under that name", n, c.m.service())
				changed = true
			}
		}
	}
}

// firstStaying returns the first of the processes of r's service, its
// process and then its helpers, whose name a process that stays has.
func firstStaying(staying map[string]bool, r *Rule) (string, bool) {
	if staying[r.Process] {
		return r.Process, true
	}
	for _, n := range r.Helpers {
		if staying[n] {
			return n, true
		}
	}
	return "", false
}

// waitsToFinish says, for each process that others wait for to finish,
// or for a log line of, why it cannot become a service: the first such
// wait, in the order of the processes and their dependencies. It is
// computed once per project, since looking for each candidate's waiters
// in turn would take time quadratic in the number of processes.
func waitsToFinish(p *ir.Project) map[string]string {
	why := map[string]string{}
	for _, other := range p.Processes {
		for _, d := range other.DependsOn {
			if _, ok := why[d.Name]; ok {
				continue
			}
			switch d.Condition {
			case ir.ProcessCompleted, ir.ProcessCompletedSuccessfully:
				why[d.Name] = goquote.In("process ", other.Name, " waits for it to finish (", string(d.Condition), "), and a service does not finish")
			case ir.ProcessLogReady:
				why[d.Name] = goquote.In("process ", other.Name, " waits for a line of its log (", string(d.Condition), "), which a service's process does not promise")
			}
		}
	}
	return why
}

// build makes the service of a match that converts, and reports what
// became of each of the process's settings.
func (m *match) build(force bool, diags *ir.Diagnostics) *ir.Service {
	r, proc := m.rule, m.proc
	s := &ir.Service{
		Attr:         r.Service,
		Source:       proc.Name,
		ProcessName:  r.Process,
		Ready:        r.Readiness == ReadyProbe,
		ReadyOnPorts: r.Readiness == ReadyPorts,
		Pos:          proc.Pos,
	}
	s.Comments = append(s.Comments, goquote.In("was process ", proc.Name, ": ", commandLine(proc.Command.Shell())))
	if proc.Description != "" {
		s.Comments = append(s.Comments, proc.Description)
	}
	s.Comments = append(s.Comments, proc.Comments...)
	diags.Add(proc.Pos, ir.IDServiceConverted,
		goquote.In("process ", proc.Name, " becomes services.", r.Service), "")
	if m.wrapper != "" {
		diags.Add(proc.Command.Pos, ir.IDServiceWrapper,
			fmt.Sprintf("%s replaces the script %s of process %q", m.service(), m.wrapper, proc.Name),
			"--keep "+proc.Name+" keeps it")
	}
	if r.Note != "" {
		diags.Add(proc.Pos, ir.IDServiceNeeds, r.Note, "")
	}
	var o options
	carry := &ir.Process{Name: r.Process, Pos: proc.Pos}
	for i := range m.findings {
		f := &m.findings[i]
		switch f.kind {
		case fOption:
			o.add(f)
			if f.path == "package" {
				diags.Add(f.pos, ir.IDServicePackage,
					fmt.Sprintf("%s of process %q sets %s.package = %s", f.what, proc.Name, m.service(), showValue(f.value)), "")
			}
		case fDropped:
			diags.Add(f.pos, ir.IDServiceDropped,
				f.what+" is left out", "")
		case fCarried:
			carry.Env = append(carry.Env, *f.env)
			diags.Add(f.pos, ir.IDServiceCarried,
				fmt.Sprintf("%s is %s", f.what, f.why), "")
		case fNote:
			id := f.id
			if id == "" {
				id = ir.IDServiceConverted
			}
			diags.AddAs(f.pos, f.sev, id, f.why, "")
		case fUnsupported:
			msg := fmt.Sprintf("%s of process %q cannot be expressed with %s", f.what, proc.Name, m.service())
			diags.Add(f.pos, ir.IDServiceForced, msg, "--keep "+proc.Name+" keeps the process")
			s.Comments = append(s.Comments, fmt.Sprintf("TODO(pc2devenv): %s: %s", f.what, f.why))
		}
	}
	s.Options = o.fields
	if len(proc.DependsOn) > 0 {
		carry.DependsOn = append(carry.DependsOn, proc.DependsOn...)
		var names []string
		for _, d := range proc.DependsOn {
			names = append(names, d.Name)
		}
		diags.Add(proc.DependsOn[0].Pos, ir.IDServiceCarried,
			fmt.Sprintf("depends_on (%s) stays on the process %q", strings.Join(names, ", "), r.Process), "")
	}
	if proc.Readiness != nil && r.Readiness != ReadyProbe {
		carry.Readiness = proc.Readiness
		diags.Add(proc.Readiness.Pos, ir.IDServiceCarried,
			fmt.Sprintf("readiness_probe stays on the process %q", r.Process), "")
	}
	if len(carry.Env) > 0 || len(carry.DependsOn) > 0 || carry.Readiness != nil {
		s.Process = carry
	}
	return s
}

// commandLine returns a command as one line for a comment.
func commandLine(cmd string) string {
	cmd = strings.TrimSpace(cmd)
	if i := strings.IndexByte(cmd, '\n'); i >= 0 {
		cmd = strings.TrimSpace(cmd[:i]) + " …"
	}
	return cmd
}
