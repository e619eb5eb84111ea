package makefile

import (
	"fmt"
	"path/filepath"

	"github.com/pc2devenv/pc2devenv/internal/shell"
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Options configure the Makefile reader: ReadFile its reading, the other
// fields its lowering.
type Options struct {
	// ReadFile reads included makefiles. Without it, includes are
	// reported and not read.
	ReadFile func(name string) ([]byte, error)
	// Scripts says which targets get a script besides their task:
	// "phony" (the default, also for ""), "none" or "all".
	Scripts string
	// ProcessesFromTargets names the targets that become processes
	// instead of tasks.
	ProcessesFromTargets []string
	// Quiet drops the echo of recipe lines that make prints.
	Quiet bool
	// Shell holds the parsed commands of the project the Makefile is
	// read into; Read makes one when it is nil. The project read
	// carries it (ir.Project.Shell).
	Shell *shell.Cache
}

// Read reads a makefile as GNU make (4.3) reads it, and lowers its
// targets to devenv tasks (tasks."make:<target>"), scripts and, on
// request, processes. file is the name used in positions; includes are
// read relative to its directory.
//
// The tasks keep make's semantics: each recipe line runs as if in its
// own shell, the first failing line stops the recipe unless it starts
// with "-", lines are echoed unless they start with "@", "$$" is "$", and
// make's variables are expanded; what make knows only when it runs
// (environment variables, $(shell …)) is left for bash to compute.
func Read(file string, src []byte, opts Options) (proj *ir.Project, diags ir.Diagnostics) {
	if opts.Shell == nil {
		opts.Shell = shell.NewCache()
	}
	proj = &ir.Project{Sources: []ir.Source{{Path: file, Format: ir.FormatMakefile}}, Shell: opts.Shell}
	if !sourcecheck.CheckText(file, src, &diags) {
		return proj, diags
	}
	db := read(file, src, opts.ReadFile, &diags)
	proj.Sources = append(proj.Sources, db.sources...)
	if len(db.order) > sourcecheck.MaxItems {
		sourcecheck.TooMany(ir.Pos{File: file}, "targets (with the files it includes)", &diags)
	}
	if diags.HasErrors() {
		return proj, diags
	}
	lower(db, proj, opts, &diags)
	if len(proj.Tasks)+len(proj.Processes) == 0 && proj.Dotenv == nil {
		diags.AddAs(ir.Pos{File: file, Line: 1, Col: 1}, ir.Warning, ir.IDMakeNotNeeded,
			fmt.Sprintf("%s has no target to convert", filepath.Base(file)), "")
	}
	return proj, diags
}
