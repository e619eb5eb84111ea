package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Mode says what a run does with each project's devenv.nix.
type Mode int

const (
	// Write writes devenv.nix next to each project's sources (convert -w).
	Write Mode = iota
	// Check compares it with the devenv.nix on disk (diff).
	Check
	// Convert only converts each project, for a report: nothing is
	// written or compared, and a project that converts is Converted.
	Convert
)

// Options configure a run.
type Options struct {
	// Convert configures each project's conversion.
	Convert convert.Options
	// Mode says whether to write each devenv.nix or compare it.
	Mode Mode
	// Recursive walks the paths for projects (-r). Otherwise the paths
	// name one project: a directory, or its source files.
	Recursive bool
	// Makefiles makes a directory with only a Makefile a project in a
	// walk.
	Makefiles bool
	// Force replaces (Write) or compares (Check) a devenv.nix that
	// pc2devenv did not generate; otherwise it is left alone.
	Force bool
	// Strict fails a project that has warnings.
	Strict bool
	// Init also writes what devenv init writes besides devenv.nix, where
	// it is missing (Write only).
	Init bool
	// Sync flushes every write to stable storage (fsync).
	Sync bool
	// Jobs bounds the projects converted at once; 0 means one per CPU.
	Jobs int
	// Progress, when not nil, is kept up to date during the run.
	Progress *Progress
}

// Progress counts a run's projects as it goes, for a progress line.
type Progress struct {
	// Found counts the projects found so far, Done those finished.
	Found, Done atomic.Int64
	// Walked is set when the walk is over, so that Found is the total.
	Walked atomic.Bool
}

// Status says what became of a project.
type Status int

const (
	// Unchanged: its devenv.nix already holds the output.
	Unchanged Status = iota
	// Updated: its devenv.nix was written over an older one (Write), or
	// is out of date (Check).
	Updated
	// Created: it had no devenv.nix; one was written (Write), or is
	// missing (Check).
	Created
	// Skipped: its devenv.nix was written by hand, and left alone.
	Skipped
	// Failed: it could not be converted, or its devenv.nix written.
	Failed
	// Converted: it was converted, and its devenv.nix left alone
	// (Convert).
	Converted
	// Problem is not a project but a problem met on the way, such as an
	// unreadable directory; its Diagnostics say what.
	Problem
)

// A Project is the outcome of one project of a run.
type Project struct {
	// Dir is the project's directory, and File its devenv.nix.
	Dir, File string
	// Status says what became of the project.
	Status Status
	// Result is the conversion; nil for a Problem, or for paths that
	// could not be read at all.
	Result *convert.Result
	// Diagnostics are those of writing, checking or walking; the
	// conversion's are in Result.
	Diagnostics ir.Diagnostics
	// Diff is the unified diff that brings File up to date (Check).
	Diff []byte
	// Scaffolded names the files Init wrote, relative to Dir.
	Scaffolded []string
}

// AllDiagnostics returns the conversion's diagnostics, then the run's.
func (p *Project) AllDiagnostics() ir.Diagnostics {
	if p.Result == nil {
		return p.Diagnostics
	}
	if len(p.Diagnostics) == 0 {
		return p.Result.Diagnostics
	}
	return append(append(ir.Diagnostics{}, p.Result.Diagnostics...), p.Diagnostics...)
}

// Internal reports whether converting the project met a bug in
// pc2devenv.
func (p *Project) Internal() bool { return p.Result != nil && p.Result.Internal() != nil }

// Run converts the projects that paths name (or, Recursive, that a walk
// of them finds), at most Jobs at a time, and writes or checks each one's
// devenv.nix. It calls report once per project, in the order of the walk
// (never concurrently), as soon as the projects before it are done, so
// that the output is the same on every run and memory does not grow with
// the number of projects. A project that fails does not stop the others.
func Run(paths []string, o Options, report func(*Project)) *Summary {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	workers := o.Jobs
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if !o.Recursive {
		workers = 1
	}
	r := &runner{o: o, cwd: cwd()}
	sum := newSummary()
	// The walk hands jobs to the workers in chunks, and the workers
	// report a chunk at a time: a hand-over per project would cost more
	// in waking goroutines than converting a small project does.
	chunks := make(chan []job, 2*workers)
	go func() {
		defer close(chunks)
		var chunk []job
		w := &walker{makefiles: o.Makefiles, send: func(j job) {
			if o.Progress != nil && j.isProject() {
				o.Progress.Found.Add(1)
			}
			chunk = append(chunk, j)
			if len(chunk) == chunkSize {
				chunks <- chunk
				chunk = make([]job, 0, chunkSize)
			}
		}}
		func() {
			// A bug in the walk ends it, reported; the projects found
			// so far are still converted.
			defer func() {
				if v := recover(); v != nil {
					w.internal(strings.Join(paths, ", "), v)
				}
			}()
			if o.Recursive {
				if len(paths) > 1 {
					w.seen = map[string]bool{}
				}
				for _, p := range paths {
					w.walk(p)
				}
			} else {
				w.project(paths...)
			}
		}()
		if len(chunk) > 0 {
			chunks <- chunk
		}
		if o.Progress != nil {
			o.Progress.Walked.Store(true)
		}
	}()

	var (
		mu      sync.Mutex
		pending = map[int]*Project{}
		next    int
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done := make([]*Project, 0, chunkSize)
			for chunk := range chunks {
				done = done[:0]
				for _, j := range chunk {
					p := r.process(j)
					if o.Progress != nil && j.isProject() {
						o.Progress.Done.Add(1)
					}
					done = append(done, p)
				}
				mu.Lock()
				for i, p := range done {
					pending[chunk[i].idx] = p
				}
				for {
					q, ok := pending[next]
					if !ok {
						break
					}
					delete(pending, next)
					next++
					sum.add(q)
					report(q)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if o.Recursive && sum.Projects == 0 && sum.Problems == 0 {
		p := &Project{Status: Problem}
		p.Diagnostics.Add(ir.Pos{}, ir.IDNoProjects,
			"found no project under "+strings.Join(paths, ", "),
			"a project is a directory with a process-compose.yml or a Procfile (or a Makefile, with --makefiles)")
		sum.add(p)
		report(p)
	}
	return sum
}

// chunkSize is how many jobs the walk hands over at once.
const chunkSize = 16

// runner converts and writes or checks projects.
type runner struct {
	o Options
	// cwd makes absolute paths relative in diffs.
	cwd string
}

func (r *runner) process(j job) (p *Project) {
	if j.internal != nil {
		return &Project{Status: Problem, Result: j.internal}
	}
	if j.problem != nil {
		return &Project{Status: Problem, Diagnostics: ir.Diagnostics{*j.problem}}
	}
	p = &Project{Dir: j.paths[0]}
	defer func() {
		// A bug in writing or checking a project fails the project, not
		// the run.
		if v := recover(); v != nil {
			p = &Project{Dir: j.paths[0], Status: Failed, Result: convert.Recovered(j.paths[0], v)}
		}
	}()
	var res *convert.Result
	var err error
	if j.files != nil {
		res, err = convert.Project(j.paths[0], j.files, r.o.Convert)
	} else {
		res, err = convert.Paths(j.paths, r.o.Convert)
	}
	if err != nil {
		p.Status = Failed
		p.Diagnostics.Add(ir.Pos{}, ir.IDIO, err.Error(), "")
		return p
	}
	p.Result = res
	p.Dir = res.Dir
	if res.Skip {
		// Not a project after all: its sources went away, or are
		// binary; the notes say so.
		p.Status = Problem
		return p
	}
	p.File = filepath.Join(res.Dir, "devenv.nix")
	if res.Output == nil || r.o.Strict && res.Diagnostics.Count(ir.Warning) > 0 {
		p.Status = Failed
		return p
	}
	switch r.o.Mode {
	case Check:
		r.check(p)
	case Convert:
		p.Status = Converted
	default:
		r.write(p)
	}
	return p
}

func (r *runner) write(p *Project) {
	change, err := convert.WriteFile(p.File, p.Result.Output, convert.WriteOptions{Force: r.o.Force, Sync: r.o.Sync})
	switch {
	case errors.Is(err, convert.ErrHandWritten):
		r.handWritten(p)
		return
	case err != nil:
		p.Status = Failed
		p.Diagnostics.Add(ir.Pos{File: p.File}, ir.IDWrite, "cannot write the file: "+pathReason(err), "")
		return
	}
	p.Status = [...]Status{convert.Unchanged: Unchanged, convert.Created: Created, convert.Replaced: Updated}[change]
	if !r.o.Init {
		return
	}
	files, err := convert.Scaffold(p.Dir, r.o.Sync)
	p.Scaffolded = files
	for _, f := range files {
		p.Diagnostics.Add(ir.Pos{File: filepath.Join(p.Dir, f)}, ir.IDScaffold,
			fmt.Sprintf("wrote %s as devenv init --include-envrc does", f), "")
	}
	if err != nil {
		p.Status = Failed
		p.Diagnostics.Add(ir.Pos{File: p.Dir}, ir.IDWrite, "cannot write devenv init's files: "+pathMessage(err), "")
	}
}

// handWritten skips a project whose devenv.nix pc2devenv did not generate:
// with a warning when asked to write it, with a note when checking it,
// since deleting the header is how a team takes a file over and CI should
// not complain about that.
func (r *runner) handWritten(p *Project) {
	p.Status = Skipped
	if r.o.Mode == Check {
		p.Diagnostics.AddAs(ir.Pos{File: p.File, Line: 1}, ir.Note, ir.IDHandWritten,
			"this devenv.nix was not generated by pc2devenv (its first line is not pc2devenv's header), so it is not compared",
			"pass --force to compare it")
		return
	}
	p.Diagnostics.Add(ir.Pos{File: p.File, Line: 1}, ir.IDHandWritten,
		"this devenv.nix was not generated by pc2devenv (its first line is not pc2devenv's header), so it was left alone",
		"pass --force to replace it, or delete it")
}

func (r *runner) check(p *Project) {
	out := p.Result.Output
	old, err := convert.ReadFile(p.File)
	name := r.diffName(p.File)
	switch {
	case errors.Is(err, os.ErrNotExist):
		p.Status = Created
		p.Diff = unifiedDiff("/dev/null", nil, "b/"+name, out)
		p.Diagnostics.Add(ir.Pos{File: p.File}, ir.IDMissing,
			"devenv.nix is missing: there is none beside "+r.sourcesText(p),
			"run '"+r.fixCommand(p)+"' to write it, or apply this diff")
	case err != nil:
		p.Status = Failed
		p.Diagnostics.Add(ir.Pos{File: p.File}, ir.IDIO, "cannot read the file: "+pathReason(err), "")
	case !r.o.Force && !convert.Generated(old):
		r.handWritten(p)
	case string(old) == string(out):
		p.Status = Unchanged
	default:
		p.Status = Updated
		p.Diff = unifiedDiff("a/"+name, old, "b/"+name, out)
		p.Diagnostics.Add(ir.Pos{File: p.File, Line: firstDiffLine(old, out)}, ir.IDDrift,
			"devenv.nix is out of date: it differs from what pc2devenv generates from "+r.sourcesText(p),
			"run '"+r.fixCommand(p)+"' to update it, or apply this diff")
	}
}

// sourcesText names a project's sources in a message.
func (r *runner) sourcesText(p *Project) string {
	return strings.Join(p.Result.Sources, ", ")
}

// fixCommand is the command that brings a project's devenv.nix up to date.
func (r *runner) fixCommand(p *Project) string {
	cmd := "pc2devenv convert -w"
	if t := r.o.Convert.Target.String(); t != "devenv2" {
		cmd += " --target " + t
	}
	if r.o.Convert.From != "" {
		cmd += " --from " + string(r.o.Convert.From)
	}
	if r.o.Force {
		cmd += " --force"
	}
	return cmd + " " + shell.Quote(p.Dir, shell.SingleQuotes)
}

// diffName is the name of a file in diff headers: slash-separated, and
// relative to the working directory where it can be.
func (r *runner) diffName(path string) string {
	if filepath.IsAbs(path) && r.cwd != "" {
		if rel, err := filepath.Rel(r.cwd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(path)), "/")
}

func cwd() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	return d
}

// pathReason is an error's reason without the path, which the
// diagnostic's position already names.
func pathReason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
