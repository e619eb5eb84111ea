package main

import (
	"encoding/json"
	"io"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/ir"
)

// jsonPos is a source position in JSON reports.
type jsonPos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func toJSONPos(p ir.Pos) jsonPos { return jsonPos{File: p.File, Line: p.Line, Column: p.Col} }

type jsonDiagnostic struct {
	jsonPos
	ir.Diagnostic
}

type jsonKey struct {
	Key string `json:"key"`
	jsonPos
	Fate string `json:"fate"`
	To   string `json:"to,omitempty"`
}

type jsonProject struct {
	Dir         string           `json:"dir"`
	Sources     []string         `json:"sources"`
	Converted   bool             `json:"converted"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Keys        []jsonKey        `json:"keys"`
	// Explanations are --explain's, one text each.
	Explanations []string `json:"explanations,omitempty"`
}

// writeJSONReport writes the machine-readable report of --format json: per
// project, its diagnostics and the fate of every source key.
func writeJSONReport(w io.Writer, results []*convert.Result) {
	out := struct {
		Projects []jsonProject `json:"projects"`
	}{Projects: []jsonProject{}}
	for _, r := range results {
		p := jsonProject{Dir: r.Dir, Sources: r.Sources, Converted: r.Output != nil, Diagnostics: []jsonDiagnostic{}, Keys: []jsonKey{}}
		if p.Sources == nil {
			p.Sources = []string{}
		}
		for _, d := range r.Diagnostics {
			p.Diagnostics = append(p.Diagnostics, jsonDiagnostic{toJSONPos(d.Pos), d})
		}
		for _, k := range r.Fates {
			p.Keys = append(p.Keys, jsonKey{Key: k.Key, jsonPos: toJSONPos(k.Pos), Fate: string(k.Fate), To: k.To})
		}
		for _, x := range r.Explanations {
			p.Explanations = append(p.Explanations, x.String())
		}
		out.Projects = append(out.Projects, p)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}
