package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completionScript returns what "pc2devenv completion SHELL" prints,
// written to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"completion", shell}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("completion %s: exit %d: %s", shell, code, stderr.String())
	}
	f := filepath.Join(t.TempDir(), "pc2devenv."+shell)
	if err := os.WriteFile(f, stdout.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func requireShell(t *testing.T, shell string) {
	t.Helper()
	if _, err := exec.LookPath(shell); err != nil {
		t.Skipf("%s is not installed", shell)
	}
}

// completions are the cases every shell's completion is checked against:
// the words typed so far, the last one being completed, and words that
// must be among the completions offered.
var completions = []struct {
	words []string
	want  []string
}{
	{[]string{"con"}, []string{"convert"}},
	{[]string{""}, []string{"convert", "diff", "completion", "version", "help"}},
	{[]string{"convert", "--tar"}, []string{"--target"}},
	{[]string{"convert", "--target", ""}, []string{"devenv2", "devenv2-process-compose", "devenv1"}},
	{[]string{"convert", "-t", "devenv2-"}, []string{"devenv2-process-compose"}},
	{[]string{"convert", "--from", ""}, []string{"process-compose", "procfile", "makefile"}},
	{[]string{"convert", "--scripts", "p"}, []string{"phony"}},
	{[]string{"diff", "--color", ""}, []string{"auto", "always", "never"}},
	{[]string{"diff", "--format", "j"}, []string{"json"}},
	{[]string{"diff", "--makef"}, []string{"--makefiles"}},
	{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}},
	{[]string{"help", "d"}, []string{"diff"}},
	{[]string{"convert", "process-c"}, []string{"process-compose.yml"}},
	{[]string{"convert", "-o", "dev"}, []string{"devenv.nix"}},
}

// completionDir is a directory with files that path completion offers.
func completionDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"process-compose.yml", "devenv.nix"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCompletionBash loads the bash script as a user does, checks that
// complete accepts it, and runs its completion function on each case.
func TestCompletionBash(t *testing.T) {
	t.Parallel()
	requireShell(t, "bash")
	script := completionScript(t, "bash")
	out, err := exec.Command("bash", "-c", "source "+script+" && complete -p pc2devenv").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "complete -F _pc2devenv pc2devenv" {
		t.Fatalf("complete -p pc2devenv: %v\n%s", err, out)
	}
	for _, tt := range completions {
		words := append([]string{"pc2devenv"}, tt.words...)
		src := "source " + script + "\nCOMP_WORDS=("
		for _, w := range words {
			src += " " + shellQuote(w)
		}
		src += ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_pc2devenv\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		cmd := exec.Command("bash", "-c", src)
		cmd.Dir = completionDir(t)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v\n%s", tt.words, err, out)
			continue
		}
		checkOffered(t, "bash", tt.words, strings.Fields(string(out)), tt.want)
	}
}

// TestCompletionFish asks fish itself for the completions of each case
// (complete -C), with the script loaded.
func TestCompletionFish(t *testing.T) {
	t.Parallel()
	requireShell(t, "fish")
	script := completionScript(t, "fish")
	if out, err := exec.Command("fish", "--no-execute", script).CombinedOutput(); err != nil {
		t.Fatalf("fish --no-execute: %v\n%s", err, out)
	}
	for _, tt := range completions {
		line := "pc2devenv " + strings.Join(tt.words, " ")
		cmd := exec.Command("fish", "--no-config", "-c", "source "+script+"; complete -C"+fishQuote(line))
		cmd.Dir = completionDir(t)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v\n%s", tt.words, err, out)
			continue
		}
		var offered []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			w, _, _ := strings.Cut(l, "\t")
			// fish completes --flag=value as one word.
			_, v, ok := strings.Cut(w, "=")
			if ok && strings.HasPrefix(w, "--") {
				w = v
			}
			offered = append(offered, w)
		}
		checkOffered(t, "fish", tt.words, offered, tt.want)
	}
}

// TestCompletionZsh loads the zsh script after compinit, as a user does,
// and checks that it registers pc2devenv's completion function, both when
// sourced and when autoloaded from $fpath.
func TestCompletionZsh(t *testing.T) {
	t.Parallel()
	requireShell(t, "zsh")
	script := completionScript(t, "zsh")
	if out, err := exec.Command("zsh", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	home := t.TempDir()
	fpath := filepath.Join(home, "completions")
	if err := os.Mkdir(fpath, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fpath, "_pc2devenv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"sourced":    "autoload -U compinit && compinit -u -D && source " + script + " && print -r -- $_comps[pc2devenv]",
		"autoloaded": "fpath=(" + fpath + " $fpath) && autoload -U compinit && compinit -u -D && print -r -- $_comps[pc2devenv]",
	} {
		cmd := exec.Command("zsh", "-f", "-c", src)
		cmd.Env = append(os.Environ(), "HOME="+home, "ZDOTDIR="+home)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "_pc2devenv" {
			t.Errorf("%s: %v: $_comps[pc2devenv] = %q", name, err, out)
		}
	}
	// Every flag and value of every command is in the script.
	for _, c := range commands {
		for _, s := range flagSpecs(c) {
			if !bytes.Contains(b, []byte("--"+s.name)) {
				t.Errorf("zsh: no --%s", s.name)
			}
			for _, v := range s.choices {
				if !bytes.Contains(b, []byte(v)) {
					t.Errorf("zsh: --%s: no %s", s.name, v)
				}
			}
		}
	}
}

func checkOffered(t *testing.T, shell string, words, offered, want []string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(offered, w) {
			t.Errorf("%s: pc2devenv %s<TAB> offers %q, not %q", shell, strings.Join(words, " "), offered, w)
		}
	}
	prefix := words[len(words)-1]
	for _, o := range offered {
		if !strings.HasPrefix(o, prefix) {
			t.Errorf("%s: pc2devenv %s<TAB> offers %q, which does not start with %q", shell, strings.Join(words, " "), o, prefix)
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		var stderr bytes.Buffer
		if code := run(args, nil, &bytes.Buffer{}, &stderr); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), "bash, zsh or fish") {
			t.Errorf("%q: %q does not say which shells", args, stderr.String())
		}
	}
}
