package parse

import (
	"testing"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/emit/nix"
)

// FuzzMakefile reads arbitrary text as a Makefile and lowers and prints
// what it read: nothing may panic or loop.
func FuzzMakefile(f *testing.F) {
	for _, c := range expandCases {
		f.Add(c.src + "\nt: a b\n\t@echo $(" + c.expr + ") '$$x' \"$(HOME)\"\n")
	}
	f.Add("a: b | c ; echo x\n\t-false\n.PHONY: a\ninclude x.mk\n-include .env\nifdef X\nelse\nendif\n")
	f.Add("define X\n$(error e)\nendef\n$(eval $(X))\n%.o: %.c\n\tcc $<\n")
	f.Fuzz(func(t *testing.T, src string) {
		proj, diags := Makefile("Makefile", []byte(src), MakeOptions{Scripts: "all"})
		if diags.HasErrors() {
			return
		}
		res := emit.Emit(proj, emit.Options{Target: emit.Devenv2})
		if _, err := nix.Format(res.File); err != nil {
			t.Fatalf("printing: %v", err)
		}
	})
}
