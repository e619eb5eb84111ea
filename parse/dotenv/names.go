package dotenv

import (
	"path/filepath"
	"strings"
)

// Names are the .env files the runners load from a project's directory
// by default: foreman, honcho, overmind, hivemind and process-compose
// all load .env.
var Names = []string{".env"}

// Match reports whether a file's name says it is a .env file: .env, or
// a variant such as .env.local or .env.development.
func Match(name string) bool {
	base := filepath.Base(name)
	return base == ".env" || strings.HasPrefix(base, ".env.")
}
