package compose_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sirupsen/logrus"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/compose"
)

// svc is what the differential test compares of one service.
type svc struct {
	Enabled     bool
	Image       string
	Command     []string
	Entrypoint  []string
	Environment map[string]string
	EnvFiles    []string
	Ports       []string
	Volumes     []string
	Healthcheck string
	DependsOn   []string
	Restart     string
	Profiles    []string
}

// loadComposeGo loads files with compose-go as docker compose does with an
// empty environment: the project's .env, default profiles.
func loadComposeGo(dir string, files []string, profiles []string) (map[string]svc, error) {
	opts, err := cli.NewProjectOptions(files,
		cli.WithWorkingDirectory(dir),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(profiles...),
	)
	if err != nil {
		return nil, err
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	rel := func(s string) string { return s }
	out := map[string]svc{}
	add := func(s types.ServiceConfig, enabled bool) {
		v := svc{Enabled: enabled, Image: s.Image, Command: s.Command, Entrypoint: s.Entrypoint, Restart: s.Restart, Profiles: s.Profiles}
		if len(v.Command) == 0 && s.Command != nil {
			v.Command = []string{}
		}
		if len(v.Entrypoint) == 0 && s.Entrypoint != nil {
			v.Entrypoint = []string{}
		}
		v.Environment = map[string]string{}
		for k, val := range s.Environment {
			if val == nil {
				v.Environment[k] = "<unset>"
			} else {
				v.Environment[k] = *val
			}
		}
		for _, ef := range s.EnvFiles {
			v.EnvFiles = append(v.EnvFiles, fmt.Sprintf("%s required=%v", rel(ef.Path), ef.Required))
		}
		for _, pt := range s.Ports {
			v.Ports = append(v.Ports, fmt.Sprintf("%s:%s:%d/%s %s", pt.HostIP, pt.Published, pt.Target, pt.Protocol, pt.Mode))
		}
		for _, vol := range s.Volumes {
			src := vol.Source
			if vol.Type == "bind" {
				src = rel(src)
			}
			v.Volumes = append(v.Volumes, fmt.Sprintf("%s %s:%s ro=%v", vol.Type, src, vol.Target, vol.ReadOnly))
		}
		if h := s.HealthCheck; h != nil {
			dur := func(d *types.Duration) string {
				if d == nil {
					return "-"
				}
				return fmt.Sprint(int64(*d))
			}
			retries := "-"
			if h.Retries != nil {
				retries = fmt.Sprint(*h.Retries)
			}
			v.Healthcheck = fmt.Sprintf("%q i=%s t=%s sp=%s si=%s r=%s d=%v", []string(h.Test), dur(h.Interval), dur(h.Timeout), dur(h.StartPeriod), dur(h.StartInterval), retries, h.Disable)
		}
		for name, d := range s.DependsOn {
			v.DependsOn = append(v.DependsOn, fmt.Sprintf("%s %s required=%v restart=%v", name, d.Condition, d.Required, d.Restart))
		}
		sort.Strings(v.DependsOn)
		out[s.Name] = v
	}
	for _, s := range p.Services {
		add(s, true)
	}
	for _, s := range p.DisabledServices {
		add(s, false)
	}
	return out, nil
}

// loadOurs loads the same files with parse/compose.
func loadOurs(dir string, files []string, profiles []string) (map[string]svc, ir.Diagnostics) {
	var fs []compose.File
	for _, f := range files {
		fs = append(fs, compose.File{Path: f})
	}
	p, diags := compose.Load(dir, fs, compose.Options{Profiles: profiles})
	env := map[string]string{}
	for _, v := range p.Env {
		if !v.Inherited {
			env[v.Name] = v.Value
		}
	}
	env["COMPOSE_PROJECT_NAME"] = p.Name
	home, _ := os.UserHomeDir()
	abs := func(s string) string {
		if rest, ok := strings.CutPrefix(s, "~"); ok {
			return filepath.Join(home, rest)
		}
		if s == "" || filepath.IsAbs(s) {
			return s
		}
		return filepath.Join(dir, s)
	}
	out := map[string]svc{}
	for _, s := range p.Services {
		v := svc{Enabled: s.Enabled, Image: s.Image.Value, Restart: s.Restart.Value}
		if s.Command != nil {
			v.Command = s.Command.Argv()
		}
		if s.Entrypoint != nil {
			v.Entrypoint = s.Entrypoint.Argv()
		}
		for _, pr := range s.Profiles {
			v.Profiles = append(v.Profiles, pr.Value)
		}
		v.Environment = map[string]string{}
		explicit := map[string]*compose.String{}
		for _, e := range s.Environment {
			explicit[e.Name] = e.Value
		}
		for _, ef := range s.EnvFiles {
			v.EnvFiles = append(v.EnvFiles, fmt.Sprintf("%s required=%v", abs(ef.Resolved), ef.Required.Value))
			if !s.Enabled {
				continue // compose-go reads the env_files of enabled services only
			}
			for _, vr := range ef.Vars {
				if vr.Inherited {
					if val, ok := env[vr.Name]; ok {
						v.Environment[vr.Name] = val
					} else if e, ok := explicit[vr.Name]; ok && e != nil {
						v.Environment[vr.Name] = e.Value
					}
					continue
				}
				v.Environment[vr.Name] = vr.Value
			}
		}
		for _, e := range s.Environment {
			switch {
			case e.Value != nil:
				v.Environment[e.Name] = e.Value.Value
			default:
				if val, ok := env[e.Name]; ok {
					v.Environment[e.Name] = val
				} else if _, fromFile := v.Environment[e.Name]; !fromFile {
					v.Environment[e.Name] = "<unset>"
				}
			}
		}
		for _, pt := range s.Ports {
			v.Ports = append(v.Ports, fmt.Sprintf("%s:%s:%d/%s %s", pt.HostIP.Value, pt.Published.Value, pt.Target.Value, pt.Protocol.Value, pt.Mode.Value))
		}
		for _, vol := range s.Volumes {
			src := vol.Resolved
			if vol.Type.Value == "bind" {
				src = abs(src)
			}
			v.Volumes = append(v.Volumes, fmt.Sprintf("%s %s:%s ro=%v", vol.Type.Value, src, vol.Target.Value, vol.ReadOnly.Value))
		}
		if h := s.Healthcheck; h != nil {
			var test []string
			for _, t := range h.Test {
				test = append(test, t.Value)
			}
			dur := func(d compose.Duration) string {
				if !d.Set {
					return "-"
				}
				return fmt.Sprint(d.Nanos)
			}
			retries := "-"
			if h.Retries.Set {
				retries = fmt.Sprint(h.Retries.Value)
			}
			v.Healthcheck = fmt.Sprintf("%q i=%s t=%s sp=%s si=%s r=%s d=%v", test, dur(h.Interval), dur(h.Timeout), dur(h.StartPeriod), dur(h.StartInterval), retries, h.Disable.Value)
		}
		for _, d := range s.DependsOn {
			if t := p.Service(d.Service); s.Enabled && t != nil && !t.Enabled {
				continue // compose-go drops dependencies on disabled services
			}
			v.DependsOn = append(v.DependsOn, fmt.Sprintf("%s %s required=%v restart=%v", d.Service, d.Condition, d.Required, d.Restart))
		}
		sort.Strings(v.DependsOn)
		out[s.Name] = v
	}
	return out, diags
}

// corpusCases lists each corpus file alone, then with its layers.
func corpusCases(p *corpusProject) [][]string {
	cases := [][]string{{p.path}}
	for i := range p.layers {
		cases = append(cases, append([]string{p.path}, p.layers[:i+1]...))
	}
	return cases
}

// TestCorpusAgainstComposeGo loads every corpus compose file (alone and
// with its layers) with compose-go and with this package and compares
// what docker compose would run.
func TestCorpusAgainstComposeGo(t *testing.T) {
	logrus.SetOutput(io.Discard)
	var refusedEnv, refusedSelf []string
	for _, p := range readCorpus(t) {
		for _, layers := range corpusCases(p) {
			name := p.name() + "+" + fmt.Sprint(len(layers)-1)
			t.Run(name, func(t *testing.T) {
				root := p.layOut(t)
				dir := filepath.Join(root, filepath.Dir(p.path))
				var files []string
				for _, l := range layers {
					files = append(files, filepath.Join(root, l))
				}
				want, werr := loadComposeGo(dir, files, nil)
				got, diags := loadOurs(dir, files, nil)
				label := strings.Join(layers, " + ")
				if werr != nil {
					if diags.HasErrors() {
						refusedSelf = append(refusedSelf, label+" ("+p.repo+"): "+firstLine(werr.Error()))
						return
					}
					if !slices.ContainsFunc(diags, func(d ir.Diagnostic) bool {
						return d.Severity == ir.Warning && slices.Contains([]ir.ID{ir.IDComposeRequiredVar, ir.IDComposeEnvFile, ir.IDComposeEmptyValue}, d.ID)
					}) {
						t.Errorf("compose-go refuses it (%v), this reader accepts it without a warning naming what must be set", werr)
						return
					}
					refusedEnv = append(refusedEnv, label+" ("+p.repo+"): "+firstLine(werr.Error()))
					return
				}
				if diags.HasErrors() {
					t.Errorf("compose-go loads it, this reader refuses it: %v", diags.Err())
					return
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("differs from compose-go (-compose-go +ours):\n%s", diff)
				}
			})
		}
	}
	slices.Sort(refusedEnv)
	slices.Sort(refusedSelf)
	t.Logf("compose-go refuses, only for lack of a variable or an uncommitted file (converted with a warning):\n\t%s", strings.Join(refusedEnv, "\n\t"))
	t.Logf("compose-go refuses, wrong in itself (refused with an error):\n\t%s", strings.Join(refusedSelf, "\n\t"))
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
