package convert

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
)

// The files devenv init --include-envrc writes besides devenv.nix. They
// state facts about devenv, not pc2devenv's output: the nixpkgs input
// devenv's own template uses, direnv's hook, and what devenv keeps out of
// git.
const (
	devenvYAML = `# yaml-language-server: $schema=https://devenv.sh/devenv.schema.json
inputs:
  nixpkgs:
    url: github:cachix/devenv-nixpkgs/rolling
`
	envrc = `# direnv loads the devenv environment on entering this directory.
export DIRENV_WARN_TIMEOUT=20s

eval "$(devenv direnvrc)"

use devenv
`
)

// gitignoreEntries are the lines devenv init puts in .gitignore: devenv's
// state and local overrides, and direnv's cache (since .envrc is written).
var gitignoreEntries = []string{".devenv*", "devenv.local.nix", "devenv.local.yaml", ".direnv"}

// Scaffold writes, in the project directory dir, what "devenv init
// --include-envrc" writes besides devenv.nix, where it is missing:
// devenv.yaml with the nixpkgs input, .envrc with "use devenv", and the
// .gitignore entries for devenv's state and local files. It never replaces
// an existing devenv.yaml or .envrc; it adds to an existing .gitignore
// only the entries it lacks. It returns the names of the files it created
// or changed, relative to dir.
func Scaffold(dir string, sync bool) (changed []string, err error) {
	for _, f := range []struct{ name, content string }{
		{"devenv.yaml", devenvYAML},
		{".envrc", envrc},
	} {
		created, err := createFile(filepath.Join(dir, f.name), []byte(f.content), 0o644, sync)
		if err != nil {
			return changed, err
		}
		if created {
			changed = append(changed, f.name)
		}
	}
	ok, err := addGitignore(filepath.Join(dir, ".gitignore"), sync)
	if ok {
		changed = append(changed, ".gitignore")
	}
	return changed, err
}

// addGitignore adds the entries .gitignore lacks, keeping what it holds.
func addGitignore(path string, sync bool) (bool, error) {
	old, err := ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createFile(path, gitignoreAddition(nil), 0o644, sync)
	case err != nil:
		return false, err
	}
	add := gitignoreAddition(old)
	if add == nil {
		return false, nil
	}
	mode, err := fileMode(path)
	if err != nil {
		return false, err
	}
	data := append([]byte{}, old...)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	if len(data) > 0 {
		data = append(data, '\n')
	}
	data = append(data, add...)
	return true, replaceFile(path, data, mode, true, sync)
}

// gitignoreAddition returns the block of entries that the .gitignore
// content old lacks, or nil when it has them all.
func gitignoreAddition(old []byte) []byte {
	have := map[string]bool{}
	for _, line := range bytes.Split(old, []byte("\n")) {
		have[string(bytes.TrimSpace(line))] = true
	}
	var b bytes.Buffer
	for _, e := range gitignoreEntries {
		if !have[e] {
			if b.Len() == 0 {
				b.WriteString("# devenv\n")
			}
			b.WriteString(e + "\n")
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return b.Bytes()
}
