// Package nixeval runs the real Nix evaluator (nix-instantiate) for tests:
// it parses emitted files and evaluates them as devenv modules with stub
// arguments, so that tests can compare what Nix reads back with the
// source. Tests skip when nix-instantiate is not installed.
package nixeval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
)

// Available reports whether nix-instantiate is installed.
func Available() bool {
	_, err := exec.LookPath("nix-instantiate")
	return err == nil
}

// Require skips t when nix-instantiate is not installed.
func Require(t testing.TB) {
	t.Helper()
	if !Available() {
		t.Skip("nix-instantiate is not installed (apt-get install nix-bin)")
	}
}

// Parse checks that src is valid Nix, as nix-instantiate --parse does;
// that includes that every variable it uses is bound.
func Parse(src []byte) error {
	cmd := exec.Command("nix-instantiate", "--parse", "-")
	cmd.Stdin = bytes.NewReader(src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("nix-instantiate --parse: %v\n%s", err, out)
	}
	return nil
}

// ParseAll checks that every file in srcs is valid Nix, with one run of
// nix-instantiate --parse for all of them. The error names the first
// file (by index) that Nix refuses.
func ParseAll(srcs [][]byte) error {
	if len(srcs) == 0 {
		return nil
	}
	dir, err := os.MkdirTemp("", "nixparse")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	args := []string{"--parse"}
	for i, src := range srcs {
		f := filepath.Join(dir, fmt.Sprintf("%d.nix", i))
		if err := os.WriteFile(f, src, 0o644); err != nil {
			return err
		}
		args = append(args, f)
	}
	cmd := exec.Command("nix-instantiate", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		// Find the file it stopped at, and say which it is.
		for i, src := range srcs {
			if perr := Parse(src); perr != nil {
				return fmt.Errorf("file %d: %v\n%s", i, perr, src)
			}
		}
		return fmt.Errorf("nix-instantiate --parse: %v\n%s", err, stderr.String())
	}
	return nil
}

var (
	pkgsRef = lazyre.New(`pkgs\.([A-Za-z0-9_'-]+)`)
	envRef  = lazyre.New(`config\.env\.([A-Za-z_][A-Za-z0-9_]*)`)
)

// Root is the stand-in for config.devenv.root in evaluated modules.
const Root = "/ROOT"

// wrapper evaluates a devenv module file with stub arguments: pkgs.<x>
// becomes the string "<pkgs.x>", config.devenv.root is Root,
// config.processes.<n>.ports.<p>.value is the port's allocate value,
// config.tasks and config.scripts are the module's own, and
// config.env.<NAME> is the module's env.NAME or, for a variable devenv
// would read from .env, the string "<config.env.NAME>".
const wrapper = `
let
  mod = import %s;
  pkgs = builtins.listToAttrs (map (n: { name = n; value = "<pkgs." + n + ">"; }) [ %s ]);
  config = {
    devenv.root = %q;
    processes = builtins.mapAttrs (n: p: p // {
      ports = builtins.mapAttrs (pn: pv: pv // { value = pv.allocate; }) (p.ports or { });
    }) (result.processes or { });
    tasks = result.tasks or { };
    scripts = result.scripts or { };
    env = builtins.listToAttrs (map (n: { name = n; value = "<config.env." + n + ">"; }) [ %s ]) // (result.env or { });
  };
  result = if builtins.isFunction mod then mod { inherit pkgs config; lib = { }; inputs = { }; } else mod;
  # Paths become strings, so that they are not copied to the store.
  strip = v:
    if builtins.isPath v then toString v
    else if builtins.isAttrs v then builtins.mapAttrs (n: strip) v
    else if builtins.isList v then map strip v
    else v;
in strip result
`

// EvalModule evaluates the devenv module src and returns its value as JSON
// data (maps, lists, strings, float64 numbers, bools, nil). Paths are
// strings: "./x" for a path relative to the module.
func EvalModule(src []byte) (map[string]any, error) { return evalModule(src, false) }

// EvalModuleRestricted evaluates src as EvalModule does, in Nix's
// restricted mode, where reading or importing any file but the module
// itself is an error: evaluating a module that reads /etc/passwd fails.
func EvalModuleRestricted(src []byte) (map[string]any, error) { return evalModule(src, true) }

func evalModule(src []byte, restricted bool) (map[string]any, error) {
	dir, err := os.MkdirTemp("", "nixeval")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "devenv.nix")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, m := range pkgsRef.FindAllSubmatch(src, -1) {
		names[string(m[1])] = true
	}
	var quoted []string
	for n := range names {
		quoted = append(quoted, fmt.Sprintf("%q", n))
	}
	sort.Strings(quoted)
	envNames := map[string]bool{}
	for _, m := range envRef.FindAllSubmatch(src, -1) {
		envNames[string(m[1])] = true
	}
	var envQuoted []string
	for n := range envNames {
		envQuoted = append(envQuoted, fmt.Sprintf("%q", n))
	}
	sort.Strings(envQuoted)
	expr := fmt.Sprintf(wrapper, file, strings.Join(quoted, " "), Root, strings.Join(envQuoted, " "))
	args := []string{"--eval", "--strict", "--json"}
	if restricted {
		args = append(args, "--option", "restrict-eval", "true", "-I", dir)
	}
	cmd := exec.Command("nix-instantiate", append(args, "-E", expr)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("nix-instantiate --eval: %v\n%s", err, stderr.String())
	}
	// Paths relative to the module come back relative again.
	out = bytes.ReplaceAll(out, []byte(`"`+dir+`/`), []byte(`"./`))
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("decoding nix-instantiate output: %v", err)
	}
	return v, nil
}

// Get returns the value at a path of attribute names in an evaluated
// module, and whether it exists.
func Get(v any, path ...string) (any, bool) {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[p]; !ok {
			return nil, false
		}
	}
	return v, true
}
