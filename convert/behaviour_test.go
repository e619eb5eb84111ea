package convert

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/behave"
	"github.com/pc2devenv/pc2devenv/internal/devenvrun"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
	"github.com/pc2devenv/pc2devenv/internal/sourcerun"
	"github.com/pc2devenv/pc2devenv/ir"
)

// The behaviour test runs every golden case and every corpus
// process-compose file and Procfile as its source's runner does and, for
// each target, its conversion as devenv does, and compares what every
// process's programs see (package behave). A difference must be in
// testdata/behaviour/accepted, with its reason; an entry there that no
// difference matches is stale and fails too.
const acceptedFile = "../testdata/behaviour/accepted"

// behaviourCase is one project to compare.
type behaviourCase struct {
	// name names the case in the accepted list: golden/NAME or
	// corpus/FILE, with "+no-services" or "+env:NAME=value" for variants.
	name string
	// scratch makes the project's scratch directory, with env.
	scratch func(t *testing.T, env []string) *behave.Scratch
	// paths are the files to convert, relative to the scratch directory
	// ("" for the directory).
	paths []string
	// pcFiles are the process-compose files process-compose loads,
	// relative to it; procfile is the Procfile foreman runs.
	pcFiles  []string
	procfile string
	// compose says docker compose runs the project, from composeFiles
	// (relative to the scratch directory; nil for those docker compose
	// finds there).
	compose      bool
	composeFiles []string
	// envFiles are the .env files named, which replace .env for
	// foreman (its -e).
	envFiles []string
	opts     Options
	targets  []emit.Target
	// envs are the variants: extra environments to run with.
	envs [][]string
}

// behaviourTally counts what the test compared.
type behaviourTally struct {
	mu                          sync.Mutex
	compared, identical, cases  int
	byKind                      map[string]int
	found                       map[string][]string // accepted-list key -> details
	corpusCompared, corpusIdent int
}

func TestBehaviour(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("the behaviour test reads /proc to see when commands have settled")
	}
	nixeval.Require(t)
	accepted, err := readAccepted(acceptedFile)
	if err != nil {
		t.Fatal(err)
	}
	cases := goldenBehaviourCases(t)
	corpus := corpusBehaviourCases(t)
	cases = append(cases, corpus...)
	tally := &behaviourTally{byKind: map[string]int{}, found: map[string][]string{}}
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				runBehaviourCase(t, c, tally)
			})
		}
	})
	if f := os.Getenv("PC2DEVENV_BEHAVIOUR_REPORT"); f != "" {
		var b strings.Builder
		for _, key := range slices.Sorted(maps.Keys(tally.found)) {
			fmt.Fprintf(&b, "%s\n\t%s\n", key, strings.Join(tally.found[key], "\n\t"))
		}
		os.WriteFile(f, []byte(b.String()), 0o644)
	}
	// Every difference found must be accepted, and every entry used.
	for _, key := range slices.Sorted(maps.Keys(tally.found)) {
		if _, ok := accepted.match(key); !ok {
			t.Errorf("behaviour differs, and %s does not accept it:\n\t%s\n\t%s", acceptedFile, key, strings.Join(tally.found[key], "\n\t"))
		}
	}
	if len(corpus) > 0 && !t.Failed() {
		for _, e := range accepted.entries {
			if !e.used {
				t.Errorf("%s:%d: stale: no difference matches %q", acceptedFile, e.line, e.key)
			}
		}
	}
	t.Logf("%d cases; %d processes compared (%d in the corpus), %d identical (%d in the corpus); differences by kind: %v",
		tally.cases, tally.compared, tally.corpusCompared, tally.identical, tally.corpusIdent, tally.byKind)
}

// goldenBehaviourCases are the golden cases with a process-compose file,
// a Procfile or docker-compose files (a case that converts a compose
// file with another source runs the other source alone).
func goldenBehaviourCases(t *testing.T) []behaviourCase {
	var out []behaviourCase
	for _, gc := range goldenCases(t) {
		// The case's files, for as long as the test runs.
		dir := extractCase(t, gc)
		args := caseArgs(t, gc, dir)
		if args.opts.From != "" && args.opts.From != ir.FormatProcessCompose && args.opts.From != ir.FormatProcfile && args.opts.From != ir.FormatCompose {
			continue
		}
		c := behaviourCase{name: "golden/" + gc.Name, opts: args.opts, targets: args.targets}
		c.scratch = func(t *testing.T, env []string) *behave.Scratch { return behave.NewScratch(t, dir, env) }
		for _, p := range args.paths {
			rel, _ := filepath.Rel(dir, p)
			c.paths = append(c.paths, rel)
		}
		files := c.paths
		if files == nil {
			for _, f := range pcmodel.Discover(dir) {
				files = append(files, filepath.Base(f))
			}
		}
		if files == nil {
			for _, n := range []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"} {
				if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
					c.compose = true
				}
			}
		}
		for _, f := range files {
			content, _ := os.ReadFile(filepath.Join(dir, f))
			format := FormatOf(f, content)
			if args.opts.From != "" && format != ir.FormatDotenv {
				format = args.opts.From
			}
			switch format {
			case ir.FormatProcessCompose:
				c.pcFiles = append(c.pcFiles, f)
			case ir.FormatProcfile:
				c.procfile = f
			case ir.FormatDotenv:
				c.envFiles = append(c.envFiles, f)
			case ir.FormatCompose:
				c.compose = true
				c.composeFiles = append(c.composeFiles, f)
			}
		}
		if c.paths == nil && c.pcFiles == nil {
			for _, n := range []string{"Procfile.dev", "Procfile"} {
				if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
					c.procfile = n
					break
				}
			}
		}
		if c.pcFiles == nil && c.procfile == "" && !c.compose {
			continue
		}
		if c.compose && (c.pcFiles != nil || c.procfile != "") {
			// No one runner runs both: the other source runs alone, and
			// the compose services' processes are extra (accepted).
			c.compose, c.composeFiles = false, nil
		}
		// The case's "env:" settings: variants to run besides the
		// plain one.
		c.envs = gc.Envs
		out = append(out, c)
	}
	return out
}

// corpusBehaviourCases are the corpus's process-compose files (each
// alone, and the showcase with its override), its compose files (with
// their layers) and its Procfiles.
func corpusBehaviourCases(t *testing.T) []behaviourCase {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Logf("corpus not available at %s: only the golden cases are compared", corpusDir)
		return nil
	}
	var out []behaviourCase
	for _, files := range corpusProjects(t) {
		c := behaviourCase{name: "corpus/" + projectName(files), targets: emit.Targets}
		names := []string{"process-compose.yml", "process-compose.override.yml"}
		c.pcFiles = names[:len(files)]
		c.paths = c.pcFiles
		c.scratch = func(t *testing.T, env []string) *behave.Scratch {
			sc := behave.NewScratchFile(t, files[0], names[0], env)
			if len(files) > 1 {
				b, err := os.ReadFile(files[1])
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(sc.Root, names[1]), b, 0o644)
			}
			return sc
		}
		out = append(out, c)
	}
	if _, err := os.Stat(filepath.Join(corpusDir, "SOURCES.tsv")); err == nil {
		for _, p := range composeCorpus(t) {
			// The scratch directory is the compose file's: the output's
			// paths are relative to it (companions above it are left
			// out).
			c := behaviourCase{name: "corpus/" + p.name, targets: emit.Targets, compose: true}
			c.composeFiles = []string{filepath.Base(p.path)}
			for _, l := range p.layers {
				rel, err := filepath.Rel(filepath.Dir(p.path), l)
				if err != nil || !filepath.IsLocal(rel) {
					continue
				}
				c.composeFiles = append(c.composeFiles, rel)
			}
			c.paths = c.composeFiles
			c.scratch = func(t *testing.T, env []string) *behave.Scratch {
				files := p.layOut(t)
				return behave.NewScratch(t, filepath.Dir(files[0]), env)
			}
			out = append(out, c)
		}
	}
	for _, f := range corpusFiles(t, "procfile") {
		base := filepath.Base(f)
		name := base[strings.LastIndex(base, "__")+2:]
		c := behaviourCase{name: "corpus/" + base, targets: emit.Targets, procfile: name, paths: []string{name}}
		c.scratch = func(t *testing.T, env []string) *behave.Scratch { return behave.NewScratchFile(t, f, name, env) }
		out = append(out, c)
	}
	return out
}

// runBehaviourCase compares one case, and its variants.
// Each variant is a subtest of its own, so that one its runner would not
// load shows as skipped without skipping the others.
func runBehaviourCase(t *testing.T, c behaviourCase, tally *behaviourTally) {
	variants := append([][]string{nil}, c.envs...)
	for _, env := range variants {
		name, sub := c.name, "plain"
		if env != nil {
			sub = "env:" + strings.Join(env, ",")
			name += "+" + sub
		}
		t.Run(sub, func(t *testing.T) { compareCase(t, c, name, env, Options{}, tally) })
	}
}

// output is one target's conversion, evaluated.
type behaviourOutput struct {
	target  emit.Target
	label   string // the target, and +no-services for that variant
	res     *Result
	cfg     *devenvrun.Config
	noSvcOf bool
}

// compareCase runs the source once and each target's output, and
// records the differences.
func compareCase(t *testing.T, c behaviourCase, name string, env []string, _ Options, tally *behaviourTally) {
	sc := c.scratch(t, env)
	paths := []string{sc.Root}
	if c.paths != nil {
		paths = nil
		for _, p := range c.paths {
			paths = append(paths, filepath.Join(sc.Root, p))
		}
	}
	// The source, loaded as its runner loads it.
	var proj *pcmodel.Project
	var dotenv []pcmodel.Var
	var entries []sourcerun.ForemanEntry
	var services []sourcerun.ComposeService
	switch {
	case c.compose:
		var err error
		services, err = sourcerun.LoadCompose(sc.Root, c.composeFiles, c.opts.Profiles)
		if err != nil {
			t.Skipf("docker compose would not load it (%v): not compared", err)
		}
		sc.AddProgram(sourcerun.ContainerProgram)
		for _, s := range services {
			if s.Build != "" {
				sc.AddDir(s.Build)
				if s.Known && len(s.Argv) > 0 {
					sc.AddProgram(s.Argv[0])
					// Its healthcheck runs natively too.
					switch {
					case s.HealthShell:
						sc.AddCommand(s.Health[2], s.Build)
					case len(s.Health) > 0:
						sc.AddProgram(s.Health[0])
					}
				}
			}
		}
	case c.pcFiles != nil:
		var err error
		proj, dotenv, err = sc.LoadProcessCompose(c.pcFiles)
		if err != nil {
			t.Skipf("process-compose would not load it (%v): not compared", err)
		}
		for _, p := range proj.Procs {
			sc.AddDir(p.WorkingDir)
			sc.AddCommand(p.Command, p.WorkingDir)
			if len(p.Entrypoint) > 0 {
				sc.AddProgram(p.Entrypoint[0])
			}
			sc.AddCommand(p.Shutdown.Command, p.WorkingDir)
			if p.Readiness != nil {
				dir := p.WorkingDir
				if p.Readiness.WorkingDir != "" {
					dir = p.Readiness.WorkingDir
				}
				sc.AddCommand(p.Readiness.Exec, dir)
			}
		}
		for _, e := range proj.EnvCmds {
			sc.AddCommand(e.Command, "")
		}
	default:
		b, err := os.ReadFile(filepath.Join(sc.Root, c.procfile))
		if err != nil {
			t.Fatal(err)
		}
		entries = sourcerun.ReadProcfile(string(b))
		for _, e := range entries {
			sc.AddCommand(e.Command, "")
		}
	}
	// The outputs: every target, and without services where a process
	// became one.
	var outs []behaviourOutput
	for _, tg := range c.targets {
		replaced := false
		for _, noSvc := range []bool{false, true} {
			opts := c.opts
			opts.Target = tg
			if noSvc {
				if opts.Services.Off {
					continue
				}
				opts.Services.Off = true
			}
			if noSvc && !replaced {
				continue
			}
			res, err := Paths(paths, opts)
			if err != nil {
				t.Fatal(err)
			}
			if noSvc && !replaced {
				continue
			}
			if res.Output == nil {
				continue
			}
			replaced = len(res.Replaced) > 0
			v, err := nixeval.EvalModule(res.Output)
			if err != nil {
				t.Fatalf("%s: %v", tg, err)
			}
			cfg, err := devenvrun.Decode(v)
			if err != nil {
				t.Fatalf("%s: %v", tg, err)
			}
			label := tg.String()
			if noSvc {
				label += "+no-services"
			}
			outs = append(outs, behaviourOutput{target: tg, label: label, res: res, cfg: cfg})
			for _, p := range cfg.Processes {
				dir := cwdIn(p.Cwd, sc.Root)
				sc.AddCommand(p.Exec, dir)
				if p.Ready != nil && p.Ready.Exec != nil {
					sc.AddCommand(*p.Ready.Exec, dir)
				}
				if sd, ok := p.ProcessCompose["shutdown"].(map[string]any); ok {
					if cmd, ok := sd["command"].(string); ok {
						sc.AddCommand(cmd, "")
					}
				}
				if wd, ok := p.ProcessCompose["working_dir"].(string); ok {
					sc.AddDir(wd)
				}
			}
			for _, task := range cfg.Tasks {
				dir := cwdIn(task.Cwd, sc.Root)
				if task.Exec != nil {
					sc.AddCommand(*task.Exec, dir)
				}
				if task.Status != nil {
					sc.AddCommand(*task.Status, dir)
				}
			}
		}
	}
	if len(outs) == 0 {
		return
	}
	// The order processes start in when they could start together:
	// those that wait for others first.
	depth := map[string]int{}
	var edges []behave.Edge
	if services != nil {
		deps := map[string][]pcrun.Dep{}
		for _, s := range services {
			deps[s.Name] = s.DependsOn
		}
		var measure func(name string, seen map[string]bool) int
		measure = func(name string, seen map[string]bool) int {
			if d, ok := depth[name]; ok {
				return d
			}
			if seen[name] {
				return 0
			}
			seen[name] = true
			d := 0
			for _, dep := range deps[name] {
				d = max(d, 1+measure(dep.Name, seen))
			}
			depth[name] = d
			return d
		}
		for _, s := range services {
			measure(s.Name, map[string]bool{})
			for _, d := range s.DependsOn {
				edges = append(edges, behave.Edge{From: s.Name, To: d.Name, When: behaviourWhen[d.Condition]})
			}
		}
	}
	if proj != nil {
		var measure func(name string, seen map[string]bool) int
		measure = func(name string, seen map[string]bool) int {
			if d, ok := depth[name]; ok {
				return d
			}
			p := proj.Proc(name)
			if p == nil || seen[name] {
				return 0
			}
			seen[name] = true
			d := 0
			for _, dep := range p.DependsOn {
				d = max(d, 1+measure(dep.Name, seen))
			}
			depth[name] = d
			return d
		}
		for _, p := range proj.Procs {
			measure(p.Name, map[string]bool{})
			for _, d := range p.DependsOn {
				edges = append(edges, behave.Edge{From: p.Name, To: d.Name, When: behaviourWhen[d.Condition]})
			}
		}
	}
	srcPrio := func(label string) int { return -depth[label] }
	var src *procrun.Record
	switch {
	case services != nil:
		src = sc.RunCompose(t, services, srcPrio)
	case proj != nil:
		src = sc.RunProcessCompose(t, proj, dotenv, srcPrio)
	default:
		src = sc.RunForeman(t, entries, c.envFiles, c.opts.PortBase)
	}
	srcB := behave.Read(src, sc.Root, sc.Env)
	for _, o := range outs {
		inverse := map[string]string{}
		for k, v := range o.res.Names {
			inverse[v] = k
		}
		prio := func(label string) int {
			if s, ok := inverse[label]; ok {
				return -depth[s]
			}
			return -depth[label]
		}
		manager := ""
		if o.target == emit.Devenv1 {
			// devenv 1 ran every process with process-compose.
			manager = "process-compose"
		}
		rec := sc.RunDevenv(t, o.cfg, manager, o.target == emit.Devenv1, prio)
		outB := behave.Read(rec, sc.Root, sc.Env)
		m := behave.Mapping{Labels: o.res.Names, Services: map[string]string{}}
		for srcName, svc := range o.res.Replaced {
			if proc, _, ok := devenvrun.ServiceProcess(svc); ok {
				m.Services[srcName] = proc
			}
		}
		// The host names and ports the conversion rewrote, and said so
		// (PC212), are what docker compose's processes see rewritten.
		diffs := behave.Compare(rewriteHosts(srcB, o.res.Diagnostics), outB, m, edges)
		tally.mu.Lock()
		tally.cases++
		differing := map[string]bool{}
		for _, d := range diffs {
			key := fmt.Sprintf("%s %s %s %s", name, o.label, orProject(d.Process), d.Kind)
			tally.found[key] = append(tally.found[key], d.Detail)
			tally.byKind[d.Kind]++
			differing[d.Process] = true
		}
		for p := range srcB.Procs {
			if _, svc := m.Services[p]; svc || strings.Contains(p, "/") {
				continue
			}
			tally.compared++
			if strings.HasPrefix(c.name, "corpus/") {
				tally.corpusCompared++
			}
			if !differing[p] && !differing[""] {
				tally.identical++
				if strings.HasPrefix(c.name, "corpus/") {
					tally.corpusIdent++
				}
			}
		}
		tally.mu.Unlock()
		if testing.Verbose() {
			for _, d := range diffs {
				t.Logf("%s: %s", o.label, d)
			}
		}
	}
}

// behaviourWhen gives the state of a dependency that a depends_on
// condition waits for (behave.Edge's When).
var behaviourWhen = map[string]string{
	pcrun.Started: "started", pcrun.LogReady: "started", pcrun.Healthy: "ready",
	pcrun.Completed: "exited", pcrun.CompletedSuccessfully: "succeeded",
}

func orProject(p string) string {
	if p == "" {
		return "(project)"
	}
	return p
}

// cwdIn returns a cwd of the evaluated output relative to root, "" for
// none.
func cwdIn(cwd *string, root string) string {
	if cwd == nil {
		return ""
	}
	if rest, ok := strings.CutPrefix(*cwd, nixeval.Root); ok {
		return strings.TrimPrefix(rest, "/")
	}
	return *cwd
}

// acceptedList is testdata/behaviour/accepted: the differences a user
// would accept, one a line: "CASE TARGET PROCESS KIND: reason", where
// TARGET may be "*" for every target and PROCESS "*" for every process.
type acceptedList struct {
	entries []*acceptedEntry
}

type acceptedEntry struct {
	key    string // CASE TARGET PROCESS KIND
	reason string
	line   int
	used   bool
}

func readAccepted(file string) (*acceptedList, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := &acceptedList{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, ": ")
		if !ok || strings.TrimSpace(reason) == "" || len(strings.Fields(key)) != 4 {
			return nil, fmt.Errorf("%s:%d: want \"CASE TARGET PROCESS KIND: reason\"", file, n)
		}
		l.entries = append(l.entries, &acceptedEntry{key: strings.Join(strings.Fields(key), " "), reason: reason, line: n})
	}
	return l, sc.Err()
}

// match finds the entry that accepts a difference's key.
func (l *acceptedList) match(key string) (*acceptedEntry, bool) {
	f := strings.Fields(key)
	for _, e := range l.entries {
		ef := strings.Fields(e.key)
		if ef[0] == f[0] && (ef[1] == f[1] || ef[1] == "*") && (ef[2] == f[2] || ef[2] == "*") && ef[3] == f[3] {
			e.used = true
			return e, true
		}
	}
	return nil, false
}
