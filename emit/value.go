package emit

import (
	"strings"

	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/ir"
)

// valueExpr converts a source value into Nix. Strings are rendered for
// process-compose to load again (see ir.Text.ProcessCompose) when pc is
// set, and as plain text otherwise.
func valueExpr(v ir.Value, pc bool) nix.Expr {
	switch v.Kind {
	case ir.KindBool:
		return &nix.Bool{V: v.Bool}
	case ir.KindInt:
		return &nix.Int{V: v.Int}
	case ir.KindFloat:
		return &nix.Float{V: v.Float}
	case ir.KindString:
		return textExpr(v.Str, pc)
	case ir.KindPackage:
		return nix.Ref("pkgs", v.Str.Shell())
	case ir.KindEnvRef:
		return envRefExpr(v.Str)
	case ir.KindPath:
		return &nix.Path{P: v.Str.Shell()}
	case ir.KindList:
		l := &nix.List{}
		for _, it := range v.List {
			l.Items = append(l.Items, &nix.Item{Value: valueExpr(it, pc)})
		}
		return l
	case ir.KindMap:
		a := nix.Set()
		for _, f := range v.Map {
			a.Add(valueExpr(f.Value, pc), f.Key)
		}
		return a
	}
	return &nix.Null{}
}

// textExpr renders a Text as a Nix string: for process-compose to load
// again when pc is set, and for bash (references kept as written)
// otherwise.
func textExpr(t ir.Text, pc bool) *nix.String {
	if pc {
		return nix.Str(t.ProcessCompose())
	}
	return nix.Str(t.Shell())
}

// templated renders a Text for a field process-compose loads again and
// renders as a Go template (working_dir, environment entries, probes,
// log_location): encoded as textExpr does for process-compose, with every
// "{{" written as a template that prints "{{", so that rendering gives the
// text back.
func templated(t ir.Text) *nix.String {
	return nix.Str(strings.ReplaceAll(t.ProcessCompose(), "{{", `{{"{{"}}`))
}

// envRefExpr renders a KindEnvRef's text: config.env.NAME for a lone
// reference, and a string with ${config.env.NAME} interpolated in it
// otherwise, so that devenv puts in the variable's value when it
// evaluates the output and the value itself is never written.
func envRefExpr(t ir.Text) nix.Expr {
	if len(t.Parts) == 1 && t.Parts[0].Ref != nil {
		return nix.Ref("config", "env", t.Parts[0].Ref.Name)
	}
	s := &nix.String{}
	for _, p := range t.Parts {
		if p.Ref != nil {
			s.Parts = append(s.Parts, nix.Part{Interp: nix.Ref("config", "env", p.Ref.Name)})
			continue
		}
		s.Parts = append(s.Parts, nix.Part{Lit: p.Lit})
	}
	return s
}
