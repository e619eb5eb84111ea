package parse_test

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/parse"
)

// ProcessCompose reads a process-compose file into the format-neutral
// model, with the position of every value, and reports what it does not
// understand as diagnostics rather than failing.
func ExampleProcessCompose() {
	src := []byte(`processes:
  web:
    command: "npm start -- --port ${PORT:-3000}"
    depends_on:
      db: {condition: process_healthy}
    restart_policy: always
  db:
    command: "postgres -D ./data"
`)
	proj, diags := parse.ProcessCompose("process-compose.yml", src)
	for _, p := range proj.Processes {
		fmt.Printf("%s (%s): %s\n", p.Name, p.Pos, p.Command.Shell())
		for _, d := range p.DependsOn {
			fmt.Printf("  after %s, %s\n", d.Name, d.Condition)
		}
	}
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// web (process-compose.yml:2:3): npm start -- --port ${PORT:-3000}
	//   after db, process_healthy
	// db (process-compose.yml:7:3): postgres -D ./data
	// process-compose.yml:6:5: warning[PC010]: unknown key "restart_policy" in process "web"; process-compose ignores it
}

// Procfile reads a Procfile as foreman reads it: each process gets the
// PORT foreman would give it, and Heroku's release entry becomes a task.
func ExampleProcfile() {
	src := []byte("web: bundle exec puma -p $PORT\nrelease: bin/rails db:migrate\n")
	proj, _ := parse.Procfile("Procfile", src, parse.ProcfileOptions{PortBase: 3000})
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
