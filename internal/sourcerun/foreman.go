package sourcerun

import (
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"

	"github.com/pc2devenv/pc2devenv/internal/pcrun"
	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// ForemanEntry is one entry of a Procfile as foreman reads it.
type ForemanEntry struct{ Name, Command string }

var (
	procfileLine = lazyre.New(`^([A-Za-z0-9_-]+):\s*(.+)$`)
	foremanVar   = lazyre.New(`^([A-Za-z_0-9]+)=(.*)$`)
)

// ReadProcfile reads a Procfile as foreman does: every line NAME: command
// (CRLF line ends taken as LF), the others ignored; a name given twice is
// two entries.
func ReadProcfile(src string) []ForemanEntry {
	var out []ForemanEntry
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if m := procfileLine.FindStringSubmatch(line); m != nil {
			out = append(out, ForemanEntry{m[1], m[2]})
		}
	}
	return out
}

// ReadForemanEnv reads a .env file as foreman's Foreman::Env does: lines
// NAME=value only (no "export", no spaces around "="); a value in single
// quotes is literal, one in double quotes has \n made a newline and any
// other \x made x. A name set twice keeps its first place and its last
// value.
func ReadForemanEnv(src string) [][2]string {
	var out [][2]string
	at := map[string]int{}
	for _, line := range strings.Split(src, "\n") {
		m := foremanVar.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v := m[2]
		switch {
		case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
			v = v[1 : len(v)-1]
		case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
			v = foremanUnescape(v[1 : len(v)-1])
		}
		if i, ok := at[m[1]]; ok {
			out[i][1] = v
			continue
		}
		at[m[1]] = len(out)
		out = append(out, [2]string{m[1], v})
	}
	return out
}

func foremanUnescape(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			if v[i] == 'n' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(v[i])
			}
			continue
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// Foreman returns what foreman start runs for a Procfile's entries, with
// the variables of its .env file: every entry at once, under /bin/sh -c,
// in Root, with the runner's environment, the .env variables, PORT (the
// base port — portBase, else PORT from .env, else from the environment,
// else 5000 — plus 100 for each entry before it; an entry whose name
// came before has that entry's port) and PS (NAME.1); "$NAME" in the
// command replaced by the value of each of those variables first, as
// foreman does. Stopped with SIGTERM.
//
// foreman also stops every process when one exits; the model does not,
// so that each process's behaviour can be compared (the converter says
// that devenv keeps the others running, PC309).
func Foreman(entries []ForemanEntry, dotenv [][2]string, portBase int, env Env) pcrun.Config {
	base := 5000
	for _, kv := range env.Environ {
		if v, ok := strings.CutPrefix(kv, "PORT="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				base = n
			}
		}
	}
	for _, kv := range dotenv {
		if kv[0] == "PORT" {
			if n, err := strconv.Atoi(kv[1]); err == nil {
				base = n
			}
		}
	}
	if portBase != 0 {
		base = portBase
	}
	first := map[string]int{}
	var cfg pcrun.Config
	for i, e := range entries {
		if _, ok := first[e.Name]; !ok {
			first[e.Name] = i
		}
		hash := append([][2]string(nil), dotenv...)
		custom := [][2]string{{"PORT", strconv.Itoa(base + 100*first[e.Name])}, {"PS", e.Name + ".1"}}
		for _, c := range custom {
			found := false
			for j := range hash {
				if hash[j][0] == c[0] {
					hash[j][1], found = c[1], true
				}
			}
			if !found {
				hash = append(hash, c)
			}
		}
		vars := procrun.NewEnviron()
		vars.Add(env.Environ)
		cmd := e.Command
		for _, kv := range hash {
			vars.Set(kv[0], kv[1])
			cmd = strings.ReplaceAll(cmd, "$"+kv[0], rubyReplacement(kv[1], "$"+kv[0]))
		}
		label := e.Name
		if i != first[e.Name] {
			label += "#" + strconv.Itoa(i)
		}
		cfg.Procs = append(cfg.Procs, &pcrun.Proc{
			Name: label,
			Spec: procrun.Spec{Argv: []string{"/bin/sh", "-c", cmd}, Dir: env.Root, Env: vars.List()},
		})
	}
	return cfg
}

// rubyReplacement returns the text Ruby's String#gsub puts in for a
// replacement string: two backslashes are one, \& and \0 the match,
// \1 … \9 and the other group references nothing.
func rubyReplacement(rep, match string) string {
	if !strings.Contains(rep, `\`) {
		return rep
	}
	var b strings.Builder
	for i := 0; i < len(rep); i++ {
		if rep[i] != '\\' || i+1 >= len(rep) {
			b.WriteByte(rep[i])
			continue
		}
		switch c := rep[i+1]; {
		case c == '\\':
			b.WriteByte('\\')
			i++
		case c >= '1' && c <= '9', c == '`', c == '\'', c == 'k':
			i++
		case c == '&', c == '0':
			i++
			b.WriteString(match)
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}
