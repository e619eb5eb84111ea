package emit

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// This file lowers the process-compose keys that set what a command runs
// in, which devenv has no option for: shell, env_cmds and
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
	l.diags.Add(f.KeyPos, ir.IDShell,
		fmt.Sprintf("shell sets %s, but devenv runs commands with bash", desc),
		"")
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
		if _, err := l.proj.Shell.Parse(cmd); err != nil {
			// A command bash cannot parse (an unclosed quote) would
			// swallow the rest of the process's command: it runs in a
			// bash of its own, which fails alone, as process-compose's
			// does, leaving the variable empty.
			l.envCmds = append(l.envCmds, fmt.Sprintf(`export %s="$(bash -c %s)"`, c.Key, shell.Quote(cmd, shell.SingleQuotes)))
			continue
		}
		l.envCmds = append(l.envCmds, fmt.Sprintf(`export %s="$(%s)"`, c.Key, cmd))
	}
	if len(l.envCmds) > 0 {
		l.diags.AddAs(f.KeyPos, ir.Note, ir.IDEnvCmds,
			"env_cmds run at the start of each process's command", "")
	}
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
		l.decide(p.KeyPath.Child("is_dotenv_disabled"), consumed("the project has no .env file, so there is nothing to keep from the process"))
		return
	}
	l.report(a, f.KeyPos, ir.Warning, ir.IDDotenvDisabled, fmt.Sprintf("is_dotenv_disabled = true of process %q", sourceName(p)),
		"devenv gives the variables of .env to every process", "")
}
