package devenvrun

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/procrun"
)

// This file is devenv's environment: the top-level env, and the .env
// files dotenv loads into it.

// ReadDotenv reads a .env file as the devenv 2.2.2 model here reads it
// for dotenv.enable: a line is NAME=value, with an optional "export" and
// spaces around "=", a value in matching double or single quotes without
// them; blank lines and lines that start with "#" are skipped, and so is
// any other line; no value spans lines and none is expanded.
//
// devenv 2.2.2 reads the file with a simple Nix line parser (see
// reference/devenv.md, dotenv) whose exact rules the reference does not
// give; this reading is an assumption (that of the converter's PC331:
// devenv reads "export NAME=value"), and the behaviour tests list the
// differences it makes.
func ReadDotenv(src string) [][2]string {
	var out [][2]string
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSuffix(line, "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if r, ok := strings.CutPrefix(t, "export "); ok {
			t = strings.TrimSpace(r)
		}
		name, val, ok := strings.Cut(t, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t#'\"") {
			continue
		}
		val = strings.TrimSpace(val)
		if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
			val = val[1 : len(val)-1]
		}
		out = append(out, [2]string{name, val})
	}
	return out
}

// ShellEnv returns the environment devenv's shell has, which processes,
// tasks and scripts inherit: environ (the user's), then the variables of
// the .env files dotenv loads (relative to root), then the top-level env,
// which wins over them (dotenv's values have mkDefault priority).
func (c *Config) ShellEnv(root string, environ []string) ([]string, error) {
	e := procrun.NewEnviron()
	e.Add(environ)
	for _, f := range c.Dotenv.Files() {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // a missing file loads nothing
		}
		for _, kv := range ReadDotenv(string(b)) {
			if _, set := c.Env[kv[0]]; !set {
				e.Set(kv[0], kv[1])
			}
		}
	}
	env, err := c.Environ()
	if err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(env) {
		e.Set(k, rooted(env[k], root))
	}
	return e.List(), nil
}

// rooted puts root where the evaluated module has its stand-in for
// config.devenv.root (nixeval.Root, "/ROOT").
func rooted(s, root string) string {
	if s == evalRoot {
		return root
	}
	return strings.ReplaceAll(s, evalRoot+"/", root+"/")
}

// evalRoot is what package nixeval evaluates config.devenv.root to.
const evalRoot = "/ROOT"
