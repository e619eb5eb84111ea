package parse

import (
	"testing"
)

// FuzzMakefile reads arbitrary text as a Makefile: the reader must not
// panic, and must not loop.
func FuzzMakefile(f *testing.F) {
	for _, c := range expandCases {
		f.Add(c.src + "\nt: a b\n\t@echo $(" + c.expr + ") '$$x' \"$(HOME)\"\n")
	}
	f.Add("a: b | c ; echo x\n\t-false\n.PHONY: a\ninclude x.mk\n-include .env\nifdef X\nelse\nendif\n")
	f.Add("define X\n$(error e)\nendef\n$(eval $(X))\n%.o: %.c\n\tcc $<\n")
	f.Fuzz(func(t *testing.T, src string) {
		Makefile("Makefile", []byte(src), MakeOptions{})
	})
}
