package emit

import (
	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// This file writes the values of the process-compose keys that are passed
// through as process-compose writes them: under devenv 1 (devenv1.go), and
// under the other targets for the keys FateTable passes through.

// pcProbe returns a probe as process-compose writes it.
func (l *lowerer) pcProbe(pr *ir.Probe) *nix.Attrs {
	a := nix.Set()
	if x := pr.Exec; x != nil {
		a.Add(templated(x.Command), "exec", "command")
		if x.WorkingDir.Set {
			a.Add(textExpr(x.WorkingDir.Val, true), "exec", "working_dir")
		}
	}
	if h := pr.HTTP; h != nil {
		get := nix.Set()
		for _, s := range []struct {
			o   ir.Opt[string]
			key string
		}{{h.Host, "host"}, {h.Scheme, "scheme"}, {h.Path, "path"}} {
			if s.o.Set {
				get.Add(templated(ir.Plain(s.o.Val, ir.Pos{})), s.key)
			}
		}
		if n := httpPort(h); n > 0 {
			get.Add(&nix.Int{V: int64(n)}, "port")
		} else if h.Port.Set {
			get.Add(templated(h.Port.Val), "port")
		}
		if len(h.Headers) > 0 {
			get.Add(valueExpr(ir.Value{Kind: ir.KindMap, Map: h.Headers}, true), "headers")
		}
		if h.StatusCode.Set {
			get.Add(&nix.Int{V: int64(h.StatusCode.Val)}, "status_code")
		}
		a.Add(get, "http_get")
	}
	for _, t := range []struct {
		o   ir.Opt[int]
		key string
	}{
		{pr.InitialDelay, "initial_delay_seconds"},
		{pr.Period, "period_seconds"},
		{pr.Timeout, "timeout_seconds"},
		{pr.SuccessThreshold, "success_threshold"},
		{pr.FailureThreshold, "failure_threshold"},
	} {
		if t.o.Set {
			a.Add(&nix.Int{V: int64(t.o.Val)}, t.key)
		}
	}
	return a
}

// pcShutdown returns shutdown settings as process-compose writes them.
func pcShutdown(s *ir.Shutdown) *nix.Attrs {
	a := nix.Set()
	if s.Command.Set {
		a.Add(textExpr(s.Command.Val, true), "command")
	}
	if s.Signal.Set {
		a.Add(&nix.Int{V: int64(s.Signal.Val)}, "signal")
	}
	if s.Timeout.Set {
		a.Add(&nix.Int{V: int64(s.Timeout.Val)}, "timeout_seconds")
	}
	if s.ParentOnly.Set {
		a.Add(&nix.Bool{V: s.ParentOnly.Val}, "parent_only")
	}
	for _, f := range s.Extra {
		a.Add(valueExpr(f.Value, true), f.Key)
	}
	return a
}
