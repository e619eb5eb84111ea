package rules_test

import (
	"fmt"

	"github.com/pc2devenv/pc2devenv/parse/processcompose"
	"github.com/pc2devenv/pc2devenv/rules"
)

// Apply turns a process that runs a database into the devenv service,
// points the processes that waited for it at the service's process, and
// explains each decision.
func ExampleApply() {
	src := []byte(`processes:
  cache:
    command: "redis-server --port 6380"
  api:
    command: "npm start"
    depends_on:
      cache: {condition: process_started}
`)
	proj, _ := processcompose.Read("process-compose.yml", src)
	res := rules.Apply(proj, rules.Options{})
	for _, s := range proj.Services {
		fmt.Printf("services.%s, process %s\n", s.Attr, s.ProcessName)
	}
	for _, p := range proj.Processes {
		fmt.Printf("process %s after %s\n", p.Name, p.DependsOn[0].Name)
	}
	fmt.Print(res.Explanations[0])
	// Output:
	// services.redis, process redis
	// process api after redis
	// process-compose.yml:2:3: process "cache" -> services.redis
	//     evidence: it runs redis-server
	//     --port 6380: port = 6380
	//     decision: converted
}

// Options switch the rules off, for every process or for some.
func ExampleOptions() {
	src := []byte("processes:\n  db:\n    command: \"postgres\"\n")
	for _, opts := range []rules.Options{{}, {Keep: []string{"db"}}, {Off: true}} {
		proj, _ := processcompose.Read("process-compose.yml", src)
		rules.Apply(proj, opts)
		fmt.Printf("%+v: %d services, %d processes\n", opts, len(proj.Services), len(proj.Processes))
	}
	// Output:
	// {Off:false Keep:[] Force:false NoExplanations:false}: 1 services, 0 processes
	// {Off:false Keep:[db] Force:false NoExplanations:false}: 0 services, 1 processes
	// {Off:true Keep:[] Force:false NoExplanations:false}: 0 services, 1 processes
}
