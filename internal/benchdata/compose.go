package benchdata

import (
	"fmt"
	"strings"
)

// GenerateCompose returns a docker-compose.yml with n services in the
// styles real files use, in turn: a database image with its environment,
// a volume and a health check; an application started by a command, with
// ports and a dependency on the database's health; a worker whose
// environment is a list with interpolation; a cache with a restart
// policy; and a one-shot task behind a profile. The same n always gives
// the same file.
func GenerateCompose(n int) []byte {
	var b strings.Builder
	b.WriteString("name: bench\n\nservices:\n")
	for i := range n {
		name := fmt.Sprintf("svc-%d", i)
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "  %s:\n    image: postgres:16\n", name)
			fmt.Fprintf(&b, "    environment:\n      POSTGRES_USER: app\n      POSTGRES_DB: app%d\n", i)
			fmt.Fprintf(&b, "    ports:\n      - \"%d:5432\"\n", 5432+i)
			fmt.Fprintf(&b, "    volumes:\n      - ./data/%d:/var/lib/postgresql/data\n", i)
			b.WriteString("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U app\"]\n      interval: 5s\n      retries: 10\n")
		case 1:
			fmt.Fprintf(&b, "  %s:\n    image: node:20\n    working_dir: /app\n", name)
			fmt.Fprintf(&b, "    command: npm run dev -- --port %d\n", 3000+i)
			fmt.Fprintf(&b, "    ports:\n      - \"%d:%d\"\n", 3000+i, 3000+i)
			fmt.Fprintf(&b, "    depends_on:\n      svc-%d:\n        condition: service_healthy\n", i-1)
		case 2:
			fmt.Fprintf(&b, "  %s:\n    image: python:3.12\n", name)
			fmt.Fprintf(&b, "    command: [\"celery\", \"-A\", \"app\", \"worker\", \"--loglevel=info\"]\n")
			fmt.Fprintf(&b, "    environment:\n      - \"BROKER_URL=redis://localhost:%d/0\"\n      - \"LOG_LEVEL=${LOG_LEVEL:-debug}\"\n", 6379+i)
			fmt.Fprintf(&b, "    depends_on:\n      - svc-%d\n", i-2)
		case 3:
			fmt.Fprintf(&b, "  %s:\n    image: redis:7\n    restart: unless-stopped\n", name)
			fmt.Fprintf(&b, "    ports:\n      - \"%d:6379\"\n", 6379+i)
		case 4:
			fmt.Fprintf(&b, "  %s:\n    image: alpine:3\n    profiles: [\"tools\"]\n", name)
			fmt.Fprintf(&b, "    command: sh -c \"echo migrate %d && sleep 1\"\n", i)
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
