package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/nixeval"
)

// These tests check the files that fit pc2devenv into other tools: the
// Nix packaging (default.nix, flake.nix, package.nix), the pre-commit
// hook, the GitHub Actions workflow and the devenv git hook in docs/.

// absRepo is the repository's root as an absolute path.
func absRepo(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	buildMu sync.Mutex
	builds  = map[string]any{} // ldflags -> binary path, or error
)

// buildBinary builds pc2devenv with plain go build, as a user does from a
// checkout, without cgo (as the Nix package builds it), with ldflags.
func buildBinary(t *testing.T, ldflags string) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if v, ok := builds[ldflags]; ok {
		if err, ok := v.(error); ok {
			t.Fatal(err)
		}
		return v.(string)
	}
	dir, err := os.MkdirTemp("", "pc2devenv-bin")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "pc2devenv")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, "./cmd/pc2devenv")
	cmd.Dir = absRepo(t)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		err = fmt.Errorf("go build: %v\n%s", err, out)
		builds[ldflags] = err
		t.Fatal(err)
	}
	builds[ldflags] = bin
	return bin
}

// nixEval evaluates the Nix expression expr strictly and decodes its
// value from JSON into v.
func nixEval(t *testing.T, expr string, v any) {
	t.Helper()
	cmd := exec.Command("nix-instantiate", "--eval", "--strict", "--json", "-E", expr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nix-instantiate --eval: %v\n%s\n%s", err, stderr.String(), expr)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}
}

// nixPath writes an absolute path as a Nix path expression.
func nixPath(p string) string {
	return fmt.Sprintf("(/. + %q)", p)
}

// TestNixFilesParse checks that nix-instantiate --parse accepts every Nix
// file of the repository outside testdata.
func TestNixFilesParse(t *testing.T) {
	nixeval.Require(t)
	files := []string{"default.nix", "flake.nix", "package.nix", "docs/devenv-git-hooks/devenv.nix"}
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := nixeval.Parse(src); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// stubNixpkgs stands for nixpkgs in evaluations: buildGoModule returns its
// arguments, and lib has what package.nix and flake.nix use.
const stubNixpkgs = `
  lib = {
    optional = c: x: if c then [ x ] else [ ];
    genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
    fileset = {
      toSource = { root, fileset }: { root = toString root; inherit fileset; };
      unions = map (x: if builtins.isPath x then toString x else x);
      fileFilter = pred: dir: {
        dir = toString dir;
        goFile = pred { name = "x.go"; hasExt = e: e == "go"; };
        nixFile = pred { name = "x.nix"; hasExt = e: e == "nix"; };
      };
    };
  };
  buildGoModule = args: args;
  callPackage = path: args: import path ({ inherit lib buildGoModule; } // args);
  pkgs = { inherit lib buildGoModule callPackage; };
`

// goPackage is what package.nix passes buildGoModule, as the stub returns
// it.
type goPackage struct {
	Pname   string `json:"pname"`
	Version string `json:"version"`
	Src     struct {
		Root    string `json:"root"`
		Fileset []any  `json:"fileset"`
	} `json:"src"`
	VendorHash  string            `json:"vendorHash"`
	SubPackages []string          `json:"subPackages"`
	Env         map[string]any    `json:"env"`
	Ldflags     []string          `json:"ldflags"`
	DoCheck     bool              `json:"doCheck"`
	Meta        map[string]string `json:"meta"`
}

// evalPackages evaluates default.nix and the flake's packages and overlay
// for every system, with a stub nixpkgs.
func evalPackages(t *testing.T) (fromDefault goPackage, fromFlake map[string]map[string]goPackage, fromOverlay goPackage) {
	t.Helper()
	repo := absRepo(t)
	expr := fmt.Sprintf(`
let
%s
  flake = import %s;
  outputs = flake.outputs {
    self = { lastModifiedDate = "20260102030405"; shortRev = "abc1234"; };
    nixpkgs = { inherit lib; legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] (s: pkgs); };
  };
in {
  default = import %s { inherit pkgs; };
  flake = outputs.packages;
  overlay = (outputs.overlays.default pkgs pkgs).pc2devenv;
}`, stubNixpkgs, nixPath(repo+"/flake.nix"), nixPath(repo+"/default.nix"))
	var v struct {
		Default goPackage                       `json:"default"`
		Flake   map[string]map[string]goPackage `json:"flake"`
		Overlay goPackage                       `json:"overlay"`
	}
	nixEval(t, expr, &v)
	return v.Default, v.Flake, v.Overlay
}

// TestNixPackage evaluates default.nix and flake.nix with a stub nixpkgs
// and checks what they ask buildGoModule for; then builds pc2devenv with
// the flake's ldflags and checks that its version command reports them.
func TestNixPackage(t *testing.T) {
	t.Parallel()
	nixeval.Require(t)
	def, flake, overlay := evalPackages(t)
	repo := absRepo(t)

	check := func(name string, p goPackage, version string) {
		t.Helper()
		if p.Pname != "pc2devenv" || p.Version != version {
			t.Errorf("%s: pname, version = %q, %q; want pc2devenv, %q", name, p.Pname, p.Version, version)
		}
		if p.Src.Root != repo {
			t.Errorf("%s: src root %q, want the repository %q", name, p.Src.Root, repo)
		}
		want := []any{repo + "/go.mod", repo + "/go.sum", map[string]any{"dir": repo, "goFile": true, "nixFile": false}}
		if fmt.Sprint(p.Src.Fileset) != fmt.Sprint(want) {
			t.Errorf("%s: src fileset %v, want %v", name, p.Src.Fileset, want)
		}
		if !slices.Equal(p.SubPackages, []string{"cmd/pc2devenv"}) {
			t.Errorf("%s: subPackages %q", name, p.SubPackages)
		}
		if fmt.Sprint(p.Env["CGO_ENABLED"]) != "0" {
			t.Errorf("%s: env.CGO_ENABLED = %v, want 0 (a static binary)", name, p.Env["CGO_ENABLED"])
		}
		if p.Meta["mainProgram"] != "pc2devenv" {
			t.Errorf("%s: meta.mainProgram = %q: nix run needs it", name, p.Meta["mainProgram"])
		}
		if !strings.HasPrefix(p.VendorHash, "sha256-") {
			t.Errorf("%s: vendorHash %q is not an SRI hash", name, p.VendorHash)
		}
	}
	check("default.nix", def, "0-unstable")
	if len(flake) != 4 {
		t.Errorf("flake: packages for %d systems, want 4", len(flake))
	}
	for system, pkgs := range flake {
		for _, attr := range []string{"default", "pc2devenv"} {
			check("flake packages."+system+"."+attr, pkgs[attr], "0-unstable-20260102")
		}
	}
	check("flake overlays.default", overlay, "0-unstable-20260102")

	// The ldflags set what pc2devenv version prints.
	p := flake["x86_64-linux"]["default"]
	bin := buildBinary(t, strings.Join(p.Ldflags, " "))
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "pc2devenv 0-unstable-20260102 abc1234\n"; got != want {
		t.Errorf("version of a build with the flake's ldflags %q:\ngot  %q\nwant %q", p.Ldflags, got, want)
	}
}

// TestVendorHash recomputes package.nix's vendorHash as buildGoModule
// does: go mod vendor over the package's sources (go.mod, go.sum and the
// .go files, in a temporary directory), then the NAR hash of the tree.
func TestVendorHash(t *testing.T) {
	t.Parallel()
	nixeval.Require(t)
	if _, err := exec.LookPath("nix"); err != nil {
		t.Skip("nix is not installed")
	}
	def, _, _ := evalPackages(t)

	src := t.TempDir()
	repo := absRepo(t)
	err := filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(repo, p)
		switch {
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "vendor"):
			return filepath.SkipDir
		case d.IsDir() || !(strings.HasSuffix(r, ".go") || r == "go.mod" || r == "go.sum"):
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(src, filepath.Dir(r)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(src, r), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	vendor := exec.Command("go", "mod", "vendor")
	vendor.Dir = src
	vendor.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := vendor.CombinedOutput(); err != nil {
		t.Fatalf("go mod vendor: %v\n%s", err, out)
	}
	out, err := exec.Command("nix", "--extra-experimental-features", "nix-command", "hash", "path", "--sri", filepath.Join(src, "vendor")).Output()
	if err != nil {
		t.Fatalf("nix hash path: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != def.VendorHash {
		t.Errorf("package.nix: vendorHash = %q, but the go mod vendor tree hashes to %q: set it to that", def.VendorHash, got)
	}
}

// A preCommitHook is an entry of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Description   string   `yaml:"description"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	AlwaysRun     bool     `yaml:"always_run"`
	Files         string   `yaml:"files"`
	Args          []string `yaml:"args"`
}

// preCommitHooks reads .pre-commit-hooks.yaml, refusing keys pre-commit
// does not know.
func preCommitHooks(t *testing.T) []preCommitHook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	return hooks
}

func TestPreCommitHooksFile(t *testing.T) {
	hooks := preCommitHooks(t)
	if len(hooks) != 1 || hooks[0].ID != "pc2devenv-diff" {
		t.Fatalf("hooks: %+v; want one, pc2devenv-diff", hooks)
	}
	h := hooks[0]
	if h.Name == "" || h.Description == "" {
		t.Errorf("%s: name and description are what pre-commit shows", h.ID)
	}
	if h.Language != "golang" {
		t.Errorf("%s: language %q; golang builds pc2devenv with go install ./...", h.ID, h.Language)
	}
	if h.PassFilenames == nil || *h.PassFilenames {
		t.Errorf("%s: pass_filenames must be false: diff takes project directories, not the changed files", h.ID)
	}
	// go install ./... must install pc2devenv and nothing else.
	out, err := exec.Command("go", "list", "-f", "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"github.com/pc2devenv/pc2devenv/cmd/pc2devenv"}) {
		t.Errorf("go install ./... would install %q", got)
	}
	if !strings.HasPrefix(h.Entry, "pc2devenv ") {
		t.Errorf("%s: entry %q does not run pc2devenv", h.ID, h.Entry)
	}
}

// gitProject makes a git repository holding a process-compose project and
// the devenv.nix that bin writes for it.
func gitProject(t *testing.T, bin string) string {
	t.Helper()
	dir := t.TempDir()
	pc := "processes:\n  web:\n    command: \"vite\"\n"
	if err := os.WriteFile(filepath.Join(dir, "process-compose.yml"), []byte(pc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"git", "init", "-q"},
		{bin, "convert", "-w"},
		{"git", "add", "."},
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", args, err, out)
		}
	}
	return dir
}

// driftProject changes the project's sources so that devenv.nix is out of
// date.
func driftProject(t *testing.T, dir string) {
	t.Helper()
	pc := "processes:\n  web:\n    command: \"vite --host\"\n"
	if err := os.WriteFile(filepath.Join(dir, "process-compose.yml"), []byte(pc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "add", ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
}

// TestPreCommitTryRepo runs the hook with pre-commit itself: pre-commit
// builds this repository as the golang language does, and runs the hook
// in a project whose devenv.nix is up to date, then out of date.
func TestPreCommitTryRepo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds pc2devenv with pre-commit")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := gitProject(t, buildBinary(t, ""))
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	tryRepo := func() (string, error) {
		cmd := exec.Command("pre-commit", "try-repo", absRepo(t), "pc2devenv-diff", "--all-files")
		cmd.Dir = dir
		// pre-commit gives the hook a GOPATH of its own; the module cache
		// stays the one the tests use, so nothing is downloaded again.
		cmd.Env = append(os.Environ(),
			"PRE_COMMIT_HOME="+t.TempDir(),
			"GOMODCACHE="+strings.TrimSpace(string(gomodcache)),
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := tryRepo(); err != nil {
		t.Fatalf("pre-commit try-repo, devenv.nix up to date: %v\n%s", err, out)
	}
	driftProject(t, dir)
	out, err := tryRepo()
	if err == nil {
		t.Fatalf("pre-commit try-repo passed with devenv.nix out of date:\n%s", out)
	}
	if !strings.Contains(out, `+    exec = "vite --host";`) {
		t.Errorf("pre-commit try-repo, devenv.nix out of date: no diff in its output:\n%s", out)
	}
}

// gitHookOptions are the options of a hook in git-hooks.nix
// (cachix/git-hooks.nix, modules/hook.nix), which devenv's
// git-hooks.hooks.<name> are.
var gitHookOptions = []string{
	"enable", "raw", "id", "name", "description", "package", "extraPackages",
	"entry", "language", "files", "types", "types_or", "excludes",
	"exclude_types", "pass_filenames", "fail_fast", "require_serial",
	"stages", "verbose", "always_run", "args", "before", "after",
}

// TestDevenvGitHook evaluates docs/devenv-git-hooks/devenv.nix as devenv
// would, with the pc2devenv input standing for a directory that holds a
// built pc2devenv, checks its options against git-hooks.nix's, and runs
// its entry in a project as the hook runner would.
func TestDevenvGitHook(t *testing.T) {
	t.Parallel()
	nixeval.Require(t)
	bin := buildBinary(t, "")
	pkg := filepath.Dir(filepath.Dir(bin)) // the entry runs ${pc2devenv}/bin/pc2devenv
	if filepath.Base(filepath.Dir(bin)) != "bin" {
		pkg = t.TempDir()
		if err := os.Mkdir(filepath.Join(pkg, "bin"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(bin, filepath.Join(pkg, "bin", "pc2devenv")); err != nil {
			t.Fatal(err)
		}
	}
	expr := fmt.Sprintf(`
let
  module = import %s;
  system = "x86_64-linux";
  result = module {
    pkgs = { stdenv.system = system; };
    inputs.pc2devenv.packages.${system}.default = %q;
    lib = { };
    config = { };
  };
in result`, nixPath(absRepo(t)+"/docs/devenv-git-hooks/devenv.nix"), pkg)
	var v struct {
		GitHooks struct {
			Hooks map[string]map[string]any `json:"hooks"`
		} `json:"git-hooks"`
	}
	nixEval(t, expr, &v)
	hook, ok := v.GitHooks.Hooks["pc2devenv-diff"]
	if !ok || len(v.GitHooks.Hooks) != 1 {
		t.Fatalf("git-hooks.hooks: %v; want pc2devenv-diff", v.GitHooks.Hooks)
	}
	for opt := range hook {
		if !slices.Contains(gitHookOptions, opt) {
			t.Errorf("git-hooks.hooks.pc2devenv-diff.%s: git-hooks.nix has no such option", opt)
		}
	}
	if hook["enable"] != true || hook["pass_filenames"] != false {
		t.Errorf("hook: enable = %v, pass_filenames = %v; want true, false", hook["enable"], hook["pass_filenames"])
	}
	entry, _ := hook["entry"].(string)
	if !strings.HasPrefix(entry, pkg+"/bin/pc2devenv ") {
		t.Fatalf("entry %q does not run the input's pc2devenv", entry)
	}

	// The runner runs the entry from the repository's root.
	dir := gitProject(t, bin)
	run := func() (string, error) {
		cmd := exec.Command("bash", "-c", entry)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(); err != nil {
		t.Fatalf("%s, devenv.nix up to date: %v\n%s", entry, err, out)
	}
	driftProject(t, dir)
	out, err := run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFail {
		t.Fatalf("%s, devenv.nix out of date: %v, want exit status 1\n%s", entry, err, out)
	}
	if !strings.Contains(out, `+    exec = "vite --host";`) {
		t.Errorf("%s, devenv.nix out of date: no diff:\n%s", entry, out)
	}
}

// TestGitHubWorkflow checks the example workflow in docs/: it installs
// this module's pc2devenv with the Go that go.mod asks for, and runs
// pc2devenv diff -r --format github (whose command line the scripts run:
// TestShownInvocationsRun).
func TestGitHubWorkflow(t *testing.T) {
	path := filepath.Join(repoRoot, "docs", "github-workflow.yml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Name string         `yaml:"name"`
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			RunsOn string `yaml:"runs-on"`
			Steps  []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
				Run  string            `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Name == "" || len(wf.On) == 0 || len(wf.Jobs) != 1 {
		t.Fatalf("workflow: name %q, on %v, %d jobs", wf.Name, wf.On, len(wf.Jobs))
	}
	gomod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	var goSetUp, installed, diffed bool
	for _, job := range wf.Jobs {
		if job.RunsOn == "" {
			t.Error("a job without runs-on")
		}
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "actions/setup-go@"):
				goSetUp = goVersion != nil && s.With["go-version"] == string(goVersion[1])
			case strings.HasPrefix(s.Run, "go install github.com/pc2devenv/pc2devenv/cmd/pc2devenv@"):
				installed = goSetUp
			case strings.HasPrefix(s.Run, "pc2devenv diff -r --format github"):
				diffed = installed
			}
		}
	}
	if !goSetUp || !installed || !diffed {
		t.Errorf("workflow: set up Go %s %v, then go install pc2devenv %v, then pc2devenv diff -r --format github %v; want all, in order", goVersion[1], goSetUp, installed, diffed)
	}
}
