package convert

import (
	"regexp"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/behave"
	"github.com/pc2devenv/pc2devenv/ir"
)

// hostRewrite is one rewrite of a compose host name or port the
// conversion reported (PC212): in process proc, from became to, in the
// variable name ("" for anywhere in the command).
type hostRewrite struct {
	proc, name, from, to string
}

// hostRewriteMessage reads a PC212 message: "the variable NAME of process
// "P": FROM → TO…" or "the command of process "P": FROM → TO…".
var hostRewriteMessage = regexp.MustCompile(`^(?:the variable (\S+)|the command|the entrypoint) of process "([^"]+)": (\S+) → (\S+?)(?:: the compose service | \(services\.)`)

// hostRewrites returns the rewrites a conversion reported.
func hostRewrites(ds ir.Diagnostics) []hostRewrite {
	var out []hostRewrite
	for _, d := range ds {
		if d.ID != ir.IDHostRewritten {
			continue
		}
		if m := hostRewriteMessage.FindStringSubmatch(d.Message); m != nil {
			out = append(out, hostRewrite{name: m[1], proc: m[2], from: m[3], to: m[4]})
		}
	}
	return out
}

// rewriteHosts returns the source's behaviour with the reported rewrites
// applied to what each process's programs saw: its arguments and its
// environment (a variable's rewrite to that variable only). A rewrite
// that was not reported, or one that went further than reported, still
// shows as a difference.
func rewriteHosts(b *behave.Behaviour, ds ir.Diagnostics) *behave.Behaviour {
	rws := hostRewrites(ds)
	if len(rws) == 0 {
		return b
	}
	out := *b
	out.Procs = map[string]*behave.Part{}
	for label, p := range b.Procs {
		var mine []hostRewrite
		for _, r := range rws {
			if r.proc == label {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			out.Procs[label] = p
			continue
		}
		q := *p
		q.Run = rewriteEvents(p.Run, mine)
		q.Ready = rewriteEvents(p.Ready, mine)
		q.Stop = rewriteEvents(p.Stop, mine)
		out.Procs[label] = &q
	}
	return &out
}

func rewriteEvents(evs []behave.Event, rws []hostRewrite) []behave.Event {
	out := make([]behave.Event, len(evs))
	for i, e := range evs {
		e.Args = append([]string(nil), e.Args...)
		e.Env = append([]string(nil), e.Env...)
		for _, r := range rws {
			if r.name == "" {
				for j := range e.Args {
					e.Args[j] = strings.ReplaceAll(e.Args[j], r.from, r.to)
				}
			}
			for j, kv := range e.Env {
				name, val, ok := strings.Cut(kv, "=")
				if !ok || r.name != "" && name != r.name {
					continue
				}
				if r.name != "" && !strings.Contains(r.from, ":") && !strings.Contains(r.from, "/") {
					// A host or a port alone is the whole value.
					if val == r.from {
						e.Env[j] = name + "=" + r.to
					}
					continue
				}
				e.Env[j] = name + "=" + strings.ReplaceAll(val, r.from, r.to)
			}
		}
		out[i] = e
	}
	return out
}
