package emit

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// This file holds the bash lines the lowering writes into a command: an
// entrypoint as a command line, the line that loads an env_file, and the
// lines that keep a daemon in the foreground.

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
		out.Append(shell.Quote(p.Lit, shell.SingleQuotes))
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
