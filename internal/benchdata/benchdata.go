// Package benchdata generates the process-compose inputs that pc2devenv's
// benchmarks share, so that every stage (parse, rules, emit, the whole
// pipeline) is measured on the same small, typical and very large files.
//
// A stage's benchmark loops over Inputs:
//
//	func BenchmarkStage(b *testing.B) {
//		for _, in := range benchdata.Inputs() {
//			b.Run(in.Name, func(b *testing.B) {
//				b.SetBytes(int64(len(in.Source)))
//				for b.Loop() {
//					// run the stage on in.Source
//				}
//			})
//		}
//	}
package benchdata

import (
	"fmt"
	"strings"
)

// An Input is one benchmark input.
type Input struct {
	// Name is the benchmark's sub-name: small, typical or large.
	Name string
	// Processes counts the file's processes.
	Processes int
	// Source is a process-compose.yml.
	Source []byte
}

// Inputs returns the inputs, from small to large: 3 processes (a web app
// with its database and cache), 12 (a typical service's development
// environment), and 5,000 (far beyond any real file: it shows how time
// grows).
func Inputs() []Input {
	return []Input{
		{Name: "small", Processes: 3, Source: Generate(3)},
		{Name: "typical", Processes: 12, Source: Generate(12)},
		{Name: "large", Processes: 5000, Source: Generate(5000)},
	}
}

// Generate returns a process-compose.yml with n processes that use the
// features real files use, in turn: environment lists with references,
// dependencies with conditions, readiness probes, restart policies,
// multi-line commands, working directories and disabled processes. The
// same n always gives the same file.
func Generate(n int) []byte {
	var b strings.Builder
	b.WriteString("version: \"0.5\"\n\nenvironment:\n  - \"APP_ENV=development\"\n  - \"LOG_LEVEL=debug\"\n\nprocesses:\n")
	for i := range n {
		name := fmt.Sprintf("svc-%d", i)
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "  %s:\n    command: \"postgres -D .data/%d -p %d\"\n", name, i, 5432+i)
			fmt.Fprintf(&b, "    environment:\n      - \"PGDATA=.data/%d\"\n      - \"PGPORT=%d\"\n", i, 5432+i)
			fmt.Fprintf(&b, "    readiness_probe:\n      exec:\n        command: \"pg_isready -p %d\"\n      period_seconds: 2\n      failure_threshold: 10\n", 5432+i)
			b.WriteString("    availability:\n      restart: always\n")
		case 1:
			fmt.Fprintf(&b, "  %s:\n    command: |\n      npm install\n      npm run dev -- --port %d\n", name, 3000+i)
			fmt.Fprintf(&b, "    working_dir: ./web-%d\n", i)
			fmt.Fprintf(&b, "    environment:\n      - \"PORT=%d\"\n      - \"API_URL=http://localhost:${API_PORT:-8080}\"\n", 3000+i)
			fmt.Fprintf(&b, "    depends_on:\n      svc-%d:\n        condition: process_healthy\n", i-1)
			fmt.Fprintf(&b, "    readiness_probe:\n      http_get:\n        host: 127.0.0.1\n        port: %d\n        path: /health\n", 3000+i)
		case 2:
			fmt.Fprintf(&b, "  %s:\n    command: \"./bin/migrate --dsn postgres://localhost:%d/app up\"\n", name, 5432+i-2)
			fmt.Fprintf(&b, "    depends_on:\n      svc-%d:\n        condition: process_healthy\n", i-2)
			b.WriteString("    availability:\n      restart: \"no\"\n")
		case 3:
			fmt.Fprintf(&b, "  %s:\n    command: \"celery -A app worker --loglevel=$${LOG_LEVEL}\"\n", name)
			fmt.Fprintf(&b, "    depends_on:\n      svc-%d:\n        condition: process_completed_successfully\n      svc-%d:\n        condition: process_started\n", i-1, i-3)
			b.WriteString("    availability:\n      restart: on_failure\n      max_restarts: 3\n      backoff_seconds: 2\n")
		case 4:
			fmt.Fprintf(&b, "  %s:\n    command: \"redis-server --port %d --bind 127.0.0.1\"\n", name, 6379+i)
			if i%10 == 9 {
				b.WriteString("    disabled: true\n")
			}
			b.WriteString("    shutdown:\n      signal: 15\n      timeout_seconds: 5\n")
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
