package ir

// Writing projects, checking them for drift (diff), and walking monorepos.
const (
	IDHandWritten ID = "PC510" // a devenv.nix pc2devenv did not generate, left alone
	IDDrift       ID = "PC511" // devenv.nix differs from what its sources give
	IDMissing     ID = "PC512" // a project has no devenv.nix yet
	IDWrite       ID = "PC513" // a file could not be written
	IDWalk        ID = "PC514" // a directory could not be read during a walk
	IDNoProjects  ID = "PC515" // a walk found no project
	IDDirLoop     ID = "PC516" // a directory is its own ancestor (a bind-mount loop)
	IDScaffold    ID = "PC517" // --init wrote a file devenv init would write
)
