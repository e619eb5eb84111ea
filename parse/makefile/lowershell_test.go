package makefile

import (
	"os/exec"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		line    string
		errexit bool
		want    cmdShape
	}{
		{"go build ./...", false, shapePlain},
		{"cat a | grep b", false, shapePlain},
		{"false || echo fallback", false, shapePlain},
		{"a && b || c", false, shapePlain},
		{"[[ -f x ]]", false, shapePlain},
		{"test -f x || (echo missing && exit 1)", false, shapePlain},
		{"a && b", false, shapeSub},
		{"cd web && npm ci", false, shapeSub},
		{"cd web", false, shapeSub},
		{"export X=1", false, shapeSub},
		{"X=1", false, shapeSub},
		{"X=1 cmd", false, shapePlain},
		{"source .env", false, shapeSub},
		{". ./env.sh", false, shapeSub},
		{"exit 0", false, shapeSub},
		{"! grep -q x f", false, shapeSub},
		{"server &", false, shapeSub},
		{"printf -v x %s y", false, shapeSub},
		{"a; b", false, shapeSubNoE},
		{"a; b", true, shapeSub},
		{"for f in *; do echo $f; done", false, shapeSubNoE},
		{"if a; then b; fi", false, shapeSub},
		{"if a; then b; c; fi", false, shapeSubNoE},
		{"echo $(a; b)", false, shapePlain},
		{"cat x | while read l; do echo $l; done", false, shapeSubNoE},
		{"{ a; b; }", false, shapeSubNoE},
	} {
		got, _, err := classify(nil, c.line, c.errexit)
		if err != nil {
			t.Errorf("%q: %v", c.line, err)
		}
		if got != c.want {
			t.Errorf("%q (errexit %v): %s, want %s", c.line, c.errexit, describeShape(got), describeShape(c.want))
		}
	}
}

// TestRender checks how dynamic values are written into shell text, and
// that bash reads the result as make's shell reads the pasted value.
func TestRender(t *testing.T) {
	env := func(name string) val { return dynVal(&dyn{kind: dynEnv, name: name}) }
	cat := func(parts ...any) val {
		var v val
		for _, p := range parts {
			switch p := p.(type) {
			case string:
				v = v.addLit(p)
			case val:
				v = v.add(p...)
			}
		}
		return v
	}
	for _, c := range []struct {
		v    val
		mode renderMode
		want string
	}{
		{cat("echo ", env("X"), "/y"), forTask, "echo $X/y"},
		{cat("echo ", env("X"), "y"), forTask, "echo ${X}y"},
		{cat("echo '", env("X"), "'"), forTask, `echo "$X"`},
		{cat("echo 'a ", env("X"), " b'"), forTask, `echo 'a '"$X"' b'`},
		{cat("echo '", env("X"), " b'"), forTask, `echo "$X"' b'`},
		{cat(`echo "a `, env("X"), `"`), forTask, `echo "a $X"`},
		// The scripts set ARGS from their arguments, and read it as the
		// tasks do: split into words, as make pastes its value.
		{cat("echo ", env("ARGS")), forScript, `echo $ARGS`},
		{cat("echo '", env("ARGS"), "'"), forScript, `echo "$ARGS"`},
		{cat("echo ", env("ARGS")), forTask, `echo $ARGS`},
		{cat("cd ", rootMark, "/web"), forTask, "cd $DEVENV_ROOT/web"},
		{cat("v=", dynVal(&dyn{kind: dynShell, cmd: lit("git rev-parse HEAD")})), forTask, "v=$(git rev-parse HEAD)"},
		{cat("ls ", dynVal(&dyn{kind: dynGlob, cmd: lit("*.md")})), forTask, "ls *.md"},
		{cat("run ", dynVal(&dyn{kind: dynIfSet, name: "V", cmd: cat("--v ", env("V"))})), forTask, "run ${V:+--v $V}"},
	} {
		rr := &renderer{mode: c.mode, args: map[string]bool{"ARGS": true}}
		got, err := rr.render(c.v)
		if err != nil {
			t.Errorf("%q: %v", c.want, err)
			continue
		}
		if got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestEchoText checks that the echo of a line prints what make prints:
// bash's output must equal the line with the values filled in.
func TestEchoText(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	env := func(name string) val { return dynVal(&dyn{kind: dynEnv, name: name}) }
	for _, c := range []struct {
		v    val
		want string
	}{
		{lit(`echo "it's" $HOME 'a\b'`), `echo "it's" $HOME 'a\b'`},
		{lit("plain words"), "plain words"},
		{val{{lit: `say "`}, {d: &dyn{kind: dynEnv, name: "X"}}, {lit: `" $$`}}, `say "x-value" $$`},
		{val{{lit: "a `b` "}, env("X").add()[0]}, "a `b` x-value"},
		{lit("ends with a quote \""), "ends with a quote \""},
	} {
		rr := &renderer{}
		arg, err := rr.echoText(c.v)
		if err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("bash", "-c", "X=x-value; echo "+arg).Output()
		if err != nil {
			t.Fatalf("echo %s: %v", arg, err)
		}
		if got := strings.TrimSuffix(string(out), "\n"); got != c.want {
			t.Errorf("echo %s prints %q, want %q", arg, got, c.want)
		}
	}
}
