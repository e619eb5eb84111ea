// Command benchfloor is the floor that scripts/bench-monorepo.sh measures
// pc2devenv against: what any tool must do for a monorepo, and nothing
// more.
//
//	benchfloor write ROOT   read each process-compose.yml under ROOT and write
//	                        it back as devenv.nix beside it, atomically (a
//	                        temporary file renamed into place), one worker
//	                        per CPU
//	benchfloor cat ROOT     read each process-compose.yml under ROOT
//	benchfloor yaml ROOT    read each into a yaml.Node, one worker per CPU
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	yaml "go.yaml.in/yaml/v4"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchfloor write|cat|yaml ROOT")
		os.Exit(2)
	}
	var do func(path string) error
	switch os.Args[1] {
	case "write":
		do = writeBack
	case "cat":
		do = func(path string) error { _, err := os.ReadFile(path); return err }
	case "yaml":
		do = func(path string) error {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var n yaml.Node
			return yaml.Unmarshal(b, &n)
		}
	default:
		fmt.Fprintln(os.Stderr, "benchfloor: unknown mode", os.Args[1])
		os.Exit(2)
	}
	paths := make(chan string, 256)
	var wg sync.WaitGroup
	var failed sync.Once
	for range runtime.NumCPU() {
		wg.Go(func() {
			for p := range paths {
				if err := do(p); err != nil {
					failed.Do(func() { fmt.Fprintln(os.Stderr, "benchfloor:", err) })
				}
			}
		})
	}
	err := filepath.WalkDir(os.Args[2], func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "process-compose.yml" {
			paths <- path
		}
		return err
	})
	close(paths)
	wg.Wait()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfloor:", err)
		os.Exit(1)
	}
}

// writeBack reads path and writes its content to devenv.nix beside it
// through a temporary file renamed into place, as convert -w does.
func writeBack(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".devenv.nix.*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), filepath.Join(dir, "devenv.nix"))
}
