package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestHelpExamples checks that every command has examples, that each
// example is a valid command line for its command, and that every flag
// of a command appears in one of its examples.
func TestHelpExamples(t *testing.T) {
	for _, c := range commands {
		if len(c.examples) == 0 {
			t.Errorf("%s: no examples", c.name)
		}
		used := map[string]bool{}
		for _, ex := range c.examples {
			invs, err := shellInvocations(ex.line, c.name)
			if err != nil || len(invs) != 1 {
				t.Errorf("%s: example %q: %v, %d command lines", c.name, ex.line, err, len(invs))
				continue
			}
			args := invs[0].args
			// "pc2devenv help diff" and "pc2devenv convert --help" are help's.
			if c.name == "help" && len(args) > 0 && args[0] != "help" {
				args = []string{"help", args[0]}
			}
			if len(args) == 0 || args[0] != c.name {
				t.Errorf("%s: example %q runs another command", c.name, ex.line)
				continue
			}
			if c.flags == nil {
				continue
			}
			fs := c.flags()
			fs.SetOutput(&bytes.Buffer{})
			if err := fs.Parse(args[1:]); err != nil {
				t.Errorf("%s: example %q: %v", c.name, ex.line, err)
			}
			fs.Visit(func(f *pflag.Flag) { used[f.Name] = true })
		}
		if c.flags != nil {
			c.flags().VisitAll(func(f *pflag.Flag) {
				if !used[f.Name] {
					t.Errorf("%s: no example uses --%s", c.name, f.Name)
				}
			})
		}
	}
}

// TestHelpOutput checks what help prints for every command: the usage
// line, the text, every flag with its value's name, and examples; and
// none of pflag's "[=true|false]".
func TestHelpOutput(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{"help", c.name}, {c.name, "--help"}, {c.name, "-h"}} {
			var stdout, stderr bytes.Buffer
			if code := run(args, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
				t.Errorf("%q: exit %d, stderr %q", args, code, stderr.String())
				continue
			}
			out := stdout.String()
			if !strings.HasPrefix(out, "Usage: "+c.usageLine()+"\n") {
				t.Errorf("%q: starts %q", args, strings.SplitN(out, "\n", 2)[0])
			}
			if !strings.Contains(out, "\nExamples:\n") {
				t.Errorf("%q: no examples", args)
			}
			if strings.Contains(out, "[=") {
				t.Errorf("%q: pflag's boolean notation in\n%s", args, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if len(line) > lineWidth && !strings.HasPrefix(line, "  pc2devenv ") {
					t.Errorf("%q: line longer than %d: %q", args, lineWidth, line)
				}
			}
			if c.flags != nil {
				c.flags().VisitAll(func(f *pflag.Flag) {
					name, _ := pflag.UnquoteUsage(f)
					want := "--" + f.Name
					if f.Value.Type() != "bool" {
						want += " " + name
					}
					if !strings.Contains(out, want) {
						t.Errorf("%q: no %q", args, want)
					}
				})
			}
		}
	}
	var stdout bytes.Buffer
	if code := run([]string{"help"}, nil, &stdout, &bytes.Buffer{}); code != exitOK {
		t.Fatalf("help: exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(stdout.String(), "  "+c.usageLine()+" ") {
			t.Errorf("help does not list %q", c.usageLine())
		}
	}
}

func TestFlagUsages(t *testing.T) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.BoolP("write", "w", false, "write it")
	fs.String("output", "", "write to `FILE`")
	fs.Int("jobs", 0, "at most `N` (default: one per CPU)")
	fs.String("format", "text", "print as `FORMAT`")
	fs.String("a-very-long-flag-name-indeed", "", "a `LIST` of things that goes on and on and on, past the end of the line, and wraps under itself")
	fs.SortFlags = false
	want := `  -w, --write           write it
      --output FILE     write to FILE
      --jobs N          at most N (default: one per CPU)
      --format FORMAT   print as FORMAT (default text)
      --a-very-long-flag-name-indeed LIST
                        a LIST of things that goes on and on and on, past the
                        end of the line, and wraps under itself
`
	if got := flagUsages(fs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnknownCommand(t *testing.T) {
	tests := map[string]string{
		"conver":     `unknown command "conver"; did you mean "convert"?`,
		"dif":        `unknown command "dif"; did you mean "diff"?`,
		"versoin":    `unknown command "versoin"; did you mean "version"?`,
		"frobnicate": `unknown command "frobnicate" (the commands are convert, diff, report, explain, completion, version or help)`,
	}
	for name, want := range tests {
		if got := unknownCommand(name); got != want {
			t.Errorf("%q: got %q, want %q", name, got, want)
		}
	}
}

func TestVersionString(t *testing.T) {
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/pc2devenv/pc2devenv", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name                 string
		info                 *debug.BuildInfo
		linkVersion, linkRev string
		want                 string
	}{
		{"go install @version", info("v1.2.3"), "", "", "v1.2.3"},
		{"no build information", nil, "", "", "(devel)"},
		{"checkout without VCS stamping", info("(devel)"), "", "", "(devel)"},
		{"checkout, Go before 1.24", info("(devel)", "vcs.revision", rev, "vcs.modified", "false"), "", "", "(devel) 0123456789ab"},
		{"dirty checkout", info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), "", "", "(devel) 0123456789ab+dirty"},
		{"pseudo-version", info("v0.0.0-20260102030405-0123456789ab+dirty", "vcs.revision", rev, "vcs.modified", "true"), "", "", "v0.0.0-20260102030405-0123456789ab+dirty"},
		{"link-time version", info("(devel)"), "0-unstable-20260102", "abc1234", "0-unstable-20260102 abc1234"},
		{"link-time version, no revision", info(""), "1.0", "", "1.0"},
	}
	for _, tt := range tests {
		if got := versionString(tt.info, tt.linkVersion, tt.linkRev); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
