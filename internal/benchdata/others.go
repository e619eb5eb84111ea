package benchdata

import (
	"fmt"
	"strings"
)

// GenerateProcfile returns a Procfile with n processes in the styles real
// Procfiles use, in turn: plain commands, $PORT, environment assignments,
// shell operators and quoting.
func GenerateProcfile(n int) []byte {
	var b strings.Builder
	for i := range n {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "web%d: bundle exec puma -C config/puma.rb -p $PORT\n", i)
		case 1:
			fmt.Fprintf(&b, "worker%d: bundle exec sidekiq -q default -q mailers -c 5\n", i)
		case 2:
			fmt.Fprintf(&b, "css%d: bin/rails tailwindcss:watch\n", i)
		case 3:
			fmt.Fprintf(&b, "js%d: NODE_ENV=development yarn build --watch && echo \"done %d\"\n", i, i)
		case 4:
			fmt.Fprintf(&b, "release%d: cd api-%d && ./manage.py migrate --noinput 2>&1 | tee log/%d.log\n", i, i, i)
		}
	}
	return []byte(b.String())
}

// GenerateMakefile returns a Makefile with n targets in the styles real
// Makefiles use, in turn: phony tasks, variables, prerequisites, recipes
// of several lines, and a long-running server.
func GenerateMakefile(n int) []byte {
	var b strings.Builder
	b.WriteString("GO ?= go\nPORT := 8080\nBIN = bin/app\n\n")
	var phony []string
	for i := range n {
		name := fmt.Sprintf("t%d", i)
		phony = append(phony, name)
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "%s:\n\t$(GO) build -o $(BIN)-%d ./cmd/app\n\n", name, i)
		case 1:
			fmt.Fprintf(&b, "%s: t%d\n\t@echo testing %d\n\t$(GO) test ./... -run Test%d\n\n", name, i-1, i, i)
		case 2:
			fmt.Fprintf(&b, "%s:\n\tdocker compose up -d db-%d\n\tsleep 2 && ./scripts/migrate.sh\n\n", name, i)
		case 3:
			fmt.Fprintf(&b, "%s: t%d\n\tPORT=$(PORT) ./$(BIN)-%d serve --port $(PORT)\n\n", name, i-3, i-3)
		}
	}
	fmt.Fprintf(&b, ".PHONY: %s\n", strings.Join(phony, " "))
	return []byte(b.String())
}
