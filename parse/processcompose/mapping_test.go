package processcompose

import (
	"reflect"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// TestAppendMapping checks that appendMapping, which reads into a block it
// is given (fields' scratch block), gives mapping's entries after what the
// block held, and the same diagnostics.
func TestAppendMapping(t *testing.T) {
	tests := []string{
		"a: 1\nb: 2\n",
		"~",
		"{}",
		"[1, 2]",
		"x: &m {a: 1, b: 2}\ny: {<<: *m, b: 3, c: 4}\n",
		"a: 1\na: 2\n",
	}
	for _, src := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		var nodes []*yaml.Node
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			nodes = append(nodes, n)
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(doc.Content[0])
		for _, n := range nodes {
			var slowDiags, fastDiags ir.Diagnostics
			slow := yamlReader{diags: &slowDiags}
			fast := yamlReader{diags: &fastDiags}
			want, wantOK := slow.mapping(n, "it")
			held := []entry{{key: "held"}}
			got, gotOK := fast.appendMapping(held[:1:1], n, "it")
			if gotOK != wantOK || !reflect.DeepEqual(got[1:], want) && len(want)+len(got[1:]) > 0 || got[0].key != "held" {
				t.Errorf("%q at line %d: appendMapping gives %v, %v; mapping %v, %v", src, n.Line, got, gotOK, want, wantOK)
			}
			if !reflect.DeepEqual(fastDiags, slowDiags) {
				t.Errorf("%q at line %d: appendMapping reports %v; mapping %v", src, n.Line, fastDiags, slowDiags)
			}
		}
	}
}

// TestScratchMapping checks that a mapping read into the scratch block
// stays as it is while others are read, and that the block is used again
// once given back.
func TestScratchMapping(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("a: {x: 1, y: 2}\nb: {z: 3}\n"), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	var diags ir.Diagnostics
	r := reader{yamlReader: yamlReader{diags: &diags}}
	keys := func(m []entry) (ks []string) {
		for _, e := range m {
			ks = append(ks, e.key)
		}
		return ks
	}
	for range 3 {
		outer, _ := r.scratchMapping(root, "root")
		a, _ := r.scratchMapping(outer[0].value, "a")
		b, _ := r.scratchMapping(outer[1].value, "b")
		if got := [][]string{keys(outer), keys(a), keys(b)}; !reflect.DeepEqual(got, [][]string{{"a", "b"}, {"x", "y"}, {"z"}}) {
			t.Fatalf("scratch mappings hold %v", got)
		}
		r.release(b)
		r.release(a)
		r.release(outer)
		again, _ := r.scratchMapping(root, "root")
		if p := &again[0]; p != &outer[0] && p != &a[0] && p != &b[0] {
			t.Errorf("no scratch block is used again")
		}
		r.release(again)
	}
}

// TestFieldsStack checks that the keys fields hands out stay as they are
// while the fields of values inside are read, and that doneFields gives
// them back.
func TestFieldsStack(t *testing.T) {
	src := "command: a\nreadiness_probe:\n  exec: {command: b}\n  period_seconds: 1\nshutdown: {signal: 2}\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var diags ir.Diagnostics
	r := reader{yamlReader: yamlReader{diags: &diags, noKeys: true}}
	names := func(ks []knownKey) (out []string) {
		for _, k := range ks {
			out = append(out, k.key)
		}
		return out
	}
	for range 3 {
		proc, _ := r.fields(doc.Content[0], fProcess, ir.Path{}, "p", true)
		probe, _ := r.fields(proc[1].value, fProbe, ir.Path{}, "probe", false)
		exec, _ := r.fields(probe[0].value, fExecProbe, ir.Path{}, "exec", false)
		want := [][]string{{"command", "readiness_probe", "shutdown"}, {"exec", "period_seconds"}, {"command"}}
		if got := [][]string{names(proc), names(probe), names(exec)}; !reflect.DeepEqual(got, want) {
			t.Fatalf("fields gives %v, want %v", got, want)
		}
		r.doneFields(exec)
		r.doneFields(probe)
		shutdown, _ := r.fields(proc[2].value, fShutdown, ir.Path{}, "shutdown", false)
		want = [][]string{{"command", "readiness_probe", "shutdown"}, {"signal"}}
		if got := [][]string{names(proc), names(shutdown)}; !reflect.DeepEqual(got, want) {
			t.Fatalf("after the probe's are given back, fields gives %v, want %v", got, want)
		}
		r.doneFields(shutdown)
		r.doneFields(proc)
		if len(r.known) != 0 {
			t.Fatalf("%d keys left on the stack", len(r.known))
		}
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}
