package dotenv

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// Project returns the project the .env files describe: by default
// only which files to load at run time and the names they set — values
// stay in the files and never reach the output. With inline, the values
// are copied into the project's environment instead, in order, the later
// file winning.
func Project(files []*File, names []string, inline bool, runner string) (*ir.Project, ir.Diagnostics) {
	var diags ir.Diagnostics
	p := &ir.Project{}
	for _, f := range files {
		p.Sources = append(p.Sources, ir.Source{Path: f.Path, Format: ir.FormatDotenv})
	}
	if len(files) == 0 {
		return p, nil
	}
	pos := ir.Pos{File: files[0].Path}
	if inline {
		for _, f := range files {
			for _, v := range f.Vars {
				p.Env = append(p.Env, ir.EnvVar{Name: v.Name, Value: ir.Plain(v.Value, v.Pos), Pos: v.Pos})
				if v.Expands {
					diags.Add(v.Pos, ir.IDDotenvExpand,
						fmt.Sprintf("the value of %s refers to other variables, which %s expands when it loads the file; the output has the value as written", v.Name, runner), "")
				}
			}
		}
		diags.Add(pos, ir.IDDotenvInline,
			"--inline-env copies the values of the .env files into the output: do not commit it if they are secrets", "")
		return p, diags
	}
	seen := map[string]bool{}
	d := &ir.Dotenv{Files: names, Pos: pos}
	for _, f := range files {
		for _, v := range f.Vars {
			if !seen[v.Name] {
				seen[v.Name] = true
				d.Names = append(d.Names, v.Name)
			}
		}
	}
	p.Dotenv = d
	diags.Add(pos, ir.IDDotenvLoaded,
		fmt.Sprintf("devenv loads %s at run time; its values are not copied", strings.Join(names, ", ")),
		"")
	return p, diags
}
