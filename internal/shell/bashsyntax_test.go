package shell

import (
	"math/rand/v2"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// bashRejects reports whether bash -n rejects src.
func bashRejects(t *testing.T, src string) bool {
	t.Helper()
	err := exec.Command("bash", "--norc", "-n", "-c", src).Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return err != nil
}

// TestBashSyntax checks BashSyntax against bash -n on forms mvdan/sh and
// bash disagree on, and on their neighbours.
func TestBashSyntax(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	forms := []string{
		// Both reject.
		"echo 'unclosed", "echo \"unclosed", "echo ${a", "echo $((1+", "if true; then fi", "echo `echo", "a && ", "| ls",
		"ls ;;", "(", ")", "fi", "done", "then", "esac", "{", "}", "[[ a", "$(", "case x", "echo $'", "echo a\necho 'b",
		"for i in 1; do", "while true", "echo ok; if true", "f() {", "echo $(ls",
		// Both accept.
		"echo ok", "cd backend && npm start", "case a in a) ;& b) ;; esac", "echo ${a/\\//x}", "echo {a,b}", "echo a#b",
		"cat <<-EOF\n\tx\n\tEOF", "x=$(cat <<EOF\nhi\nEOF\n)", "f() { :; }; f", "[[ a =~ ^(x|y)$ ]]", "echo <(ls) >(cat)",
		"echo in", "for x in a b; do echo $x; done", "case $x in in) ;; esac", "echo a\\",
		// Disagreements mvdan/sh has with bash, which BashSyntax corrects.
		"cat <<EOF\nabc", "cat <<EOF", "cat <<'EOF'\nno end", "echo $(( ))", "echo $(())", "echo $((1 +))", "echo ${}", "echo ${a:}",
		"[[ ]]", "a[x y]=1", "a=(1 2) b=3 cmd", "f() echo x", "in", "in x", "echo ok; in",
	}
	for _, src := range forms {
		want := bashRejects(t, src)
		got := BashSyntax(src)
		if (got != nil) != want {
			t.Errorf("%q: bash -n rejects it: %v; BashSyntax: %v", src, want, got)
		}
	}
}

// TestPlainSyntax compares plainSyntax with the walk it stands for on
// random commands, plain and otherwise, and on "in" where a command name
// goes.
func TestPlainSyntax(t *testing.T) {
	check := func(src string) bool {
		f, err := parseFull(t, src)
		if err != nil {
			return false
		}
		got, ok := plainSyntax(f)
		if !ok {
			return false
		}
		if want := walkSyntax(f); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: plainSyntax = %v, the walk gives %v", src, got, want)
		}
		return true
	}
	for _, src := range []string{"", "in", "a\nin b", "a in", "a\n\tin\nin", "f() in", "a=b in", "in >x"} {
		check(src)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = plainAlphabet + "'\"$;&|#()"
	took := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			if rng.IntN(10) == 0 {
				b.WriteString("in ")
				continue
			}
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		if check(b.String()) {
			took++
		}
	}
	if took < 5000 {
		t.Errorf("plainSyntax took %d commands", took)
	}
}
