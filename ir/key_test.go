package ir

import (
	"slices"
	"testing"
)

// TestPath checks how paths are built and printed: String as the report
// has always printed keys, Pattern with the user's names as "*", Quote
// telling a name with a dot from two components, and Process finding the
// process a key belongs to by its component, not by splitting the text.
func TestPath(t *testing.T) {
	for _, c := range []struct {
		path                Path
		str, pattern, quote string
		process             string
		below               []string
		inProcess           bool
		parent              string // Parent().Quote()
	}{
		{path: Path{}, str: "", pattern: "", quote: "", parent: ""},
		{path: NewPath("version"), str: "version", pattern: "version", quote: "version", parent: ""},
		{path: NewPath("shell", "shell_command"), str: "shell.shell_command", pattern: "shell.shell_command", quote: "shell.shell_command", parent: "shell"},
		{path: NewPath("vars").Name("PORT"), str: "vars.PORT", pattern: "vars.*", quote: "vars.PORT", parent: "vars"},
		{path: NewPath("environment").Name("A.B"), str: "environment.A.B", pattern: "environment.*", quote: `environment."A.B"`, parent: "environment"},
		{path: ProcessPath("db"), str: "processes.db", pattern: "processes.*", quote: "processes.db",
			process: "db", inProcess: true, parent: "processes"},
		{path: ProcessPath("db").Child("command"), str: "processes.db.command", pattern: "processes.*.command", quote: "processes.db.command",
			process: "db", below: []string{"command"}, inProcess: true, parent: "processes.db"},
		{path: ProcessPath("db.web").Child("command"), str: "processes.db.web.command", pattern: "processes.*.command", quote: `processes."db.web".command`,
			process: "db.web", below: []string{"command"}, inProcess: true, parent: `processes."db.web"`},
		{path: ProcessPath("db").Child("web", "command"), str: "processes.db.web.command", pattern: "processes.*.web.command", quote: "processes.db.web.command",
			process: "db", below: []string{"web", "command"}, inProcess: true, parent: "processes.db.web"},
		{path: ProcessPath("web").Child("shutdown", "command"), str: "processes.web.shutdown.command", pattern: "processes.*.shutdown.command", quote: "processes.web.shutdown.command",
			process: "web", below: []string{"shutdown", "command"}, inProcess: true, parent: "processes.web.shutdown"},
		{path: ProcessPath("web").Child("depends_on").Name("db.x").Child("condition"), str: "processes.web.depends_on.db.x.condition",
			pattern: "processes.*.depends_on.*.condition", quote: `processes.web.depends_on."db.x".condition`,
			process: "web", below: []string{"depends_on", "db.x", "condition"}, inProcess: true, parent: `processes.web.depends_on."db.x"`},
		{path: ProcessPath(`say "hi"`), str: `processes.say "hi"`, pattern: "processes.*", quote: `processes."say \"hi\""`,
			process: `say "hi"`, inProcess: true, parent: "processes"},
		{path: ProcessPath(""), str: "processes.", pattern: "processes.*", quote: `processes.""`,
			process: "", inProcess: true, parent: "processes"},
	} {
		t.Run(c.quote, func(t *testing.T) {
			if got := c.path.String(); got != c.str {
				t.Errorf("String() = %q, want %q", got, c.str)
			}
			if got := c.path.Pattern(); got != c.pattern {
				t.Errorf("Pattern() = %q, want %q", got, c.pattern)
			}
			if got := c.path.Quote(); got != c.quote {
				t.Errorf("Quote() = %q, want %q", got, c.quote)
			}
			if got := c.path.Parent().Quote(); got != c.parent {
				t.Errorf("Parent().Quote() = %q, want %q", got, c.parent)
			}
			name, below, ok := c.path.Process()
			if name != c.process || !slices.Equal(below, c.below) || ok != c.inProcess {
				t.Errorf("Process() = %q, %q, %t; want %q, %q, %t", name, below, ok, c.process, c.below, c.inProcess)
			}
		})
	}
}

// TestPathIsAValue checks that building on a path leaves it alone, even
// when two paths are built on the same one.
func TestPathIsAValue(t *testing.T) {
	p := ProcessPath("web").Child("shutdown")
	a := p.Child("command")
	b := p.Child("signal")
	parent := a.Parent()
	c := parent.Child("timeout_seconds")
	for _, x := range []struct {
		got  Path
		want string
	}{{p, "processes.web.shutdown"}, {a, "processes.web.shutdown.command"}, {b, "processes.web.shutdown.signal"}, {c, "processes.web.shutdown.timeout_seconds"}} {
		if x.got.Quote() != x.want {
			t.Errorf("got %s, want %s", x.got.Quote(), x.want)
		}
	}
	if a.Quote() != "processes.web.shutdown.command" {
		t.Errorf("building on a's parent changed a: %s", a.Quote())
	}
	if p.Len() != 3 || p.Last() != "shutdown" || (Path{}).Last() != "" || !(Path{}).IsZero() || p.IsZero() {
		t.Errorf("Len, Last or IsZero: %d %q", p.Len(), p.Last())
	}
}
