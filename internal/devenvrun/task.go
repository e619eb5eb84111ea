package devenvrun

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file runs one task as devenv-tasks does, and holds what tasks,
// processes and scripts share: the script devenv writes, the directory
// and the environment a command runs with.

// runTask runs a task: its status command first, when it has one (exit 0
// skips the task); then its exec (none: the task succeeds). Each is a
// script (see script), in the task's cwd, with the shell's environment
// and the task's env.
func (e *engine) runTask(n *node) TaskResult {
	t := n.task
	res := TaskResult{Name: n.key}
	var stdout, stderr bytes.Buffer
	defer func() { res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes() }()
	dir, env := e.dir(t.Cwd), e.environ(nil, t.Env)
	run := func(label, text string, status bool) (int, bool) {
		code, err := e.script(label, text, t.Binary, status, dir, env, e.tee(&stdout, e.opts.Stdout), e.tee(&stderr, e.opts.Stderr))
		if err != nil {
			stderr.WriteString("devenvrun: " + err.Error() + "\n")
			res.Status, res.ExitCode = Failed, 127
			return 0, false
		}
		return code, true
	}
	if t.Status != nil {
		code, ok := run(n.label+"/status", *t.Status, true)
		if !ok {
			return res
		}
		if code == 0 {
			res.Status = Skipped
			return res
		}
	}
	if t.Exec == nil {
		res.Status = Succeeded
		return res
	}
	code, ok := run(n.label, *t.Exec, false)
	if !ok {
		return res
	}
	res.ExitCode, res.Status = code, Succeeded
	if code != 0 {
		res.Status = Failed
	}
	return res
}

// script runs text as devenv-tasks runs a task's exec or status, to its
// end (or until the run ends): a script file "#!bash", "set -e", text —
// with a binary other than bash, or for a status command, the text
// without "set -e" (devenv's tasks.nix writes it only for a bash exec) —
// run as "INTERPRETER FILE" in dir with env. It returns the exit status.
func (e *engine) script(label, text string, binary *string, status bool, dir string, env []string, stdout, stderr io.Writer) (int, error) {
	prog, setE, err := interpreter(e.bash, binary)
	if err != nil {
		return 0, err
	}
	if setE && !status {
		text = "set -e\n" + text
	}
	file, err := writeScript(e.opts.Scripts, label, prog, rooted(text, e.opts.Root))
	if err != nil {
		return 0, err
	}
	defer os.Remove(file)
	p, err := e.run.Start(procrun.Spec{Label: label, Argv: []string{prog, file}, Dir: dir, Env: env, Stdout: stdout, Stderr: stderr})
	if err != nil {
		return 0, err
	}
	select {
	case <-p.Done():
	case <-e.ctx.Done():
		e.run.Signal(p, syscall.SIGKILL)
		<-p.Done()
	}
	return p.Status(), nil
}

// interpreter returns the program that runs a task's or a script's
// text, and whether devenv puts "set -e" before a task's: bash, or the
// binary named, which devenv takes from the package (a store path): here
// the program of that name on this program's PATH, not a stub. "set -e"
// is bash's: a binary "bash" keeps it.
func interpreter(bash string, binary *string) (string, bool, error) {
	if binary == nil || *binary == "bash" {
		return bash, true, nil
	}
	p, err := exec.LookPath(*binary)
	return p, false, err
}

// writeScript writes the script devenv makes of a text: "#!" and the
// interpreter, then the text, in a new file of dir (the temporary
// directory when empty) named after label. It returns the file's path.
func writeScript(dir, label, interpreter, text string) (string, error) {
	f, err := os.CreateTemp(dir, strings.NewReplacer("/", "_", ":", "_").Replace(label)+"-*.sh")
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString("#!" + interpreter + "\n" + text); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// dir returns the directory a process or task runs in: its cwd, read from
// devenv.root when relative; devenv.root without one.
func (e *engine) dir(cwd *string) string {
	if cwd == nil {
		return e.opts.Root
	}
	d := rooted(*cwd, e.opts.Root)
	if !filepath.IsAbs(d) {
		d = filepath.Join(e.opts.Root, d)
	}
	return d
}

// environ returns the environment of a process or task: base (the
// shell's when nil), then the task's env, then the process's, each
// winning over what comes before it (devenv: process env > task env >
// shell env).
func (e *engine) environ(base []string, layers ...map[string]string) []string {
	if base == nil {
		base = e.shell
	}
	env := procrun.NewEnviron()
	env.Add(base)
	for _, l := range layers {
		for _, k := range sortedKeys(l) {
			env.Set(k, rooted(l[k], e.opts.Root))
		}
	}
	return env.List()
}

// tee writes to a task's own buffer and to the run's stream, one write
// at a time so that lines of tasks running together stay whole.
func (e *engine) tee(own *bytes.Buffer, w io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		e.outMu.Lock()
		defer e.outMu.Unlock()
		own.Write(p)
		if w != nil {
			w.Write(p)
		}
		return len(p), nil
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
