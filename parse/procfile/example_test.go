package procfile_test

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/parse/procfile"
)

// Read reads a Procfile as foreman reads it: each process gets the
// PORT foreman would give it, and Heroku's release entry becomes a task.
func ExampleRead() {
	src := []byte("web: bundle exec puma -p $PORT\nrelease: bin/rails db:migrate\n")
	proj, _ := procfile.Read("Procfile", src, procfile.Options{PortBase: 3000})
	for _, p := range proj.Processes {
		for _, e := range p.Env {
			fmt.Printf("process %s: %s=%s\n", p.Name, e.Name, e.Value.Shell())
		}
	}
	for _, t := range proj.Tasks {
		fmt.Printf("task %s: %s\n", t.Name, t.Exec.Shell())
	}
	// Output:
	// process web: PORT=3000
	// task procfile:release: bin/rails db:migrate
}
