package rules

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestSimpleWordText checks that simpleWordText gives exactly what the
// printer gives for every word it accepts, on words of every kind.
func TestSimpleWordText(t *testing.T) {
	cmds := []string{
		`postgres -D .data/1 -p 5432`,
		`echo 'a b' "c d" $'e\tf' $"g" "" ''`,
		`echo "a\\" 'b\' c\\ d\ e`,
		`echo "x $HOME y" "${A:-b}" $(date) a$b "a"'b'c`,
		"echo \"a\tb\" 'c\td'",
		"echo \"multi\nline\" 'x\ny'",
		"echo a\\\nb \"c\\\nd\"",
		`FOO=bar BAZ="q u x" exec nohup ./run --flag=1 -- "$@"`,
		`npm run dev -- --port 3001 && echo "done 1" | tee log/1.log`,
		`echo é "ü" '☃' \" '"' "'"`,
		`celery -A app worker --loglevel=$${LOG_LEVEL}`,
	}
	accepted := 0
	for _, c := range cmds {
		f, err := syntax.NewParser().Parse(strings.NewReader(c), "")
		if err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		syntax.Walk(f, func(n syntax.Node) bool {
			w, ok := n.(*syntax.Word)
			if !ok {
				return true
			}
			got, ok := simpleWordText(w)
			if !ok {
				return true
			}
			accepted++
			if want := printNode(w); got != want {
				t.Errorf("%q: simpleWordText = %q, printNode = %q", c, got, want)
			}
			return true
		})
	}
	if accepted < 30 {
		t.Errorf("simpleWordText accepted only %d words", accepted)
	}
}
