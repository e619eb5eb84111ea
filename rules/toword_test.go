package rules

import (
	"reflect"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// toWordSimple is toWord joining the parts of every word in a
// strings.Builder, one-part words too.
func toWordSimple(w *syntax.Word) word {
	raw, ok := simpleWordText(w)
	if !ok {
		raw = printNode(w)
	}
	out := word{raw: raw, lit: true}
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value, false))
		case *syntax.SglQuoted:
			if p.Dollar {
				out.lit = false
			}
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				lit, ok := q.(*syntax.Lit)
				if !ok {
					out.lit = false
					continue
				}
				b.WriteString(unescape(lit.Value, true))
			}
		default:
			out.lit = false
		}
	}
	if out.lit {
		out.val = b.String()
	} else {
		out.text = refText(w)
	}
	return out
}

// TestToWord checks toWord against joining every word's parts, on words
// of one part and of several, of every kind.
func TestToWord(t *testing.T) {
	cmds := []string{
		`postgres -D .data/1 -p 5432`,
		`echo 'a b' "c d" $'e\tf' $"g" "" ''`,
		`echo "a\\" 'b\' c\\ d\ e a\$b \x`,
		`echo "x $HOME y" "${A:-b}" $(date) a$b "a"'b'c $PORT ${PORT}`,
		"echo \"a\tb\" 'c\td' a\\\nb",
		`FOO=bar BAZ="q u x" exec nohup ./run --flag=1 -- "$@"`,
		`redis-server --port "$REDIS_PORT" --dir './data dir' --save ''`,
		`echo é "ü" '☃' \" '"' "'" $'\''`,
	}
	words := 0
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
			words++
			if got, want := toWord(w), toWordSimple(w); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: toWord(%s) = %+v, want %+v", c, printNode(w), got, want)
			}
			return true
		})
	}
	if words < 40 {
		t.Errorf("only %d words", words)
	}
}
