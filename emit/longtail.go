package emit

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/internal/shparse"
	"github.com/pc2devenv/pc2devenv/ir"
)

// This file lowers the process-compose keys beyond the common ones: shell,
// env_cmds, entrypoint, env_file, daemons, watch, is_elevated and
// is_dotenv_disabled.

// shell reports a shell setting other than process-compose's default
// (the reader consumes the default): devenv runs every command with bash.
func (l *lowerer) shell(f ir.Field, todos *[]*nix.Binding) {
	var parts []string
	for _, s := range f.Value.Map {
		if s.Value.Kind == ir.KindString {
			parts = append(parts, fmt.Sprintf("%s = %q", s.Key, s.Value.Str.Shell()))
		}
	}
	desc := strings.Join(parts, ", ")
	l.diags.Add(f.KeyPos, ir.Warning, ir.IDShell,
		fmt.Sprintf("shell sets %s, but devenv runs every command with bash: commands written for that shell do not run as they did", desc),
		"rewrite the commands for bash, or run the shell from them (e.g. exec python3 -m …)")
	*todos = append(*todos, nix.Comment("TODO(pc2devenv): shell: "+desc+": devenv runs every command with bash"))
}

// lowerEnvCmds turns env_cmds into exports at the start of each process's
// command, where bash runs the commands, since devenv 2's native manager
// has no such setting.
func (l *lowerer) lowerEnvCmds(f ir.Field) {
	for _, c := range f.Value.Map {
		if c.Value.Kind != ir.KindString || !shellName.MatchString(c.Key) {
			l.report(nil, c.KeyPos, ir.Warning, ir.IDEnvCmds, "env_cmds."+c.Key, "its name is not a bash variable name, or its command is not a string", "")
			continue
		}
		cmd := c.Value.Str.Shell()
		if _, err := shparse.Parse(syntax.NewParser(syntax.Variant(syntax.LangBash)), cmd); err != nil {
			// A command bash cannot parse (an unclosed quote) would
			// swallow the rest of the process's command: it runs in a
			// bash of its own, which fails alone, as process-compose's
			// does, leaving the variable empty.
			l.envCmds = append(l.envCmds, fmt.Sprintf(`export %s="$(bash -c %s)"`, c.Key, shellWord(cmd)))
			continue
		}
		l.envCmds = append(l.envCmds, fmt.Sprintf(`export %s="$(%s)"`, c.Key, cmd))
	}
	if len(l.envCmds) > 0 {
		l.diags.Add(f.KeyPos, ir.Note, ir.IDEnvCmds,
			"env_cmds run when each process starts, at the start of its command (export NAME=\"$(command)\"), not once before all processes with a 2 second limit as process-compose runs them; a failing command leaves the variable empty", "")
	}
}

// safeWord matches words bash reads as themselves.
var safeWord = lazyre.New(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellWord quotes a literal string as one bash word.
func shellWord(s string) string {
	if safeWord.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// quoteWord returns t as one bash word: literal parts quoted, references
// in double quotes, so that bash substitutes them as process-compose did
// and splits nothing.
func quoteWord(t ir.Text) ir.Text {
	out := ir.Text{Pos: t.Pos}
	if t.IsEmpty() {
		out.Append("''")
	}
	for _, p := range t.Parts {
		if p.Ref != nil {
			out.Append(`"`)
			out.AppendRef(p.Ref)
			out.Append(`"`)
			continue
		}
		out.Append(shellWord(p.Lit))
	}
	return out
}

// commandLine returns an entrypoint, which process-compose runs without a
// shell, as a bash command line that runs the same program with the same
// arguments.
func commandLine(words []ir.Text) ir.Text {
	var out ir.Text
	for i, w := range words {
		if i == 0 {
			out.Pos = w.Pos
		} else {
			out.Append(" ")
		}
		for _, p := range quoteWord(w).Parts {
			if p.Ref != nil {
				out.AppendRef(p.Ref)
			} else {
				out.Append(p.Lit)
			}
		}
	}
	return out
}

// envFileLine returns the bash line that loads a process's env_file when
// the command starts: its variables exported, as process-compose gives
// them to the process. A relative path is relative to where the command
// runs — the working directory — as process-compose resolves it.
func envFileLine(f ir.Text) string {
	if s, ok := f.Literal(); ok && !strings.Contains(s, "/") {
		f = ir.Plain("./"+s, f.Pos)
	}
	w := quoteWord(f).Shell()
	return fmt.Sprintf("if [ -f %s ]; then set -a; . %s; set +a; fi", w, w)
}

// daemonDirLine is the bash line before a daemon's command that has a
// shutdown command: it keeps the directory the command starts in, the
// process's working directory, where process-compose runs the shutdown
// command; the command may cd elsewhere (cd .devbox/virtenv/postgresql
// && pg_ctl start).
const daemonDirLine = "pc2devenv_dir=$PWD"

// daemonLines are the bash lines after a daemon's command: they keep the
// process in the foreground, as devenv expects, and run the daemon's
// shutdown command when devenv stops it, from the directory daemonDirLine
// kept.
func daemonLines(stop string) []string {
	var lines []string
	if stop != "" {
		lines = append(lines, "pc2devenv_stop() {", `cd "$pc2devenv_dir" || return`, strings.TrimSuffix(stop, "\n"), "}", "trap pc2devenv_stop EXIT")
	}
	return append(lines, "trap 'kill $! 2>/dev/null; exit 0' INT TERM", "sleep infinity & wait")
}

// watch lowers watch to devenv's typed watch option: paths relative to
// devenv.nix, *.EXT include patterns as extensions, exclude patterns as
// ignore; what devenv's watch cannot say is reported.
func (l *lowerer) watch(a *nix.Attrs, p *ir.Process, f ir.Field) {
	subject := func(key string) string { return fmt.Sprintf("watch.%s of process %q", key, sourceName(p)) }
	w := nix.Set()
	var paths []nix.Expr
	var exts, ignore []string
	var includeSets, excludeSets []string
	base := ""
	if p.Cwd.Set {
		dir, unresolved := p.Cwd.Val.Resolve()
		if len(unresolved) > 0 || strings.Contains(dir, "$") {
			l.report(a, f.KeyPos, ir.Warning, ir.IDWatch, subject("paths"), "they are relative to a working_dir the converter cannot know", "")
			return
		}
		base = dir
	}
	for _, kf := range f.Value.Map {
		switch kf.Key {
		case "paths":
			for _, item := range kf.Value.List {
				pv, _ := item.Get("path")
				s, ok := pv.Str.Literal()
				if pv.Kind != ir.KindString || !ok || strings.Contains(s, "$") || s == "" {
					l.report(a, item.Pos, ir.Warning, ir.IDWatch, subject("paths"), fmt.Sprintf("the path %q is not one the converter can turn into a path", pv.Str.Shell()), "")
					continue
				}
				if !path.IsAbs(s) {
					s = path.Join(base, s)
				}
				paths = append(paths, &nix.Path{P: s})
				inc, _ := item.Get("include")
				exc, _ := item.Get("exclude")
				includeSets = append(includeSets, listKey(inc))
				excludeSets = append(excludeSets, listKey(exc))
				for _, g := range inc.List {
					gs := g.Str.Shell()
					m := extGlob.FindStringSubmatch(gs)
					if m == nil {
						l.report(a, g.Pos, ir.Warning, ir.IDWatch, subject("paths.include"), fmt.Sprintf("devenv filters watched files by extension only, and %q is not a *.EXT pattern", gs), "")
						continue
					}
					if !slices.Contains(exts, m[1]) {
						exts = append(exts, m[1])
					}
				}
				for _, g := range exc.List {
					if gs := g.Str.Shell(); !slices.Contains(ignore, gs) {
						ignore = append(ignore, gs)
					}
				}
			}
		default:
			l.keyFate(a, nil, kf.KeyPos, p, "watch."+kf.Key, valueExpr(kf.Value, false))
		}
	}
	if len(paths) == 0 {
		return
	}
	if len(slices.Compact(slices.Clone(includeSets))) > 1 || len(slices.Compact(slices.Clone(excludeSets))) > 1 {
		l.diags.Add(f.KeyPos, ir.Warning, ir.IDWatch,
			fmt.Sprintf("the watched paths of process %q have different include or exclude patterns; devenv applies its extensions and ignore settings to all of them", p.Name), "")
	}
	w.Add(nix.ListOf(paths...), "paths")
	if len(exts) > 0 {
		w.Add(stringList(exts), "extensions")
	}
	if len(ignore) > 0 {
		w.Add(stringList(ignore), "ignore")
	}
	a.Add(w, "watch")
}

// extGlob matches include patterns devenv's watch.extensions expresses.
var extGlob = lazyre.New(`^(?:\*\*/)?\*\.([A-Za-z0-9_+-]+)$`)

// listKey returns a list's strings joined, to compare lists.
func listKey(v ir.Value) string {
	var s []string
	for _, it := range v.List {
		s = append(s, it.Str.Shell())
	}
	return strings.Join(s, "\x00")
}

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
	path := p.KeyPath + ".is_elevated"
	caps, why := capabilities(l.commandText(p).Shell())
	if caps == nil {
		l.report(a, f.KeyPos, ir.Warning, ir.IDNoEquivalent, fmt.Sprintf("is_elevated = true of process %q", sourceName(p)),
			"devenv 2 does not run processes with sudo, and the converter cannot tell which capabilities the command needs",
			"grant them with linux.capabilities, or use --target devenv2-process-compose")
		return
	}
	a.Add(stringList(caps), "linux", "capabilities")
	l.decide(path, mapped("processes.<name>.linux.capabilities"))
	l.diags.Add(f.KeyPos, ir.Warning, ir.IDCapabilities,
		fmt.Sprintf("process %q ran as root through sudo (is_elevated); devenv 2 cannot do that, so the output grants it %s instead, since %s: check that it needs nothing else", p.Name, strings.Join(caps, ", "), why), "")
}

// dotenvDisabled lowers is_dotenv_disabled: true. devenv loads the
// project's .env for every process, and devenv launches process-compose
// with its own .env loading off, so no target can keep it from one
// process; without a .env there is nothing to keep out.
func (l *lowerer) dotenvDisabled(a *nix.Attrs, p *ir.Process, f ir.Field) {
	if f.Value.Kind != ir.KindBool || !f.Value.Bool {
		return
	}
	if l.proj.Dotenv == nil {
		l.decide(p.KeyPath+".is_dotenv_disabled", consumed("the project has no .env file, so there is nothing to keep from the process"))
		return
	}
	l.report(a, f.KeyPos, ir.Warning, ir.IDDotenvDisabled, fmt.Sprintf("is_dotenv_disabled = true of process %q", sourceName(p)),
		"devenv gives the variables of .env to every process", "")
}
