package emit

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Programs that need a capability rather than root, and the capability.
var capPrograms = map[string][]string{
	"ping": {"cap_net_raw"}, "arping": {"cap_net_raw"}, "traceroute": {"cap_net_raw"},
	"nmap": {"cap_net_raw", "cap_net_admin"}, "tcpdump": {"cap_net_raw", "cap_net_admin"},
	"ip": {"cap_net_admin"}, "iptables": {"cap_net_admin"}, "ip6tables": {"cap_net_admin"},
	"nft": {"cap_net_admin"}, "tc": {"cap_net_admin"},
}

// portArg finds a port a command listens on.
var portArg = lazyre.New(`(?:--port[= ]|--http-port[= ]|\bhttp\.server |--listen[= ](?:\S*:)?|--bind[= ](?:\S*:)?)(\d{1,5})\b`)

// capabilities returns the Linux capabilities a command run with sudo
// needs, when the converter can tell: binding a port below 1024, or a
// network tool that needs raw sockets or network administration. why
// says how it could tell.
func capabilities(cmd string) (caps []string, why string) {
	fields := strings.Fields(cmd)
	for len(fields) > 0 && strings.Contains(fields[0], "=") {
		fields = fields[1:]
	}
	if len(fields) > 0 {
		prog := path.Base(fields[0])
		if c, ok := capPrograms[prog]; ok {
			return c, prog + " needs them"
		}
	}
	for _, m := range portArg.FindAllStringSubmatch(cmd, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 && n < 1024 {
			return []string{"cap_net_bind_service"}, fmt.Sprintf("it listens on port %d, below 1024", n)
		}
	}
	return nil, ""
}

// elevated lowers is_elevated under devenv 2's native manager, which
// cannot run a process with sudo: to the capabilities the command needs,
// when the converter can tell which, and to a report otherwise.
func (l *lowerer) elevated(a *nix.Attrs, p *ir.Process, f ir.Field) {
	if f.Value.Kind != ir.KindBool || !f.Value.Bool {
		return
	}
	path := p.KeyPath.Child("is_elevated")
	caps, why := capabilities(l.commandText(p).Shell())
	if caps == nil {
		l.report(a, f.KeyPos, ir.Warning, ir.IDNoEquivalent, fmt.Sprintf("is_elevated = true of process %q", sourceName(p)),
			"devenv 2 does not run processes with sudo, and the converter cannot tell which capabilities the command needs",
			"")
		return
	}
	a.Add(stringList(caps), "linux", "capabilities")
	l.decide(path, mapped("processes.<name>.linux.capabilities"))
	l.diags.Add(f.KeyPos, ir.IDCapabilities,
		fmt.Sprintf("process %q gets %s instead of sudo, since %s", p.Name, strings.Join(caps, ", "), why), "")
}
