package behave

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pc2devenv/pc2devenv/internal/devenvrun"
	"github.com/pc2devenv/pc2devenv/internal/pcmodel"
	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
	"github.com/pc2devenv/pc2devenv/internal/sourcerun"
)

// settleTimeout bounds the wait for a run's commands to settle; only a
// command that loops without calling a stub reaches it.
const settleTimeout = 30 * time.Second

// manager is a started process manager.
type manager interface {
	Idle() bool
	Stop()
}

// finish lets a started manager's processes settle, stops them and
// returns the record.
func finish(t testing.TB, run *procrun.Run, m manager) *procrun.Record {
	t.Helper()
	err := run.Settle(settleTimeout, m.Idle)
	m.Stop()
	rec, rerr := run.Result()
	if rerr != nil {
		t.Fatal(rerr)
	}
	rec.Unsettled = errors.Is(err, procrun.ErrUnsettled)
	return rec
}

// LoadProcessCompose loads a process-compose project in the scratch
// directory as process-compose does when started there: its .env file
// (godotenv's reading; a file it cannot read loads nothing), then files,
// substituted from the .env variables and the runner's environment.
func (sc *Scratch) LoadProcessCompose(files []string) (*pcmodel.Project, []pcmodel.Var, error) {
	var dotenv []pcmodel.Var
	if b, err := os.ReadFile(filepath.Join(sc.Root, ".env")); err == nil {
		if vs, err := pcmodel.ReadDotenv(string(b)); err == nil {
			dotenv = vs
		}
	}
	env := sc.Env
	lookup := func(name string) (string, bool) {
		for _, v := range dotenv {
			if v.Name == name {
				return v.Value, true
			}
		}
		for _, kv := range env {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				return v, true
			}
		}
		return "", false
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(sc.Root, f))
	}
	proj, err := pcmodel.Load(paths, pcmodel.Options{Lookup: lookup, Dir: sc.Root})
	return proj, dotenv, err
}

// RunProcessCompose runs a loaded project as process-compose does.
func (sc *Scratch) RunProcessCompose(t testing.TB, proj *pcmodel.Project, dotenv []pcmodel.Var, prio func(string) int) *procrun.Record {
	t.Helper()
	s := sc.Stubs(t)
	run := procrun.New(s)
	cfg := sourcerun.ProcessCompose(run, proj, dotenv, sourcerun.Env{Root: sc.Root, Environ: sc.Environ(s), LookPath: lookReal})
	cfg.Priority = prio
	return finish(t, run, pcrun.Start(run, cfg))
}

// RunForeman runs a Procfile's entries as foreman start does, with the
// scratch directory's .env file, or with envFiles instead (foreman's -e),
// relative to it.
func (sc *Scratch) RunForeman(t testing.TB, entries []sourcerun.ForemanEntry, envFiles []string, portBase int) *procrun.Record {
	t.Helper()
	if envFiles == nil {
		envFiles = []string{".env"}
	}
	var dotenv [][2]string
	for _, f := range envFiles {
		if b, err := os.ReadFile(filepath.Join(sc.Root, f)); err == nil {
			dotenv = append(dotenv, sourcerun.ReadForemanEnv(string(b))...)
		}
	}
	s := sc.Stubs(t)
	run := procrun.New(s)
	cfg := sourcerun.Foreman(entries, dotenv, portBase, sourcerun.Env{Root: sc.Root, Environ: sc.Environ(s), LookPath: lookReal})
	return finish(t, run, pcrun.Start(run, cfg))
}

// RunDevenv runs an evaluated devenv module's processes as devenv up
// does, with manager ("" for the module's own); v1 says the module is
// for devenv 1 (see devenvrun.Options.Version1).
func (sc *Scratch) RunDevenv(t testing.TB, cfg *devenvrun.Config, manager string, v1 bool, prio func(string) int) *procrun.Record {
	t.Helper()
	s := sc.Stubs(t)
	run := procrun.New(s)
	m, err := cfg.StartProcesses(run, devenvrun.Options{
		Root: sc.Root, Environ: sc.Environ(s), Bash: lookReal("bash"), Scripts: t.TempDir(),
		Manager: manager, Priority: prio, Version1: v1,
	})
	var refused *devenvrun.Refused
	if errors.As(err, &refused) {
		return &procrun.Record{Refused: refused.Why}
	}
	if err != nil {
		t.Fatal(err)
	}
	return finish(t, run, m)
}

// RunCompose runs a compose project's services as docker compose up
// does, with the container engine stubbed (see sourcerun.Compose).
func (sc *Scratch) RunCompose(t testing.TB, services []sourcerun.ComposeService, prio func(string) int) *procrun.Record {
	t.Helper()
	s := sc.Stubs(t)
	run := procrun.New(s)
	cfg, err := sourcerun.Compose(services, sourcerun.Env{Root: sc.Root, Environ: sc.Environ(s), LookPath: lookReal,
		Container: s.Direct(sourcerun.ContainerProgram)})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Priority = prio
	return finish(t, run, pcrun.Start(run, cfg))
}
