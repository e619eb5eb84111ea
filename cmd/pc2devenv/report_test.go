package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/ir"
)

func TestGithubAnnotation(t *testing.T) {
	tests := []struct {
		d    ir.Diagnostic
		want string
	}{
		{
			ir.Diagnostic{Pos: ir.Pos{File: "a/process-compose.yml", Line: 3, Col: 5}, Severity: ir.Warning, ID: "PC010", Message: "unknown key", Suggestion: "did you mean x?"},
			"::warning file=a/process-compose.yml,line=3,col=5,title=pc2devenv PC010::unknown key; did you mean x?\n",
		},
		{
			ir.Diagnostic{Pos: ir.Pos{File: "dir,with:odd%chars/devenv.nix", Line: 1}, Severity: ir.Error, ID: "PC511", Message: "100% out\nof date"},
			"::error file=dir%2Cwith%3Aodd%25chars/devenv.nix,line=1,title=pc2devenv PC511::100%25 out%0Aof date\n",
		},
		{
			ir.Diagnostic{Severity: ir.Note, ID: "PC517", Message: "no position"},
			"::notice title=pc2devenv PC517::no position\n",
		},
	}
	for _, tt := range tests {
		if got := githubAnnotation(tt.d); got != tt.want {
			t.Errorf("githubAnnotation:\n got %q\nwant %q", got, tt.want)
		}
	}
}

func TestColorDiff(t *testing.T) {
	d := "diff a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n"
	if got := string(colorDiff([]byte(d), false)); got != d {
		t.Errorf("uncoloured diff changed: %q", got)
	}
	want := "\x1b[1mdiff a/x b/x\x1b[0m\n\x1b[1m--- a/x\x1b[0m\n\x1b[1m+++ b/x\x1b[0m\n\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n same\n\x1b[31m-old\x1b[0m\n\x1b[32m+new\x1b[0m\n"
	if got := string(colorDiff([]byte(d), true)); got != want {
		t.Errorf("coloured diff:\n got %q\nwant %q", got, want)
	}
}

func TestUseColor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	if useColor("auto", w) {
		t.Error("colour on a pipe")
	}
	if !useColor("always", w) || useColor("never", w) {
		t.Error("--color always/never not obeyed")
	}
	t.Setenv("NO_COLOR", "1")
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if useColor("auto", tty) {
			t.Error("colour on a terminal with NO_COLOR set")
		}
		t.Setenv("NO_COLOR", "")
		if !useColor("auto", tty) {
			t.Error("no colour on a terminal")
		}
	}
}

func TestProgressLine(t *testing.T) {
	defer func(d time.Duration) { progressDelay = d }(progressDelay)
	progressDelay = 0
	var out bytes.Buffer
	p := &batch.Progress{}
	p.Found.Store(10)
	p.Done.Store(3)
	p.Walked.Store(true)
	l := startProgress(&out, p, batch.Check)
	for {
		l.mu.Lock()
		shown := l.shown
		l.mu.Unlock()
		if shown {
			break
		}
		time.Sleep(time.Millisecond)
	}
	l.hide(func() { out.WriteString("a diagnostic\n") })
	l.stop()
	s := out.String()
	if !strings.Contains(s, "\r\x1b[Kpc2devenv: checking 3/10 projects") {
		t.Errorf("no progress line in %q", s)
	}
	if !strings.Contains(s, "\r\x1b[Ka diagnostic\n") {
		t.Errorf("the line was not cleared before other output: %q", s)
	}
	if !strings.HasSuffix(s, "\r\x1b[K") && !strings.HasSuffix(s, "a diagnostic\n") {
		t.Errorf("the line was not removed at the end: %q", s)
	}
}
