package ir

// Writing, diff and monorepos (PC510–PC539, ids_batch.go).
var batchEntries = []Entry{
	{
		ID: IDHandWritten, Name: "hand-written", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a devenv.nix pc2devenv did not generate, left alone",
		Explanation: `A devenv.nix that pc2devenv did not generate (no pc2devenv header line) is left alone by -w and skipped by diff, unless --force.

    pc2devenv convert -w --force`,
	},
	{
		ID: IDDrift, Name: "drift", Severity: Error,
		Summary: "devenv.nix differs from what its sources give",
		Explanation: `devenv.nix differs from what its sources give: the sources changed and devenv.nix was not regenerated. Run pc2devenv convert -w.

    pc2devenv diff     # exit 1, with a diff`,
	},
	{
		ID: IDMissing, Name: "missing", Severity: Error,
		Summary: "a project has no devenv.nix yet",
		Explanation: `A project has no devenv.nix yet; run pc2devenv convert -w to write it.

    pc2devenv diff -r .`,
	},
	{
		ID: IDWrite, Name: "write", Severity: Error,
		Summary: "a file could not be written",
		Explanation: `A file could not be written; the message gives the system's reason.

    pc2devenv convert -w read-only-dir`,
	},
	{
		ID: IDWalk, Name: "walk", Severity: Warning,
		Summary: "a directory could not be read during a walk",
		Explanation: `A directory could not be read during a -r walk; it is skipped.

    pc2devenv convert -r -w .`,
	},
	{
		ID: IDNoProjects, Name: "no-projects", Severity: Error,
		Summary: "a walk found no project",
		Explanation: `A -r walk found no project (no process-compose file or Procfile; Makefiles need --makefiles).

    pc2devenv convert -r -w empty-dir`,
	},
	{
		ID: IDDirLoop, Name: "dir-loop", Severity: Note,
		Summary: "a directory is its own ancestor (a bind-mount loop)",
		Explanation: `A directory is its own ancestor (a bind mount or link loop); the walk does not enter it again.

    pc2devenv diff -r /mnt`,
	},
	{
		ID: IDScaffold, Name: "scaffold", Severity: Note,
		Summary: "--init wrote a file devenv init would write",
		Explanation: `--init wrote a file devenv init would write (devenv.yaml, .envrc, .gitignore entries).

    pc2devenv convert -w --init`,
	},
}
