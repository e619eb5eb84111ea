package emit

import (
	"strings"
	"testing"
)

func TestCapabilities(t *testing.T) {
	for cmd, want := range map[string]string{
		"tcpdump -i any":                "cap_net_raw,cap_net_admin",
		"/usr/sbin/ip link set up eth0": "cap_net_admin",
		"python3 -m http.server 80":     "cap_net_bind_service",
		"caddy run --listen :443":       "cap_net_bind_service",
		"FOO=1 ping -c1 localhost":      "cap_net_raw",
		"python3 -m http.server 8080":   "",
		"ls -l /root":                   "",
		"sleep 5":                       "",
	} {
		caps, _ := capabilities(cmd)
		if got := strings.Join(caps, ","); got != want {
			t.Errorf("capabilities(%q) = %q, want %q", cmd, got, want)
		}
	}
}
