package convert

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/nixcheck"
	"github.com/pc2devenv/pc2devenv/internal/nixeval"
)

// hostile are strings that would run code, or break the file, if the
// printer let them out of their literal: Nix interpolations in both
// string syntaxes and their escapes, a string that closes its quotes and
// imports a file, line breaks (a carriage return ends a Nix comment),
// quotes and backslashes.
var hostile = []string{
	"${builtins.readFile /etc/passwd}",
	"''${x}",
	`\${`,
	"'''",
	"''",
	`"; import /etc/x; "`,
	"a\nb = builtins.readFile /etc/passwd; #\n",
	"a\rb = builtins.readFile /etc/passwd; #",
	`quote" 'single' \back\slash`,
	"*/ ${toString (import /etc/x)} /*",
}

// Where a field's text is found in a converted file.
const (
	inValue = "value" // an evaluated string or attribute name holds it exactly
	// inPC: as inValue, as process-compose loads it again: a key passed
	// through to process-compose, in which "$" is written "$$".
	inPC = "process-compose"
	// inWords: the exec of the process "words" is a command whose words,
	// as bash reads them, are "echo" and the field's text.
	inWords = "bash words"
	// inEnvFile: the exec of the process "loader" loads the file the
	// field names, as bash reads its name.
	inEnvFile = "bash env file"
	inComment = "comment" // a comment holds the marker (a TODO where the target has no option)
	renamed   = "renamed" // a value holds the marker but not the text: a name devenv 2 does not allow, changed
	absent    = "absent"  // nowhere: reported as a diagnostic, or consumed
)

// hostileField is one field of a source that reaches the output, and
// where each target puts it.
type hostileField struct {
	id    string // the marker: F01, F02, …
	what  string // the field, for messages
	where map[emit.Target]string
	// lineOnly: the field is one line of its file (a Procfile entry, a
	// Makefile target): payloads with line breaks are not tried.
	lineOnly bool
	// word: the field is a make target name: payloads with white space
	// and make's special characters are not tried.
	word bool
	// noEquals: the field is the name of a KEY=VALUE pair: payloads with
	// "=" are not tried.
	noEquals bool
	// oneLineComment: where the field goes to a comment, only a value of
	// one line is quoted there.
	oneLineComment bool
}

// tries reports whether the field is tried with payload.
func (f hostileField) tries(payload string) bool {
	return !(f.lineOnly && strings.ContainsAny(payload, "\r\n") ||
		f.word && !makeWord(payload) ||
		f.noEquals && strings.Contains(payload, "="))
}

func every(w string) map[emit.Target]string {
	return map[emit.Target]string{emit.Devenv2: w, emit.Devenv2ProcessCompose: w, emit.Devenv1: w}
}

func per(d2, d2pc, d1 string) map[emit.Target]string {
	return map[emit.Target]string{emit.Devenv2: d2, emit.Devenv2ProcessCompose: d2pc, emit.Devenv1: d1}
}

// The fields of a process-compose file that hold free text, with the
// payload after their marker. The file sets disable_env_expansion, so
// that process-compose takes every ${...} as text too.
var pcFields = []hostileField{
	{id: "F01", what: "project name", where: per(inComment, inPC, inPC), oneLineComment: true},
	{id: "F02", what: "global environment value", where: every(inValue)},
	{id: "F03", what: "global environment key", where: every(inValue), noEquals: true},
	{id: "F04", what: "process name", where: per(renamed, renamed, inValue)},
	{id: "F05", what: "command", where: every(inValue)},
	{id: "F06", what: "working_dir", where: per(inValue, inValue, inPC)},
	{id: "F07", what: "environment value", where: per(inValue, inValue, inPC)},
	{id: "F08", what: "environment key", where: per(inValue, inValue, inPC), noEquals: true},
	{id: "F09", what: "description", where: every(inComment)},
	{id: "F10", what: "readiness_probe.exec.command", where: per(inValue, inValue, inPC)},
	{id: "F11", what: "liveness_probe.http_get.host", where: per(absent, inPC, inPC)},
	{id: "F12", what: "liveness_probe.http_get.path", where: per(absent, inPC, inPC)},
	{id: "F13", what: "shutdown.command", where: per(absent, inPC, inPC)},
	{id: "F14", what: "namespace", where: per(inComment, inPC, inPC), oneLineComment: true},
	{id: "F15", what: "log_location", where: per(inComment, inPC, inPC), oneLineComment: true},
	{id: "F16", what: "ready_log_line", where: per(inComment, inPC, inPC), oneLineComment: true},
	{id: "F17", what: "a key process-compose does not know", where: every(absent)},
	{id: "F18", what: "an x- key", where: every(absent)},
	{id: "F19", what: "passed-through key's value (schedule.cron)", where: per(absent, inPC, inPC)},
	{id: "F20", what: "entrypoint word", where: every(inWords)},
	{id: "F21", what: "depends_on name", where: per(renamed, renamed, inValue)},
	{id: "F22", what: "postgres -c setting name (service rule)", where: every(inValue), noEquals: true},
	{id: "F23", what: "postgres -c setting value (service rule)", where: every(inValue)},
	{id: "F24", what: "redis --bind (service rule)", where: every(inValue)},
	{id: "F25", what: "env_file", where: per(inEnvFile, inEnvFile, inPC)},
}

// pcSource returns a process-compose file with payload in every field of
// pcFields.
func pcSource(t *testing.T, payload string) []byte {
	f := func(id string) string { return id + payload }
	doc := map[string]any{
		"disable_env_expansion": true,
		"name":                  f("F01"),
		"environment":           []string{"G=" + f("F02"), f("F03") + "=g"},
		"x-" + f("F18"):         f("F18"),
		"processes": map[string]any{
			f("F04"): map[string]any{
				"command":     f("F05"),
				"working_dir": f("F06"),
				"environment": []string{"E=" + f("F07"), f("F08") + "=e"},
				"description": f("F09"),
				"readiness_probe": map[string]any{
					"exec": map[string]any{"command": f("F10")},
				},
				"liveness_probe": map[string]any{
					"http_get": map[string]any{"host": f("F11"), "path": f("F12"), "port": 8080},
				},
				"shutdown":     map[string]any{"command": f("F13")},
				"namespace":    f("F14"),
				"log_location": f("F15"),
				f("F17"):       1,
				"schedule":     map[string]any{"cron": f("F19")},
			},
			"loader": map[string]any{"command": "true", "env_file": f("F25")},
			"words": map[string]any{
				"entrypoint": []string{"echo", f("F20")},
				"depends_on": map[string]any{f("F21"): map[string]any{"condition": "process_started"}},
			},
			f("F21"): map[string]any{"command": "true", "ready_log_line": f("F16")},
			"db": map[string]any{
				"command": "postgres -c " + shellQuote(f("F22")+"=x") + " -c " + shellQuote("work_mem="+f("F23")),
			},
			"cache": map[string]any{"command": "redis-server --bind " + shellQuote(f("F24"))},
		},
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Procfile commands, and .env values copied in with --inline-env.
// Procfile names allow only letters, digits, "_" and "-", and .env names
// only those and ".": neither can be hostile.
var procfileFields = []hostileField{
	{id: "F40", what: "Procfile command", where: every(inValue), lineOnly: true},
	{id: "F41", what: ".env value (--inline-env)", where: every(inValue)},
}

// procfileSource returns a Procfile and a .env file with payload in the
// fields of procfileFields (a one-line payload), and the text each field
// must come back as.
func procfileSource(payload string) (procfile, dotenv []byte, want map[string]string) {
	cmd := "echo " + shellQuote("F40"+payload)
	procfile = []byte("web: " + cmd + "\n")
	// foreman takes a value that is not quoted as it is.
	dotenv = []byte("V=F41" + payload + "\n")
	return procfile, dotenv, map[string]string{"F40": cmd, "F41": "F41" + payload}
}

// Makefile target names, recipes, variables and help comments.
var makefileFields = []hostileField{
	{id: "F50", what: "recipe", where: every(inValue), lineOnly: true},
	// A variable of several lines makes several recipe lines, as make
	// runs it, not one.
	{id: "F51", what: "variable used in a recipe", where: every(inValue), lineOnly: true},
	{id: "F52", what: "help comment", where: every(inValue), lineOnly: true},
	// Task and script names allow only letters, digits, "_" and "-".
	{id: "F53", what: "target name", where: every(renamed), lineOnly: true, word: true},
	{id: "F54", what: "exported variable", where: every(inValue), lineOnly: true},
}

// makefileSource returns a Makefile with payload in the fields of
// makefileFields that can hold it (see hostileField), and the text each
// field must come back as.
func makefileSource(payload string) ([]byte, []hostileField, map[string]string) {
	dollars := func(s string) string { return strings.ReplaceAll(s, "$", "$$") }
	var fields []hostileField
	for _, f := range makefileFields {
		if f.tries(payload) {
			fields = append(fields, f)
		}
	}
	has := func(id string) bool {
		for _, f := range fields {
			if f.id == id {
				return true
			}
		}
		return false
	}
	want := map[string]string{}
	var b strings.Builder
	if has("F51") {
		fmt.Fprintf(&b, "define V51\n%s\nendef\n", dollars("F51"+payload))
		want["F51"] = "F51" + payload
	}
	if has("F54") {
		fmt.Fprintf(&b, "export V54 := %s\n", dollars("F54"+payload))
		want["F54"] = "F54" + payload
	}
	if has("F52") {
		fmt.Fprintf(&b, "all: ## %s\n", "F52"+payload)
		want["F52"] = "F52" + payload
	} else {
		b.WriteString("all:\n")
	}
	if has("F50") {
		line := "printf '%s' " + shellQuote("F50"+payload)
		fmt.Fprintf(&b, "\t@%s\n", dollars(line))
		want["F50"] = line
	}
	b.WriteString("\t@echo \"$(V51)\"\n")
	if has("F53") {
		fmt.Fprintf(&b, "%s:\n\t@true\n", dollars("F53"+payload))
		want["F53"] = "F53" + payload
	}
	return []byte(b.String()), fields, want
}

// makeWord reports whether a payload can be part of a target name.
func makeWord(s string) bool { return !strings.ContainsAny(s, " \t\n\r:;#=%\\*") }

// TestHostileStrings converts sources that hold each hostile string in
// every field that reaches the output, from every source format, for
// every target, and evaluates the results with Nix in restricted mode (no
// file but the module may be read): each must evaluate, hold the string
// exactly where the field goes, or in a comment, and never /etc/passwd.
func TestHostileStrings(t *testing.T) {
	nixeval.Require(t)
	checked := 0
	for _, payload := range hostile {
		multiline := strings.ContainsAny(payload, "\r\n")
		t.Run(fmt.Sprintf("%q", payload), func(t *testing.T) {
			dir := t.TempDir()
			write := func(name string, b []byte) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			}
			pcWant := map[string]string{}
			for _, f := range pcFields {
				pcWant[f.id] = f.id + payload
			}
			pc := write("process-compose.yml", pcSource(t, payload))
			var fields []hostileField
			for _, f := range pcFields {
				if f.tries(payload) {
					fields = append(fields, f)
				}
			}
			checked += hostileCheck(t, []string{pc}, Options{}, fields, pcWant)

			if !multiline {
				pf, env, want := procfileSource(payload)
				ps := []string{write("Procfile", pf), write(".env", env)}
				checked += hostileCheck(t, ps, Options{InlineEnv: true}, procfileFields, want)
			}
			src, fields, want := makefileSource(payload)
			mk := write("Makefile", src)
			checked += hostileCheck(t, []string{mk}, Options{Scripts: "all"}, fields, want)
		})
	}
	t.Logf("%d field placements checked", checked)
}

var passwd = regexp.MustCompile(`root:[^:]*:0:0:`)

// hostileCheck converts paths for every target and checks where each
// field's marker, and its text (want, by marker), are; it returns the
// number of checks.
func hostileCheck(t *testing.T, paths []string, opts Options, fields []hostileField, want map[string]string) int {
	t.Helper()
	n := 0
	for _, tg := range emit.Targets {
		opts.Target = tg
		res, err := Paths(paths, opts)
		if err != nil || res.Output == nil {
			t.Errorf("%s: %s: no output: %v %v", tg, filepath.Base(paths[0]), err, res.Diagnostics)
			continue
		}
		v, err := nixeval.EvalModuleRestricted(res.Output)
		if err != nil {
			t.Errorf("%s: %s: %v\n%s", tg, filepath.Base(paths[0]), err, res.Output)
			continue
		}
		strs := map[string]bool{}
		collectStrings(v, strs)
		for s := range strs {
			if passwd.MatchString(s) {
				t.Errorf("%s: the output read /etc/passwd", tg)
			}
		}
		f, err := nixcheck.Parse(res.Output)
		if err != nil {
			t.Errorf("%s: nixcheck: %v", tg, err)
			continue
		}
		comments := strings.Join(f.Comments, "\n")
		for _, fd := range fields {
			got := placement(fd.id, want[fd.id], strs, comments)
			switch w := fd.where[tg]; {
			case w == inPC && got != inValue:
				if placement(fd.id, strings.ReplaceAll(want[fd.id], "$", "$$"), strs, comments) == inValue {
					got = inPC
				}
			case w == inPC && !strings.Contains(want[fd.id], "$"):
				got = inPC // the same text
			case w == inWords:
				exec, _ := nixeval.Get(v, "processes", "words", "exec")
				words, err := bashWords(fmt.Sprint(exec))
				if err == nil && len(words) == 2 && words[0] == "echo" && words[1] == want[fd.id] {
					got = inWords
				}
			case w == inEnvFile:
				// A name without a slash gets "./": bash's "." would look
				// for it on PATH.
				exec, _ := nixeval.Get(v, "processes", "loader", "exec")
				if name, err := bashEnvFile(fmt.Sprint(exec)); err == nil && (name == want[fd.id] || name == "./"+want[fd.id]) {
					got = inEnvFile
				}
			case w == inComment && got == absent && fd.oneLineComment && strings.ContainsAny(want[fd.id], "\r\n"):
				got = inComment // the TODO names the key, not the value
			}
			if want := fd.where[tg]; got != want {
				t.Errorf("%s: %s (%s) is %s, want %s\n%s", tg, fd.what, fd.id, got, want, res.Output)
			}
			n++
		}
	}
	return n
}

// placement says where a field's marker is: in a value that holds the
// field's text exactly, in a value without it (renamed), in a comment, or
// nowhere.
func placement(id, text string, strs map[string]bool, comments string) string {
	marker := false
	for s := range strs {
		if strings.Contains(s, text) {
			return inValue
		}
		if strings.Contains(s, id) {
			marker = true
		}
	}
	switch {
	case marker:
		return renamed
	case strings.Contains(comments, id):
		return inComment
	}
	return absent
}

// bashEnvFile runs an exec that starts by loading a process's env_file
// (if [ -f FILE ]; then …), with "[" defined to print its second
// argument, the file's name as bash reads it, and stop.
func bashEnvFile(script string) (string, error) {
	out, err := exec.Command("env", "-i", "bash", "--norc", "-c", "[() { printf '%s' \"$2\"; exit 0; }\n"+script).Output()
	return string(out), err
}

// collectStrings adds every string and attribute name in v to out.
func collectStrings(v any, out map[string]bool) {
	switch v := v.(type) {
	case string:
		out[v] = true
	case []any:
		for _, x := range v {
			collectStrings(x, out)
		}
	case map[string]any:
		for k, x := range v {
			out[k] = true
			collectStrings(x, out)
		}
	}
}

// shellQuote quotes s for bash in single quotes.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
