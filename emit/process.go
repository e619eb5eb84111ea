package emit

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/goquote"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// process lowers one long-running process.
func (l *lowerer) process(p *ir.Process) {
	a := nix.Set()
	pc := nix.Set() // raw process-compose keys
	l.command(a, p, "exec", false)
	if l.t.typed() {
		l.typedProcess(a, pc, p)
	} else {
		l.devenv1Process(pc, p)
		if len(p.After) > 0 {
			l.report(a, p.Pos, ir.Warning, ir.IDNoEquivalent, fmt.Sprintf("process %q waiting for %s", p.Name, strings.Join(p.After, ", ")),
				"devenv 1 processes cannot wait for tasks", "run the tasks before devenv up")
		}
	}
	l.fieldsWithoutOption(a, pc, p)
	l.extraKeys(a, pc, p)
	l.templateSafe(a, pc, p)
	if len(pc.Bindings) > 0 {
		a.Add(pc, "process-compose")
	}
	b := nix.Bind(a, "processes", l.names[p.Name])
	if p.Description != "" {
		b.Comments = append(b.Comments, p.Description)
	}
	b.Comments = append(b.Comments, p.Comments...)
	l.group(b)
	l.define(DefProcess, l.names[p.Name], sourceName(p), p.Pos)
}

// sourceName names a process as the source does: a replica by the
// process it was made from, so that what is said about all replicas is
// said once.
func sourceName(p *ir.Process) string {
	if p.Replica != nil {
		return p.Replica.Group
	}
	return p.Name
}

// commandText returns what a process runs: its command, or its
// entrypoint as a bash command line.
func (l *lowerer) commandText(p *ir.Process) ir.Text {
	if p.Command.IsEmpty() && len(p.Entrypoint) > 0 {
		return commandLine(p.Entrypoint)
	}
	return p.Command
}

// command adds the exec of a process or task: the source command (or
// entrypoint), after "set +e" when the command relies on bash -c's
// behaviour and the target runs it under set -e, after the exports of
// variables whose values need expanding and of env_cmds, and after the
// loading of the process's env_file; a daemon's command is followed by
// the lines that keep it in the foreground.
func (l *lowerer) command(a *nix.Attrs, p *ir.Process, key string, oneshot bool) {
	cmd := l.commandText(p)
	text := l.bash(cmd, "the command", p.Name)
	var pre, post []string
	bad := l.proj.Shell.BashSyntax(text)
	if bad != nil {
		// It stops where bash stops reading it, under either runner; no
		// "set +e" is needed for that.
		l.diags.Add(cmd.Pos, ir.IDBashSyntax,
			fmt.Sprintf("bash cannot parse the command of %q (line %d, column %d: %s)", p.Name, bad.Line, bad.Col, bad.Msg),
			"")
	}
	// Lines before the one bash cannot read run: without -e, as the
	// runner ran them.
	if l.t.typed() && (bad == nil && needsSetPlusE(l.proj.Shell, text) || bad != nil && bad.Line > 1) {
		pre = append(pre, "set +e")
		l.diags.Add(cmd.Pos, ir.IDSetE,
			goquote.In("the command of ", p.Name, ` starts with "set +e", as `, l.runnerOf(cmd.Pos), " runs it"), "")
	}
	if l.t.typed() {
		pre = append(pre, l.exports...)
		pre = append(pre, l.envCmds...)
		if p.EnvFile.Set {
			pre = append(pre, envFileLine(p.EnvFile.Val))
			l.diags.Add(p.EnvFile.Pos, ir.IDEnvFile,
				fmt.Sprintf("the command of process %q loads its env_file with bash", p.Name), "")
		}
		for _, v := range dedupEnv(p.Env) {
			if !v.Value.HasRefs() && (!p.EnvFile.Set || !shellName.MatchString(v.Name)) {
				continue // in env (see staticEnv)
			}
			line, ok := exportLine(v.Name, v.Value)
			if !ok {
				l.diags.Add(v.Pos, ir.IDEnvExported,
					fmt.Sprintf("environment variable %q of process %q refers to %s and is left out", v.Name, p.Name, refList(v.Value)), "")
				continue
			}
			pre = append(pre, line)
			if v.Value.HasRefs() {
				l.diags.AddAs(v.Pos, ir.Note, ir.IDEnvExported,
					goquote.In("the command of process ", p.Name, " exports ", goquote.In("", v.Name), ", which refers to ", refList(v.Value)), "")
			}
		}
		if p.IsDaemon.Set && p.IsDaemon.Val && !oneshot {
			stop := ""
			if sd := p.Shutdown; sd != nil && sd.Command.Set {
				stop = l.bash(sd.Command.Val, "the shutdown command", p.Name)
				l.decide(p.KeyPath.Child("shutdown", "command"), mapped("run by processes.<name>.exec when the daemon is stopped"))
			}
			post = daemonLines(stop)
			if stop != "" {
				pre = append(pre, daemonDirLine)
			}
			why := ", then runs its shutdown.command"
			if stop == "" {
				why = "; nothing stops the daemon (no shutdown.command)"
			}
			l.diags.Add(p.IsDaemon.Pos, ir.IDDaemon,
				fmt.Sprintf("daemon process %q waits after starting it%s", p.Name, why), "")
		}
	}
	if len(pre) > 0 || len(post) > 0 {
		text = wrapCommand(pre, text, post)
	}
	a.Add(nix.Str(text), key)
}

// typedProcess lowers a process to devenv 2's typed options; pc collects
// raw process-compose keys for the process-compose target.
func (l *lowerer) typedProcess(a, pc *nix.Attrs, p *ir.Process) {
	if p.Cwd.Set {
		if cwd := l.cwd(a, p.Cwd.Val, p.Name); cwd != nil {
			a.Add(cwd, "cwd")
		}
	}
	if e := l.envAttrs(p, staticEnv(p)); e != nil {
		a.Add(e, "env")
	}
	// Only the native manager is given allocated ports: the other targets
	// get the runner's fixed PORT (see envAttrs).
	if len(p.Ports) > 0 && l.t == Devenv2 {
		ports := nix.Set()
		for _, port := range p.Ports {
			ports.Add(&nix.Int{V: int64(port.Allocate)}, port.Name, "allocate")
		}
		a.Add(ports, "ports")
	}
	l.after(a, pc, p)
	if p.Readiness != nil {
		if r := l.ready(a, p.Readiness, p); r != nil {
			a.Add(r, "ready")
		}
	}
	l.restart(a, pc, p)
	if p.Disabled.Set && p.Disabled.Val {
		a.Add(&nix.Bool{V: false}, "start", "enable")
	}
}

// staticEnv returns the environment a typed target gives a process in
// env: variables without references, unless the process has an env_file,
// after which they are exported (to win over the file, as in
// process-compose) — all but those whose names bash cannot export, which
// the file cannot set either.
func staticEnv(p *ir.Process) []ir.EnvVar {
	all := dedupEnv(p.Env)
	// env is all until a variable is left out: most processes keep all.
	var env []ir.EnvVar
	kept := 0
	for i, v := range all {
		if v.Value.HasRefs() || p.EnvFile.Set && shellName.MatchString(v.Name) {
			if env == nil {
				env = make([]ir.EnvVar, i, len(all)-1)
				copy(env, all[:i])
			}
			continue
		}
		kept++
		if env != nil {
			env = append(env, v)
		}
	}
	switch {
	case kept == 0:
		return nil
	case env == nil:
		return all
	}
	return env
}

// envAttrs returns a process's env as devenv's env option: strings, and
// under devenv 2's native manager allocated port numbers for variables
// that carry them.
func (l *lowerer) envAttrs(p *ir.Process, env []ir.EnvVar) *nix.Attrs {
	if len(env) == 0 {
		return nil
	}
	a := nix.Set()
	for _, v := range env {
		if v.Port != "" && l.t == Devenv2 {
			a.Add(&nix.Apply{Fn: nix.Ref("toString"), Args: []nix.Expr{nix.Ref("config", "processes", l.names[p.Name], "ports", v.Port, "value")}}, v.Name)
			continue
		}
		a.Add(nix.Str(v.Value.Shell()), v.Name)
	}
	return a
}

// cwd returns a working directory as devenv's cwd: absolute, since devenv
// passes it to the system as it is. A relative directory, which
// process-compose resolved against the directory it was started in (the
// project's), is anchored to config.devenv.root. proc names the process
// in diagnostics.
func (l *lowerer) cwd(a *nix.Attrs, t ir.Text, proc string) nix.Expr {
	dir, unresolved := t.Resolve()
	what := func() string { return goquote.In("working_dir of process ", proc) }
	if len(unresolved) > 0 {
		ref := unresolved[0]
		l.diags.Add(t.Pos, ir.IDUnresolvedVar,
			fmt.Sprintf("%s uses %s, which cannot be resolved; cwd is left out", what(), ref.Raw),
			"give a default: ${"+ref.Name+":-dir}")
		a.Bindings = append(a.Bindings, nix.Comment(fmt.Sprintf("TODO(pc2devenv): cwd: the source's working_dir is %q", t.Shell())))
		return nil
	}
	if strings.Contains(dir, "$") {
		l.diags.Add(t.Pos, ir.IDBareVar,
			fmt.Sprintf("%s is %q, kept as written: $VAR is not expanded there", what(), dir),
			"write ${VAR} to have process-compose substitute it")
	}
	if path.IsAbs(dir) {
		return nix.Str(dir)
	}
	rel := path.Clean(dir)
	root := nix.Part{Interp: nix.Ref("config", "devenv", "root")}
	if rel == "." {
		return &nix.String{Parts: []nix.Part{root}}
	}
	return &nix.String{Parts: []nix.Part{root, {Lit: "/" + rel}}}
}

// probeString returns a string of devenv's ready option. Under the
// process-compose manager devenv hands it to process-compose, which
// renders it as a Go template, so "{{" is escaped there.
func (l *lowerer) probeString(s string) *nix.String {
	if l.t.processCompose() {
		return nix.Str(strings.ReplaceAll(s, "{{", `{{"{{"}}`))
	}
	return nix.Str(s)
}

// ready lowers a readiness probe to devenv's ready option.
func (l *lowerer) ready(a *nix.Attrs, pr *ir.Probe, p *ir.Process) *nix.Attrs {
	r := nix.Set()
	subject := func(key string) string { return fmt.Sprintf("readiness_probe.%s of process %q", key, sourceName(p)) }
	switch {
	case pr.Exec != nil:
		r.Add(l.probeString(l.bash(pr.Exec.Command, "the readiness_probe", p.Name)), "exec")
		if pr.Exec.WorkingDir.Set {
			l.report(a, pr.Exec.WorkingDir.Pos, ir.Warning, ir.IDProbeField, subject("exec.working_dir"), "devenv's ready.exec has no working directory", "start the command with cd")
		}
	case pr.HTTP != nil:
		h := pr.HTTP
		get := nix.Set()
		if h.Host.Set {
			get.Add(l.probeString(h.Host.Val), "host")
		}
		if n := httpPort(h); n > 0 {
			get.Add(&nix.Int{V: int64(n)}, "port")
		} else {
			why := "it has no port, so process-compose never reported the process ready; devenv requires one"
			if h.Port.Set {
				why = fmt.Sprintf("its port %q is not a port number devenv can use", h.Port.Val.Shell())
			}
			l.report(a, h.Pos, ir.Warning, ir.IDProbeField, subject("http_get"), why, "")
			return nil
		}
		if h.Path.Set {
			get.Add(l.probeString(h.Path.Val), "path")
		}
		if h.Scheme.Set {
			get.Add(nix.Str(h.Scheme.Val), "scheme")
		}
		r.Add(get, "http", "get")
		for _, hd := range h.Headers {
			l.report(a, hd.KeyPos, ir.Warning, ir.IDProbeField, subject("http_get.headers."+hd.Key), "devenv's ready.http.get sends no headers", "")
		}
		if h.StatusCode.Set && h.StatusCode.Val != 200 {
			l.report(a, h.StatusCode.Pos, ir.Warning, ir.IDProbeField, subject("http_get.status_code"), fmt.Sprintf("devenv's ready.http.get expects status 200, not %d", h.StatusCode.Val), "")
		}
	default:
		return nil
	}
	for _, t := range []struct {
		o   ir.Opt[int]
		key string
	}{
		{pr.InitialDelay, "initial_delay"},
		{pr.Period, "period"},
		{pr.Timeout, "probe_timeout"},
		{pr.SuccessThreshold, "success_threshold"},
		{pr.FailureThreshold, "failure_threshold"},
	} {
		if t.o.Set {
			r.Add(&nix.Int{V: int64(t.o.Val)}, t.key)
		}
	}
	return r
}

// restart lowers availability to devenv's restart option. devenv's default
// (on_failure, at most 5 times) differs from process-compose's (no restart;
// max_restarts 0 means unlimited), so the source's policy is always
// written out.
func (l *lowerer) restart(a, pc *nix.Attrs, p *ir.Process) {
	policy := ir.RestartNo
	var av *ir.Restart = p.Restart
	if av != nil && av.Policy.Set {
		policy = av.Policy.Val
	}
	r := nix.Set()
	switch policy {
	case ir.RestartAlways, ir.RestartOnFailure:
		r.Add(nix.Str(string(policy)), "on")
		if av != nil && av.MaxRestarts.Set && av.MaxRestarts.Val > 0 {
			r.Add(&nix.Int{V: int64(av.MaxRestarts.Val)}, "max")
		} else {
			r.Add(&nix.Null{}, "max")
		}
	case ir.RestartExitOnFailure:
		r.Add(nix.Str("never"), "on")
		if l.t.processCompose() {
			pc.Add(nix.Str(string(policy)), "availability", "restart")
		} else {
			l.report(a, av.Policy.Pos, ir.Warning, ir.IDRestartLowered, fmt.Sprintf("availability.restart = %q of process %q", policy, p.Name),
				"devenv does not stop the environment when a process fails; the process is not restarted", "")
		}
	default:
		r.Add(nix.Str("never"), "on")
	}
	a.Add(r, "restart")
	if av == nil {
		return
	}
	// The values are made only for the keys set.
	if o := av.Backoff; o.Set {
		l.passOrReport(a, pc, o.Pos, p, "availability.backoff_seconds", &nix.Int{V: int64(o.Val)})
	}
	if o := av.ExitOnEnd; o.Set {
		l.passOrReport(a, pc, o.Pos, p, "availability.exit_on_end", &nix.Bool{V: o.Val})
	}
	if o := av.ExitOnSkipped; o.Set {
		l.passOrReport(a, pc, o.Pos, p, "availability.exit_on_skipped", &nix.Bool{V: o.Val})
	}
}

// passOrReport lowers a key that has no typed lowering as FateTable says:
// passed through as a process-compose key path, reported, or consumed.
func (l *lowerer) passOrReport(a, pc *nix.Attrs, pos ir.Pos, p *ir.Process, key string, value nix.Expr) {
	r := FatesFor("processes.*." + key)
	if r == nil {
		return
	}
	f := r.Fates[l.t]
	switch f.Kind {
	case PassedThrough:
		pc.Add(value, strings.Split(f.To, ".")...)
	case Reported:
		var subject string
		if s := scalarNix(value); s != "" {
			subject = goquote.In(key+" = "+s+" of process ", sourceName(p))
		} else {
			subject = goquote.In(key+" of process ", sourceName(p))
		}
		l.report(a, pos, ir.Warning, ir.IDNoEquivalent, subject, f.To, "")
	}
}

// scalarNix returns a scalar Nix value as source text, or "".
func scalarNix(e nix.Expr) string {
	switch e := e.(type) {
	case *nix.Bool:
		return strconv.FormatBool(e.V)
	case *nix.Int:
		return strconv.FormatInt(e.V, 10)
	case *nix.Null:
		return "null"
	case *nix.String:
		b, err := nix.FormatExpr(e)
		if err == nil && len(b) <= 60 && !strings.Contains(string(b), "\n") {
			return string(b)
		}
	}
	return ""
}

// fieldsWithoutOption lowers the model's fields that devenv 2 has no
// typed option for (liveness probe, shutdown, is_daemon, replicas), as
// FateTable says (passOrReport).
func (l *lowerer) fieldsWithoutOption(a, pc *nix.Attrs, p *ir.Process) {
	if p.Liveness != nil {
		if probe := l.pcProbe(p.Liveness); len(probe.Bindings) > 0 {
			l.passOrReport(a, pc, p.Liveness.Pos, p, "liveness_probe", probe)
		}
	}
	if sd := p.Shutdown; sd != nil {
		daemon := l.t.typed() && p.IsDaemon.Set && p.IsDaemon.Val
		if daemon && sd.Command.Set {
			// The daemon's exec runs the command; the rest stays.
			rest := *sd
			rest.Command = ir.Opt[ir.Text]{}
			sd = &rest
		}
		if s := pcShutdown(sd); len(s.Bindings) > 0 {
			l.passOrReport(a, pc, sd.Pos, p, "shutdown", s)
		} else if daemon {
			l.decide(p.KeyPath.Child("shutdown"), mapped("its command is run by processes.<name>.exec when the daemon is stopped"))
		}
	}
	if p.IsDaemon.Set {
		l.passOrReport(a, pc, p.IsDaemon.Pos, p, "is_daemon", &nix.Bool{V: p.IsDaemon.Val})
	}
	if p.Replicas.Set && p.Replica == nil {
		l.passOrReport(a, pc, p.Replicas.Pos, p, "replicas", &nix.Int{V: int64(p.Replicas.Val)})
	}
}

// extraKeys lowers the keys the model keeps whole (Process.Extra): the
// few lowered to what devenv has instead, the others as FateTable says
// (passOrReport).
func (l *lowerer) extraKeys(a, pc *nix.Attrs, p *ir.Process) {
	for _, f := range p.Extra {
		switch {
		case f.Key == "watch" && l.t.typed():
			l.watch(a, p, f)
			continue
		case f.Key == "is_elevated" && l.t == Devenv2:
			l.elevated(a, p, f)
			continue
		case f.Key == "is_dotenv_disabled":
			l.dotenvDisabled(a, p, f)
			continue
		}
		v := valueExpr(f.Value, true)
		if f.Key == "log_location" && f.Value.Kind == ir.KindString {
			v = templated(f.Value.Str)
		}
		l.passOrReport(a, pc, f.KeyPos, p, f.Key, v)
	}
}

// wrapCommand returns a command's text with the lines pre before it and
// post after it, each on a line of its own, ending in a newline. It
// builds the text once.
func wrapCommand(pre []string, text string, post []string) string {
	n := len(text) + 2
	for _, l := range pre {
		n += len(l) + 1
	}
	for _, l := range post {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, l := range pre {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(text)
	if len(post) > 0 {
		if !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
		for i, l := range post {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
		}
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteByte('\n')
	}
	return b.String()
}

// bash renders a command for bash (see bashCommand), reporting the
// references bash cannot expand where they stand. what names the command
// ("the command") of the process named process; the reports name both,
// and only they format them.
func (l *lowerer) bash(cmd ir.Text, what, process string) string {
	if err := shell.Check(cmd.Shell()); err != nil {
		l.diags.Add(cmd.Pos, ir.IDCommandDepth,
			fmt.Sprintf("%s of process %q is not analysed (%s): it is kept as written, with \"set +e\" before it", what, process, strings.TrimPrefix(err.Error(), "the command ")),
			"check the command by hand")
	}
	text, problems := bashCommand(l.proj.Shell, cmd)
	for _, p := range problems {
		l.diags.Add(cmd.Pos, ir.IDExpansionDiff,
			fmt.Sprintf("%s of process %q has %s; process-compose substituted it when it loaded the file", what, process, p),
			"move it out of the quotes, or write $${ if it was meant literally")
	}
	return text
}

// httpPort returns an HTTP probe's port number, with ${VAR:-default}
// resolved to its default, or 0 when it has none.
func httpPort(h *ir.HTTPProbe) int {
	if !h.Port.Set {
		return 0
	}
	s, unresolved := h.Port.Val.Resolve()
	if len(unresolved) > 0 {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}

// otherShell reports whether the project runs its commands with a shell
// other than bash (process-compose's shell setting, which the reader
// consumes when it is bash).
func (l *lowerer) otherShell() bool {
	for _, f := range l.proj.Extra {
		if f.Key == "shell" {
			return true
		}
	}
	return false
}

// templateSafe keeps process-compose from rendering the command of a
// process it runs directly, as a template: under its manager, devenv
// gives process-compose a disabled (or interactive) process's exec as
// the command, and process-compose renders "{{ }}" in it, which would
// make it refuse the whole file where the text is not a template (a
// docker inspect format, say). The converter has rendered the templates
// already.
func (l *lowerer) templateSafe(a, pc *nix.Attrs, p *ir.Process) {
	if l.t == Devenv2 || !strings.Contains(l.commandText(p).Shell(), "{{") {
		return
	}
	direct := p.Disabled.Set && p.Disabled.Val
	for _, f := range p.Extra {
		if f.Key == "is_interactive" && f.Value.Kind == ir.KindBool && f.Value.Bool {
			direct = true
		}
	}
	if direct {
		pc.Add(&nix.Bool{V: true}, "is_template_disabled")
	}
}
