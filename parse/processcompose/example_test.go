package processcompose_test

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// Read reads a process-compose file into the format-neutral
// model, with the position of every value, and reports what it does not
// understand as diagnostics rather than failing.
func ExampleRead() {
	src := []byte(`processes:
  web:
    command: "npm start -- --port ${PORT:-3000}"
    depends_on:
      db: {condition: process_healthy}
    restart_policy: always
  db:
    command: "postgres -D ./data"
`)
	proj, diags := processcompose.Read("process-compose.yml", src)
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
	// process-compose.yml:6:5: warning[PC010]: unknown key "restart_policy" in process "web"
}
