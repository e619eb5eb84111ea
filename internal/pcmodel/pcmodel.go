// Package pcmodel is an independent model of how process-compose loads a
// project's files, for tests to check the converter's outputs against:
// written apart from package parse/processcompose, on plain decoded YAML,
// so that a comparison of the two is not circular.
//
// It covers what the checks compare and what running a project needs —
// commands, entrypoints, environments, working directories, env_file,
// dependencies, daemons, shutdown, readiness probes, replicas — through
// the load steps that change them: "$$", top-level and process-level
// extends, the merge of files, replicas and templates. It keeps
// environment entries whose values hold "=", which process-compose's
// merge drops, as the converter does on purpose.
//
// Substitution of ${VAR} at load is modelled two ways (see Options): for
// the static checks, references stay for bash, which reads the same
// variables when the process starts; to run a project, they are
// substituted from a given environment, as process-compose does.
package pcmodel

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Project is a project as process-compose loads it.
type Project struct {
	// Procs are the processes, replicas one by one, by name.
	Procs []*Proc
	// Env is the top-level environment, "NAME=value" entries in order.
	Env []string
	// EnvCmds are the top-level env_cmds, by name.
	EnvCmds []EnvCmd
	// Shell is the shell commands run with, and its argument ("bash",
	// "-c" unless the file says otherwise).
	Shell [2]string
	// OrderedShutdown stops processes in the reverse order of their
	// dependencies.
	OrderedShutdown bool
}

// EnvCmd is one of env_cmds: a variable set from a command's output.
type EnvCmd struct{ Name, Command string }

// Proc is one process (or replica) as process-compose runs it.
type Proc struct {
	// Name is the process's name; a replica's is "GROUP-N".
	Name string
	// Group is the process a replica was made from, "" for others.
	Group string
	// Replicas is the replicas setting (0 when absent); Replica is this
	// replica's number, PC_REPLICA_NUM.
	Replicas, Replica int
	// Command is the rendered command; Entrypoint the exec form, when
	// there is no command.
	Command    string
	Entrypoint []string
	// Env is the process's environment entries, rendered, by name;
	// EnvOrder their names in order.
	Env      map[string]string
	EnvOrder []string
	// WorkingDir is the rendered working_dir, relative to the directory
	// process-compose runs in unless absolute; "" is that directory.
	WorkingDir string
	// EnvFile is the env_file setting.
	EnvFile string
	// DependsOn are the processes this one waits for, with the
	// condition (process_completed when the entry has none), replicated
	// groups expanded.
	DependsOn []Dep
	// Daemon is is_daemon.
	Daemon bool
	// Restart is availability.restart ("" when absent, which is "no").
	Restart string
	// Shutdown is the shutdown setting.
	Shutdown Shutdown
	// Disabled is disabled, or is_disabled when set.
	Disabled bool
	// Foreground is is_foreground: started by hand only.
	Foreground bool
	// DotenvDisabled is is_dotenv_disabled.
	DotenvDisabled bool
	// Readiness is the readiness probe, nil when none.
	Readiness *Probe
	// Liveness says whether the process has a liveness probe.
	Liveness bool
}

// Dep is one entry of depends_on.
type Dep struct{ Name, Condition string }

// Shutdown is a process's shutdown setting.
type Shutdown struct {
	Command string
	// Signal is the signal sent to the process group (15 by default).
	Signal int
	// Timeout is timeout_seconds (0 when absent).
	Timeout int
	// ParentOnly signals the process alone, not its group.
	ParentOnly bool
}

// Probe is a readiness or liveness probe.
type Probe struct {
	// Exec is the rendered exec.command; WorkingDir its exec.working_dir.
	Exec, WorkingDir string
	// HTTP says the probe is an http_get; HTTPPort is its rendered port.
	HTTP     bool
	HTTPPort string
}

// Options says how to load.
type Options struct {
	// Read reads a file; os.ReadFile when nil.
	Read func(string) ([]byte, error)
	// Lookup, when set, is the environment load-time substitution reads
	// (process-compose's .env, then its own environment): every ${…} is
	// substituted in the file's text before it is decoded, as
	// process-compose does; and an environment written as a mapping is
	// an error, as it is for process-compose. When nil, references stay in the text for
	// bash, except those bash cannot read (a name that starts with a
	// digit), which get what process-compose gives them unset.
	Lookup func(string) (string, bool)
	// Dir is the directory process-compose runs in, for the working
	// directories of processes from extended files; "" takes their paths
	// as they are.
	Dir string
}

// Discover returns the files process-compose loads in dir: the first of
// its file names that exists, and the first override.
func Discover(dir string) []string {
	var files []string
	for _, names := range [][]string{
		{"compose.yml", "compose.yaml", "process-compose.yml", "process-compose.yaml"},
		{"compose.override.yml", "compose.override.yaml", "process-compose.override.yml", "process-compose.override.yaml"},
	} {
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil || strings.HasPrefix(n, "compose.") && !strings.Contains("\n"+string(b), "\nprocesses:") {
				continue
			}
			files = append(files, filepath.Join(dir, n))
			break
		}
		if len(files) == 0 {
			break
		}
	}
	return files
}

// doc is one decoded file, and the directory of the file it came from
// when that was extended.
type doc struct {
	m   map[string]any
	dir string // "" for files named on the command line
}

// Load loads files as process-compose's -f would.
func Load(files []string, opts Options) (*Project, error) {
	if opts.Read == nil {
		opts.Read = os.ReadFile
	}
	var docs []doc
	for _, f := range files {
		chain, err := readChain(f, 0, opts)
		if err != nil {
			return nil, err
		}
		docs = append(docs, chain...)
	}
	if len(docs) == 0 {
		return &Project{Shell: [2]string{"bash", "-c"}}, nil
	}
	// Processes of extended files run in those files' directories.
	for _, d := range docs {
		if d.dir == "" {
			continue
		}
		for _, p := range mapping(d.m["processes"]) {
			pm := mapping(p)
			if pm == nil {
				continue
			}
			wd := String(pm["working_dir"])
			if !filepath.IsAbs(wd) {
				wd = filepath.Join(d.dir, wd)
				if opts.Dir != "" {
					if rel, err := filepath.Rel(opts.Dir, wd); err == nil {
						wd = rel
					}
				}
				pm["working_dir"] = wd
			}
		}
	}
	top := docs[0].m
	for _, d := range docs[1:] {
		top = mergeTop(top, d.m)
	}
	return build(top, opts)
}

// readChain reads a file and the files its top-level extends names,
// extended files first.
func readChain(file string, depth int, opts Options) ([]doc, error) {
	raw, err := opts.Read(file)
	if err != nil {
		return nil, err
	}
	var probe struct {
		DisableEnvExpansion bool   `yaml:"disable_env_expansion"`
		Extends             string `yaml:"extends"`
	}
	text := string(raw)
	expand := true
	if opts.Lookup != nil {
		// process-compose reads the flag from the substituted text.
		if s, err := substitute(strings.ReplaceAll(text, "$$", dollar), opts.Lookup); err == nil {
			yaml.Unmarshal([]byte(strings.ReplaceAll(s, dollar, "$")), &probe)
		}
	} else {
		yaml.Unmarshal(raw, &probe)
	}
	expand = !probe.DisableEnvExpansion
	if expand {
		text = strings.ReplaceAll(text, "$$", dollar)
		if opts.Lookup != nil {
			s, err := substitute(text, opts.Lookup)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", file, err)
			}
			text = strings.ReplaceAll(s, dollar, "$")
		}
	}
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(text), &node); err != nil {
		return nil, err
	}
	m, _ := value(&node, 0).(map[string]any)
	if expand && opts.Lookup == nil {
		m, _ = finish(m).(map[string]any)
	}
	var out []doc
	if probe.Extends != "" && depth < 10 {
		base, err := readChain(filepath.Join(filepath.Dir(file), probe.Extends), depth+1, opts)
		if err != nil {
			return nil, err
		}
		for i := range base {
			if base[i].dir == "" {
				base[i].dir = filepath.Dir(filepath.Join(filepath.Dir(file), probe.Extends))
			}
		}
		out = base
	}
	return append(out, doc{m: m}), nil
}

// build makes the project of a merged document.
func build(top map[string]any, opts Options) (*Project, error) {
	proj := &Project{Shell: [2]string{"bash", "-c"}}
	if _, isMap := top["environment"].(map[string]any); isMap && opts.Lookup != nil {
		return nil, fmt.Errorf("environment: a mapping, where process-compose reads a list")
	}
	for _, e := range list(top["environment"]) {
		proj.Env = append(proj.Env, String(e))
	}
	ec := mapping(top["env_cmds"])
	for _, name := range slices.Sorted(maps.Keys(ec)) {
		proj.EnvCmds = append(proj.EnvCmds, EnvCmd{name, String(ec[name])})
	}
	if sh := mapping(top["shell"]); sh != nil {
		if c := String(sh["shell_command"]); c != "" {
			proj.Shell[0] = c
		}
		if a := String(sh["shell_argument"]); a != "" {
			proj.Shell[1] = a
		}
	}
	proj.OrderedShutdown = boolean(top["ordered_shutdown"])
	procs := mapping(top["processes"])
	vars, _ := plain(top["vars"]).(map[string]any)
	names := slices.Sorted(maps.Keys(procs))
	resolved := map[string]map[string]any{}
	var resolve func(name string, depth int) map[string]any
	resolve = func(name string, depth int) map[string]any {
		if r, ok := resolved[name]; ok {
			return r
		}
		p := mapping(procs[name])
		if p == nil {
			p = map[string]any{}
		}
		if ext := String(p["extends"]); ext != "" && depth < 20 {
			if _, exists := procs[ext]; exists && ext != name {
				p = mergeProc(deepCopy(resolve(ext, depth+1)).(map[string]any), p)
			}
		}
		resolved[name] = p
		return p
	}
	groups := map[string][]string{}
	for _, name := range names {
		p := resolve(name, 0)
		if _, isMap := p["environment"].(map[string]any); isMap && opts.Lookup != nil {
			return nil, fmt.Errorf("process %s: environment: a mapping, where process-compose reads a list", name)
		}
		n, _ := integer(p["replicas"])
		count := max(n, 1)
		for i := 0; i < count; i++ {
			mp := &Proc{Name: name, Replicas: n, Replica: i, Env: map[string]string{}}
			if n > 1 {
				mp.Group = name
				mp.Name = fmt.Sprintf("%s-%0*d", name, len(strconv.Itoa(n)), i)
				groups[name] = append(groups[name], mp.Name)
			}
			data := maps.Clone(vars)
			if data == nil {
				data = map[string]any{}
			}
			pv, _ := plain(p["vars"]).(map[string]any)
			maps.Copy(data, pv)
			data["PC_REPLICA_NUM"] = i
			render := func(s string) (string, error) { return Render(s, data, opts.Lookup == nil) }
			cmd := String(p["command"])
			if !boolean(p["is_template_disabled"]) {
				var err error
				if cmd, err = render(cmd); err != nil {
					return nil, fmt.Errorf("process %s: %v", name, err)
				}
			}
			mp.Command = cmd
			if cmd == "" {
				for _, w := range list(p["entrypoint"]) {
					mp.Entrypoint = append(mp.Entrypoint, String(w))
				}
			}
			for _, e := range list(p["environment"]) {
				entry, err := render(String(e))
				if err != nil {
					return nil, fmt.Errorf("process %s: %v", name, err)
				}
				k, v, ok := cutEnv(entry)
				if !ok {
					continue
				}
				if _, dup := mp.Env[k]; !dup {
					mp.EnvOrder = append(mp.EnvOrder, k)
				}
				mp.Env[k] = v
			}
			wd, err := render(String(p["working_dir"]))
			if err != nil {
				return nil, fmt.Errorf("process %s: %v", name, err)
			}
			mp.WorkingDir = wd
			mp.EnvFile = String(p["env_file"])
			mp.Daemon = boolean(p["is_daemon"])
			mp.Restart = String(mapping(p["availability"])["restart"])
			mp.Disabled = boolean(p["disabled"])
			if d := String(p["is_disabled"]); d != "" {
				mp.Disabled = d == "true"
			}
			mp.Foreground = boolean(p["is_foreground"])
			mp.DotenvDisabled = boolean(p["is_dotenv_disabled"])
			sd := mapping(p["shutdown"])
			mp.Shutdown.Command = String(sd["command"])
			mp.Shutdown.Signal = 15
			if s, ok := integer(sd["signal"]); ok && s > 0 {
				mp.Shutdown.Signal = s
			}
			mp.Shutdown.Timeout, _ = integer(sd["timeout_seconds"])
			mp.Shutdown.ParentOnly = boolean(sd["parent_only"])
			if rp := mapping(p["readiness_probe"]); rp != nil {
				probe := &Probe{}
				if ex := mapping(rp["exec"]); ex != nil {
					if probe.Exec, err = render(String(ex["command"])); err != nil {
						return nil, fmt.Errorf("process %s: %v", name, err)
					}
					probe.WorkingDir = String(ex["working_dir"])
				} else if hg := mapping(rp["http_get"]); hg != nil {
					probe.HTTP = true
					if probe.HTTPPort, err = render(String(hg["port"])); err != nil {
						return nil, fmt.Errorf("process %s: %v", name, err)
					}
				}
				if probe.Exec != "" || probe.HTTP {
					mp.Readiness = probe
				}
			}
			mp.Liveness = mapping(p["liveness_probe"]) != nil
			deps := mapping(p["depends_on"])
			for _, d := range slices.Sorted(maps.Keys(deps)) {
				cond := String(mapping(deps[d])["condition"])
				if cond == "" {
					cond = "process_completed"
				}
				mp.DependsOn = append(mp.DependsOn, Dep{d, cond})
			}
			proj.Procs = append(proj.Procs, mp)
		}
	}
	// A dependency on a replicated group waits for every replica.
	for _, mp := range proj.Procs {
		var deps []Dep
		for _, d := range mp.DependsOn {
			if reps, ok := groups[d.Name]; ok {
				for _, r := range reps {
					deps = append(deps, Dep{r, d.Condition})
				}
				continue
			}
			deps = append(deps, d)
		}
		mp.DependsOn = deps
	}
	return proj, nil
}

// cutEnv splits an environment entry at its first "=".
func cutEnv(s string) (k, v string, ok bool) {
	k, v, ok = strings.Cut(s, "=")
	return k, v, ok && k != ""
}

// Proc returns the process or replica called name, or nil.
func (p *Project) Proc(name string) *Proc {
	for _, mp := range p.Procs {
		if mp.Name == name {
			return mp
		}
	}
	return nil
}

// Render renders s as a process-compose template with data. With unset,
// the ${VAR} references inside actions are taken as unset first (their
// default, if any), for the static model, where the environment at load
// time is unknown. A template error is an error, as it is for
// process-compose.
func Render(s string, data map[string]any, unset bool) (string, error) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	if unset {
		s = action.ReplaceAllStringFunc(s, func(a string) string {
			return ref.ReplaceAllString(a, "$1")
		})
	}
	tpl, err := template.New("").Parse(s)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	action = lazyre.New(`\{\{.*?\}\}`)
	// ref matches a ${VAR} reference, with a :-, -, := or = default as
	// its first group: what bash gives it when VAR is unset.
	ref = lazyre.New(`\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=]([^}]*))?\}`)
)

// UnsetRefs returns s as bash expands its ${VAR} references when no
// variable is set.
func UnsetRefs(s string) string { return ref.ReplaceAllString(s, "$1") }
