package procfile

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

// defaultPortBase is the PORT foreman, honcho, overmind and hivemind give
// the first entry of a Procfile when nothing else sets it.
const defaultPortBase = 5000

// portStep is how much the PORT grows from one Procfile entry to the next.
const portStep = 100

// releaseTask is the devenv task a Procfile's release entry becomes.
const releaseTask = "procfile:release"

// portName is the name of the port devenv allocates for a process that
// uses $PORT: processes.<n>.ports.http.
const portName = "http"

// Options say what the runner knew besides the Procfile.
type Options struct {
	// PortBase is the first entry's PORT, as foreman's -p gives it; 0
	// leaves it to the PORT of the .env files, then 5000.
	PortBase int
	// Env are the variables the .env files set, as foreman reads them,
	// in order: foreman gives them to every process and replaces $NAME
	// for each in the commands.
	Env []dotenv.Var
	// Shell holds the parsed commands of the project the Procfile is
	// read into; Read makes one when it is nil. The project read
	// carries it (ir.Project.Shell).
	Shell *shell.Cache
}

// The Procfile line grammar of foreman and honcho (foreman's
// Foreman::Procfile#parse): a name of ASCII letters, digits, "_" and "-"
// in column 1, a colon, optional white space (Ruby's \s), and a command of
// at least one character, kept exactly.
var (
	entryLine    = lazyre.New(`^([A-Za-z0-9_-]+):([ \t\r\f\v]*)(.+)$`)
	indentedLine = lazyre.New(`^[ \t\f\v]+([A-Za-z0-9_-]+):[ \t\r\f\v]*\S`)
	badNameLine  = lazyre.New(`^([^:#\s][^:]*?)\s*:`)
	windowsVar   = lazyre.New(`%[A-Z_][A-Z0-9_]+%`)
)

// Read reads a Procfile: one process per line NAME: COMMAND, as
// foreman, honcho, overmind and hivemind read it. file is the name used
// in positions; src is its content.
//
// Commands are kept byte for byte. Every process gets the PORT foreman
// would give it (the base port plus 100 for each entry before it), and
// PS when its command refers to it. The release entry, a Heroku deploy
// hook, becomes the task procfile:release. Lines that are not entries are
// reported unless they are blank or comments; comment lines right above
// an entry are kept as its comments.
func Read(file string, src []byte, opts Options) (*ir.Project, ir.Diagnostics) {
	var diags ir.Diagnostics
	if opts.Shell == nil {
		opts.Shell = shell.NewCache()
	}
	proj := &ir.Project{Sources: []ir.Source{{Path: file, Format: ir.FormatProcfile}}, Shell: opts.Shell}
	if !sourcecheck.CheckText(file, src, &diags) {
		return proj, diags
	}
	if b, ok := sourcecheck.CutBOM(src); ok {
		src = b
		diags.Add(ir.Pos{File: file, Line: 1, Col: 1}, ir.IDProcfileBOM,
			"the file starts with a byte-order mark, which foreman reads as text",
			"")
	}
	r := &procfileReader{file: file, proj: proj, diags: &diags, opts: opts, seen: map[string]ir.Pos{}}
	r.windows = strings.EqualFold(filepath.Ext(file), ".windows")
	if r.windows {
		diags.Add(ir.Pos{File: file}, ir.IDProcfileWindows,
			"a Procfile for Windows: its commands are written for cmd.exe, not bash",
			"")
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	for i, line := range lines {
		r.line(i+1, line)
		if len(r.entries) > sourcecheck.MaxItems {
			sourcecheck.TooMany(r.entries[sourcecheck.MaxItems].pos, "entries", &diags)
			return proj, diags
		}
	}
	if len(r.entries) == 0 {
		diags.Add(ir.Pos{File: file, Line: 1, Col: 1}, ir.IDProcfileEmpty,
			"the Procfile defines no process: no line is an entry NAME: COMMAND", "")
		return proj, diags
	}
	if diags.HasErrors() {
		return proj, diags
	}
	r.build()
	return proj, diags
}

// procEntry is one line NAME: COMMAND.
type procEntry struct {
	name     string
	command  string
	pos      ir.Pos // the name's
	cmdPos   ir.Pos
	comments []string
	// index is the entry's place among all the entries foreman registers,
	// which decides its PORT.
	index int
	// skip is set for entries that are counted but not converted.
	skip bool
}

type procfileReader struct {
	file    string
	proj    *ir.Project
	diags   *ir.Diagnostics
	opts    Options
	windows bool

	entries []*procEntry
	seen    map[string]ir.Pos
	// comments are the comment lines since the last line that was not a
	// comment.
	comments []string
	// continued is the entry on the line before when its command ends
	// with a backslash.
	continued *procEntry
}

func (r *procfileReader) line(n int, line string) {
	pos := ir.Pos{File: r.file, Line: n, Col: 1}
	continued := r.continued
	r.continued = nil
	trimmed := strings.TrimSpace(line)
	switch {
	case trimmed == "":
		r.comments = nil
		return
	case strings.HasPrefix(trimmed, "#"):
		c := strings.TrimPrefix(trimmed, "#")
		r.comments = append(r.comments, strings.TrimSpace(strings.TrimPrefix(c, " ")))
		return
	}
	comments := r.comments
	r.comments = nil
	if m := entryLine.FindStringSubmatch(line); m != nil {
		e := &procEntry{name: m[1], command: m[3], pos: pos, index: len(r.entries)}
		e.cmdPos = ir.Pos{File: r.file, Line: n, Col: len(m[1]) + 1 + len(m[2]) + 1}
		e.comments = trimBlank(comments)
		r.entries = append(r.entries, e)
		if strings.TrimSpace(e.command) == "" {
			e.skip = true
			r.diags.Add(pos, ir.IDProcfileNoCommand,
				fmt.Sprintf("entry %q has a command of white space only, which no runner can start; it is not converted", e.name), "")
			return
		}
		if first, dup := r.seen[e.name]; dup {
			r.diags.AddRelated(pos, ir.IDProcfileDuplicate,
				fmt.Sprintf("process %q is defined twice", e.name), "rename one",
				first, "it is first defined here")
			return
		}
		r.seen[e.name] = pos
		if m[2] == "" {
			r.diags.Add(e.cmdPos, ir.IDProcfileNoSpace,
				fmt.Sprintf("entry %q has no space after the colon: foreman and honcho read it, overmind and hivemind ignore it", e.name), "")
		}
		if strings.HasSuffix(e.command, `\`) {
			r.continued = e
		}
		return
	}
	if m := indentedLine.FindStringSubmatch(line); m != nil {
		r.diags.Add(pos, ir.IDProcfileIndented,
			fmt.Sprintf("entry %q is indented, so the runners ignore it", m[1]),
			"")
		return
	}
	why := "this line is not an entry NAME: COMMAND, a comment or blank"
	switch name := strings.TrimSpace(strings.TrimSuffix(line, ":")); {
	case continued != nil:
		r.diags.AddRelated(pos, ir.IDProcfileLine, "a backslash does not continue an entry onto this line", "",
			continued.pos, fmt.Sprintf("entry %q ends in a backslash", continued.name))
		return
	case strings.HasSuffix(strings.TrimRight(line, " \t"), ":") && validProcName(name):
		why = fmt.Sprintf("entry %q has no command", name)
		r.diags.Add(pos, ir.IDProcfileNoCommand, why, "")
		return
	default:
		if m := badNameLine.FindStringSubmatch(line); m != nil {
			why = fmt.Sprintf("%q is not a process name", m[1])
		}
	}
	r.diags.Add(pos, ir.IDProcfileLine, why, "")
}

var procName = lazyre.New(`^[A-Za-z0-9_-]+$`)

func validProcName(s string) bool { return procName.MatchString(s) }

// trimBlank drops empty lines at both ends of a comment block.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// build turns the entries into processes and tasks.
func (r *procfileReader) build() {
	base, baseFrom := r.portBase()
	var examples []string
	for _, e := range r.entries {
		if e.skip {
			continue
		}
		if e.name == "release" {
			r.release(e)
			continue
		}
		port := base + portStep*e.index
		if len(examples) < 3 {
			examples = append(examples, fmt.Sprintf("%s %d", e.name, port))
		}
		r.process(e, port)
	}
	if len(examples) > 0 {
		first := r.entries[0].pos
		hint := ""
		if filepath.Base(r.file) == "Procfile.dev" {
			hint = "Rails' bin/dev counts from 3000: pass --port-base 3000"
		}
		r.diags.Add(first, ir.IDPort,
			fmt.Sprintf("the processes get foreman's PORT%s: %s, …", baseFrom, strings.Join(examples, ", ")),
			hint)
		r.diags.Add(ir.Pos{File: r.file}, ir.IDProcfileExitAll,
			"devenv keeps the other processes running when one exits, unlike foreman", "")
	}
}

// portBase returns the first entry's PORT and what set it, as foreman
// decides: its -p option (--port-base), then PORT in the .env file, then
// 5000. foreman's last choice, PORT in its own environment, is left out:
// the output never depends on the machine that converts.
func (r *procfileReader) portBase() (int, string) {
	if r.opts.PortBase > 0 {
		return r.opts.PortBase, fmt.Sprintf(" (%d from --port-base)", r.opts.PortBase)
	}
	var port *dotenv.Var
	for i := range r.opts.Env {
		if r.opts.Env[i].Name == "PORT" {
			port = &r.opts.Env[i]
		}
	}
	if port == nil {
		return defaultPortBase, ""
	}
	n, clean := rubyToI(port.Value)
	switch {
	case n >= 1 && n <= 65535 && clean:
		return n, fmt.Sprintf(" (%d is PORT in %s)", n, filepath.Base(port.Pos.File))
	case n >= 1 && n <= 65535:
		r.diags.Add(port.Pos, ir.IDPortDotenv,
			"PORT is not just a number; foreman takes the digits it starts with as the base port, and so does the conversion", "")
		return n, fmt.Sprintf(" (%d is PORT in %s)", n, filepath.Base(port.Pos.File))
	}
	r.diags.Add(port.Pos, ir.IDPortDotenv,
		fmt.Sprintf("PORT is not a port number (foreman reads it as %d); the conversion counts from %d instead", n, defaultPortBase), "")
	return defaultPortBase, ""
}

// rubyToI converts s as Ruby's String#to_i does: leading white space, a
// sign, then digits, anything after them ignored. clean reports whether s
// is nothing but digits.
func rubyToI(s string) (n int, clean bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	i := 0
	for i < len(t) && '0' <= t[i] && t[i] <= '9' && n < 1e9 {
		n = n*10 + int(t[i]-'0')
		i++
	}
	if neg {
		n = -n
	}
	return n, i > 0 && i == len(t) && len(t) == len(s)
}

var (
	usesPort = lazyre.New(`\$PORT\b|\$\{PORT\b|%PORT%`)
	usesPS   = lazyre.New(`\$PS\b|\$\{PS\b`)
	// nestedRunner matches a command that starts a Procfile runner.
	nestedRunner = lazyre.New(`(?:^|[\s;&|(/])(?:(foreman|honcho|overmind)\s+(?:start|s)\b|(hivemind)\b)`)
)

// process converts an entry to a process with the PORT foreman gives it.
func (r *procfileReader) process(e *procEntry, port int) {
	p := &ir.Process{Name: e.name, Pos: e.pos, Command: ir.Plain(e.command, e.cmdPos), Comments: e.comments}
	portVar := ir.EnvVar{Name: "PORT", Value: ir.Plain(strconv.Itoa(port), e.pos), Pos: e.pos}
	sh := analyzeShell(r.opts.Shell, e.command)
	switch {
	case port > 65535:
		r.diags.Add(e.pos, ir.IDPortRange,
			fmt.Sprintf("process %q gets PORT=%d, as foreman gives it, which is not a TCP port", e.name, port),
			"pass a lower --port-base")
	case sh.setsPort != "":
		what := "PORT itself"
		if sh.portValue != "" {
			what = "PORT=" + sh.portValue
		}
		r.diags.Add(e.cmdPos, ir.IDPortInline,
			fmt.Sprintf("the command of %q sets %s, not PORT=%d; no port is allocated for it", e.name, what, port), "")
	case usesPort.MatchString(e.command):
		portVar.Port = portName
		p.Ports = []ir.Port{{Name: portName, Allocate: port, Pos: e.pos}}
	}
	p.Env = append(p.Env, portVar)
	if usesPS.MatchString(e.command) {
		p.Env = append(p.Env, ir.EnvVar{Name: "PS", Value: ir.Plain(e.name+".1", e.pos), Pos: e.pos})
	}
	for _, d := range foremanSubstDiffs(e.command, sh, r.substKeys()) {
		r.diags.Add(e.cmdPos, ir.IDRunnerSubst,
			fmt.Sprintf("the command of %q %s", e.name, d.why),
			d.hint)
	}
	if m := nestedRunner.FindStringSubmatch(e.command); m != nil {
		r.diags.Add(e.cmdPos, ir.IDProcfileNested,
			fmt.Sprintf("the command of %q starts %s, which runs the processes of another Procfile inside this one, under its own rules", e.name, m[1]+m[2]),
			"convert that Procfile too, and run its processes as devenv processes")
	}
	r.windowsCommand(p, e)
	r.proj.Processes = append(r.proj.Processes, p)
}

// substKeys are the variables foreman replaces $NAME for in a command, in
// its order: the .env file's, then PORT and PS.
func (r *procfileReader) substKeys() []substKey {
	var keys []substKey
	index := map[string]int{}
	for _, v := range r.opts.Env {
		if i, ok := index[v.Name]; ok {
			keys[i].special = shellSpecial(v.Value)
			continue
		}
		index[v.Name] = len(keys)
		keys = append(keys, substKey{name: v.Name, special: shellSpecial(v.Value)})
	}
	for _, k := range []string{"PORT", "PS"} {
		if i, ok := index[k]; ok {
			keys[i].special = false
			continue
		}
		keys = append(keys, substKey{name: k})
	}
	return keys
}

// windowsCommand disables a process whose command is written for cmd.exe:
// %VAR% references, or backslashes in a Windows variant of the Procfile.
func (r *procfileReader) windowsCommand(p *ir.Process, e *procEntry) {
	var why string
	switch m := windowsVar.FindString(e.command); {
	case m != "":
		why = fmt.Sprintf("%s is cmd.exe syntax, which bash does not expand", m)
	case r.windows && strings.Contains(e.command, `\`):
		why = "it has backslashes, which are path separators for cmd.exe and escapes for bash"
	default:
		return
	}
	r.diags.Add(e.cmdPos, ir.IDProcfileWindows,
		fmt.Sprintf("the command of %q is written for Windows, so the process is disabled", e.name),
		"")
	p.Disabled = ir.Some(true, e.cmdPos)
	p.Comments = append(p.Comments, "TODO(pc2devenv): written for cmd.exe ("+why+"): rewrite it for bash, then enable the process")
}

// release converts Heroku's release entry, which runs once per deploy, to
// a task run by hand.
func (r *procfileReader) release(e *procEntry) {
	r.proj.Tasks = append(r.proj.Tasks, &ir.Task{
		Name:      releaseTask,
		Source:    e.name,
		Exec:      ir.Plain(e.command, e.cmdPos),
		Comments:  append(e.comments, "Heroku runs this once per deploy; run it with: devenv tasks run "+releaseTask),
		Pos:       e.pos,
		NoErrexit: true,
	})
	r.diags.Add(e.pos, ir.IDProcfileRelease,
		fmt.Sprintf("the release entry becomes the task %q", releaseTask), "")
}
