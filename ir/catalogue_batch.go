package ir

// Writing, diff and monorepos (PC510–PC539, ids_batch.go).
var batchEntries = []Entry{
	{
		ID: IDHandWritten, Name: "hand-written", Severity: Warning,
		Also:        []Severity{Note},
		Summary:     "a devenv.nix pc2devenv did not generate, left alone",
		Explanation: ``,
	},
	{
		ID: IDDrift, Name: "drift", Severity: Error,
		Summary:     "devenv.nix differs from what its sources give",
		Explanation: ``,
	},
	{
		ID: IDMissing, Name: "missing", Severity: Error,
		Summary:     "a project has no devenv.nix yet",
		Explanation: ``,
	},
	{
		ID: IDWrite, Name: "write", Severity: Error,
		Summary:     "a file could not be written",
		Explanation: ``,
	},
	{
		ID: IDWalk, Name: "walk", Severity: Warning,
		Summary:     "a directory could not be read during a walk",
		Explanation: ``,
	},
	{
		ID: IDNoProjects, Name: "no-projects", Severity: Error,
		Summary:     "a walk found no project",
		Explanation: ``,
	},
	{
		ID: IDDirLoop, Name: "dir-loop", Severity: Note,
		Summary:     "a directory is its own ancestor (a bind-mount loop)",
		Explanation: ``,
	},
	{
		ID: IDScaffold, Name: "scaffold", Severity: Note,
		Summary:     "--init wrote a file devenv init would write",
		Explanation: ``,
	},
}
