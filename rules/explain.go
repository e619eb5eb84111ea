package rules

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Explanation is the decision about one process that a rule fired or
// almost fired for: what was recognised, what became of each setting,
// and whether the process became a service.
type Explanation struct {
	// Pos is where the process is defined, and Process its name.
	Pos     ir.Pos
	Process string
	// Service is the service considered, as "services.<attr>"; "" when
	// none was (docker compose).
	Service string
	// Converted says the process became the service.
	Converted bool
	// Evidence says what was recognised.
	Evidence string
	// Details say what became of each setting.
	Details []string
	// Decision says what was done and why.
	Decision string
}

// String formats the explanation as --explain prints it:
//
//	FILE:LINE:COL: process "NAME" -> services.ATTR
//	    evidence: …
//	    …
//	    decision: …
func (e Explanation) String() string {
	var b strings.Builder
	if e.Pos.IsValid() {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "process %q", e.Process)
	if e.Service != "" {
		if e.Converted {
			b.WriteString(" -> " + e.Service)
		} else {
			b.WriteString(": " + e.Service + "?")
		}
	}
	b.WriteByte('\n')
	fmt.Fprintf(&b, "    evidence: %s\n", e.Evidence)
	for _, d := range e.Details {
		fmt.Fprintf(&b, "    %s\n", d)
	}
	fmt.Fprintf(&b, "    decision: %s\n", e.Decision)
	return b.String()
}

// explain records the decision about a candidate, and reports a kept one.
func (res *Result) explain(c *candidate) {
	m := c.m
	if c.kept != "" && !c.asked {
		res.Diagnostics.Add(m.proc.Pos, ir.IDServiceKept,
			goquote.In("process ", m.proc.Name, " is not made services.", m.rule.Service), "")
	}
	if res.noExplanations {
		return
	}
	e := Explanation{Pos: m.proc.Pos, Process: m.proc.Name, Service: m.service(), Converted: c.kept == "", Evidence: m.evidence}
	for i := range m.findings {
		e.Details = append(e.Details, m.findings[i].describe())
	}
	if c.kept == "" {
		e.Decision = "converted"
		if len(m.proc.DependsOn) > 0 || m.proc.Readiness != nil && m.rule.Readiness != ReadyProbe {
			e.Details = append(e.Details, fmt.Sprintf("its dependencies and readiness probe stay on the process %q", m.rule.Process))
		}
		if m.daemon {
			e.Details = append(e.Details, fmt.Sprintf("the command starts %s in the background; devenv runs it in the foreground", m.rule.Title))
		}
	} else {
		e.Decision = "stays a process: " + c.kept
	}
	res.Explanations = append(res.Explanations, e)
}

// nearMiss records a rule that almost fired, and reports docker compose.
func (res *Result) nearMiss(p *ir.Process, n *nearMiss) {
	e := Explanation{Pos: p.Pos, Process: p.Name, Evidence: n.evidence}
	if n.rule != nil {
		e.Service = "services." + n.rule.Service
	}
	e.Decision = "stays a process: " + n.why
	if n.compose {
		e.Decision = "stays a process: docker compose starts the services of a compose file, which the converter does not read, so it does not guess them"
		res.Diagnostics.Add(p.Command.Pos, ir.IDComposeUp,
			fmt.Sprintf("process %q runs docker compose, so it stays a process", p.Name),
			"replace what it starts with devenv services")
	}
	if !res.noExplanations {
		res.Explanations = append(res.Explanations, e)
	}
}
