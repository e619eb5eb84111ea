package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/pc2devenv/pc2devenv/batch"
	"github.com/pc2devenv/pc2devenv/ir"
)

// runBatch runs convert -w, convert -r or diff, reports every project as
// it is done, and returns the exit code.
func (e *env) runBatch(paths []string, o batch.Options, ro reportOpts) int {
	if o.Recursive {
		tuneGC()
	}
	r := &batchReporter{e: e, mode: o.Mode, opts: ro}
	if o.Mode == batch.Check {
		r.color = useColor(ro.color, e.stdout)
	}
	if o.Recursive && isTerminal(e.stderr) {
		o.Progress = &batch.Progress{}
		r.progress = startProgress(e.stderr, o.Progress, o.Mode)
	}
	if ro.format == "json" {
		r.json = newJSONStream(e.stderr, o.Mode)
	}
	sum := batch.Run(paths, o, r.project)
	r.progress.stop()
	switch {
	case r.json != nil:
		r.json.finish(sum)
	case o.Recursive:
		fmt.Fprintln(e.stderr, sum.String(o.Mode))
	}
	switch {
	case sum.Internal > 0 || r.internal:
		return exitUsage
	case !sum.OK(o.Mode), ro.strict && len(sum.Warnings) > 0:
		return exitFail
	}
	return exitOK
}

// tuneGC trades memory for time in runs over many projects, which
// allocate much and keep little: the collector runs when the heap has
// grown fivefold rather than twofold, within a soft limit that keeps the
// peak well under 100 MB. GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}

// batchReporter prints the projects of a run as they are done.
type batchReporter struct {
	e        *env
	mode     batch.Mode
	opts     reportOpts
	color    bool
	json     *jsonStream
	progress *progressLine
	buf      bytes.Buffer
	// internal is set when reporting met a bug.
	internal bool
}

func (r *batchReporter) project(p *batch.Project) {
	// Reports run on the run's workers, where a panic would end the
	// program: a bug here is reported like one in a conversion.
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(r.e.stderr, "%s: error[%s]: internal error while reporting on %s: %v (please report this with the input)\n", p.Dir, ir.IDInternal, p.Dir, v)
			r.internal = true
		}
	}()
	r.progress.hide(func() {
		if r.json != nil {
			r.json.project(p)
		} else {
			r.diagnostics(p)
		}
		if len(p.Diff) > 0 {
			r.e.stdout.Write(colorDiff(p.Diff, r.color))
		}
	})
}

func (r *batchReporter) diagnostics(p *batch.Project) {
	b := &r.buf
	b.Reset()
	for _, d := range p.AllDiagnostics() {
		if d.Severity == ir.Note && !r.opts.verbose {
			continue
		}
		if r.opts.format == "github" {
			b.WriteString(githubAnnotation(d))
		} else {
			b.WriteString(d.String())
			b.WriteByte('\n')
		}
	}
	if r.opts.format == "text" && p.Result != nil {
		for _, x := range p.Result.Explanations {
			b.WriteString(x.String())
		}
	}
	if r.opts.verbose && p.Status != batch.Problem && p.File != "" {
		fmt.Fprintf(b, "%s: %s\n", p.File, p.Status.Name(r.mode))
	}
	r.e.stderr.Write(b.Bytes())
}

// githubAnnotation formats d as a GitHub Actions workflow command, which
// the runner shows on the file and line:
//
//	::warning file=F,line=L,col=C,title=pc2devenv PC010::message
func githubAnnotation(d ir.Diagnostic) string {
	cmd := "error"
	switch d.Severity {
	case ir.Warning:
		cmd = "warning"
	case ir.Note:
		cmd = "notice"
	}
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+githubProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
			}
		}
	}
	props = append(props, "title="+githubProperty("pc2devenv "+string(d.ID)))
	msg := d.Message
	if d.Suggestion != "" {
		msg += "; " + d.Suggestion
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(msg) + "\n"
}

// githubData escapes a workflow command's message.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// ANSI colours for diffs.
const (
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiCyan  = "\x1b[36m"
	ansiReset = "\x1b[0m"
)

// colorDiff colours a unified diff for a terminal: headers bold, hunk
// lines cyan, removed lines red, added lines green.
func colorDiff(d []byte, color bool) []byte {
	if !color {
		return d
	}
	var b bytes.Buffer
	header := true
	for _, line := range bytes.SplitAfter(d, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		text := bytes.TrimSuffix(line, []byte("\n"))
		var c string
		switch {
		case bytes.HasPrefix(line, []byte("@@")):
			header = false
			c = ansiCyan
		case header:
			c = ansiBold
		case line[0] == '-':
			c = ansiRed
		case line[0] == '+':
			c = ansiGreen
		}
		if c == "" {
			b.Write(line)
			continue
		}
		b.WriteString(c)
		b.Write(text)
		b.WriteString(ansiReset)
		if len(text) < len(line) {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}
