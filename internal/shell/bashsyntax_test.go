package shell

import (
	"os/exec"
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
