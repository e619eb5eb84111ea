package sourcerun

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadProcfile(t *testing.T) {
	src := "web: a $PORT\r\nworker:b\n  indented: x\n# c: d\nweb.assets: e\nidle:    \nweb: again\n"
	want := []ForemanEntry{{"web", "a $PORT"}, {"worker", "b"}, {"idle", " "}, {"web", "again"}}
	if diff := cmp.Diff(want, ReadProcfile(src)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadForemanEnv(t *testing.T) {
	src := "A=1\nexport B=2\nC = 3\nD='lit $A'\nE=\"x\\ny\\q\"\nA=again\nF=raw # kept\n"
	want := [][2]string{{"A", "again"}, {"D", "lit $A"}, {"E", "x\nyq"}, {"F", "raw # kept"}}
	if diff := cmp.Diff(want, ReadForemanEnv(src)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestForemanPorts checks foreman's PORT, PS and $NAME replacement.
func TestForemanPorts(t *testing.T) {
	entries := []ForemanEntry{{"web", "serve -p $PORT $PORTAL"}, {"worker", "work $TOKEN"}, {"web", "dup"}}
	env := Env{Root: "/r", Environ: []string{"PORT=1234"}, LookPath: func(n string) string { return n }}
	for _, tt := range []struct {
		dotenv [][2]string
		base   int
		ports  []string
		web    string
	}{
		{nil, 0, []string{"1234", "1334", "1234"}, "serve -p 1234 1234AL"},
		{[][2]string{{"PORT", "3000"}, {"TOKEN", `a\\b`}}, 0, []string{"3000", "3100", "3000"}, "serve -p 3000 3000AL"},
		{nil, 7000, []string{"7000", "7100", "7000"}, "serve -p 7000 7000AL"},
	} {
		cfg := Foreman(entries, tt.dotenv, tt.base, env)
		var ports []string
		for _, p := range cfg.Procs {
			for _, kv := range p.Spec.Env {
				if len(kv) > 5 && kv[:5] == "PORT=" {
					ports = append(ports, kv[5:])
				}
			}
		}
		if diff := cmp.Diff(tt.ports, ports); diff != "" {
			t.Errorf("%v: ports (-want +got):\n%s", tt.dotenv, diff)
		}
		if got := cfg.Procs[0].Spec.Argv[2]; got != tt.web {
			t.Errorf("%v: web runs %q, want %q", tt.dotenv, got, tt.web)
		}
		if tt.dotenv != nil {
			if got := cfg.Procs[1].Spec.Argv[2]; got != `work a\b` {
				t.Errorf("worker runs %q: Ruby's gsub makes two backslashes one", got)
			}
		}
		if cfg.Procs[2].Name != "web#2" {
			t.Errorf("the second web is %q", cfg.Procs[2].Name)
		}
	}
}
