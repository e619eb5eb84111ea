package main

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/pc2devenv/pc2devenv/batch"
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
	// Name is the ID's name in the catalogue (pc2devenv explain).
	Name    string        `json:"name"`
	Related []jsonRelated `json:"related,omitempty"`
}

// jsonRelated is a place a diagnostic refers to (ir.Related).
type jsonRelated struct {
	jsonPos
	Text string `json:"text"`
}

func toJSONDiagnostic(d ir.Diagnostic) jsonDiagnostic {
	j := jsonDiagnostic{jsonPos: toJSONPos(d.Pos), Diagnostic: d, Name: d.ID.Name()}
	for _, r := range d.Related {
		j.Related = append(j.Related, jsonRelated{toJSONPos(r.Pos), r.Text})
	}
	return j
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
	// The fields of runs over projects (convert -w, convert -r, diff).
	File       string   `json:"file,omitempty"`
	Status     string   `json:"status,omitempty"`
	Diff       string   `json:"diff,omitempty"`
	Scaffolded []string `json:"scaffolded,omitempty"`
}

// newJSONProject describes a converted project, or one that could not be.
func newJSONProject(r *convert.Result) jsonProject {
	p := jsonProject{Dir: r.Dir, Sources: r.Sources, Converted: r.Output != nil, Diagnostics: []jsonDiagnostic{}, Keys: []jsonKey{}}
	if p.Sources == nil {
		p.Sources = []string{}
	}
	for _, d := range r.Diagnostics {
		p.Diagnostics = append(p.Diagnostics, toJSONDiagnostic(d))
	}
	for _, k := range r.Fates {
		p.Keys = append(p.Keys, jsonKey{Key: k.Key, jsonPos: toJSONPos(k.Pos), Fate: string(k.Fate), To: k.To})
	}
	return p
}

// writeJSONReport writes the machine-readable report of --format json: per
// project, its diagnostics and the fate of every source key.
func writeJSONReport(w io.Writer, results []*convert.Result) {
	out := struct {
		Projects []jsonProject `json:"projects"`
	}{Projects: []jsonProject{}}
	for _, r := range results {
		p := newJSONProject(r)
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

// A jsonStream writes the report of a run over projects as they are done,
// in the shape of writeJSONReport's, followed by the problems met on the
// way and the summary, so that memory does not grow with the number of
// projects.
type jsonStream struct {
	w        io.Writer
	mode     batch.Mode
	n        int
	problems []jsonDiagnostic
	buf      bytes.Buffer
	enc      *json.Encoder
}

func newJSONStream(w io.Writer, mode batch.Mode) *jsonStream {
	s := &jsonStream{w: w, mode: mode, problems: []jsonDiagnostic{}}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.enc.SetIndent("    ", "  ")
	return s
}

func (s *jsonStream) project(p *batch.Project) {
	if p.Status == batch.Problem {
		for _, d := range p.AllDiagnostics() {
			s.problems = append(s.problems, toJSONDiagnostic(d))
		}
		return
	}
	var jp jsonProject
	if p.Result != nil {
		jp = newJSONProject(p.Result)
	} else {
		jp = jsonProject{Dir: p.Dir, Sources: []string{}, Diagnostics: []jsonDiagnostic{}, Keys: []jsonKey{}}
	}
	for _, d := range p.Diagnostics {
		jp.Diagnostics = append(jp.Diagnostics, toJSONDiagnostic(d))
	}
	jp.File, jp.Status, jp.Diff, jp.Scaffolded = p.File, p.Status.Name(s.mode), string(p.Diff), p.Scaffolded
	s.buf.Reset()
	if s.n == 0 {
		s.buf.WriteString("{\n  \"projects\": [\n    ")
	} else {
		s.buf.WriteString(",\n    ")
	}
	s.enc.Encode(jp)
	s.buf.Truncate(s.buf.Len() - 1) // Encode's newline
	s.w.Write(s.buf.Bytes())
	s.n++
}

// finish ends the report with the problems and the summary.
func (s *jsonStream) finish(sum *batch.Summary) {
	s.buf.Reset()
	if s.n == 0 {
		s.buf.WriteString("{\n  \"projects\": [],\n")
	} else {
		s.buf.WriteString("\n  ],\n")
	}
	counts := map[string]int{"projects": sum.Projects}
	for _, st := range []batch.Status{batch.Unchanged, batch.Updated, batch.Created, batch.Skipped, batch.Failed} {
		counts[st.Name(s.mode)] = sum.Counts[st]
	}
	warnings := map[string]int{}
	for id, n := range sum.Warnings {
		warnings[string(id)] = n
	}
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	s.buf.WriteString("  \"problems\": ")
	enc.Encode(s.problems)
	s.buf.Truncate(s.buf.Len() - 1)
	s.buf.WriteString(",\n  \"summary\": ")
	enc.Encode(struct {
		Counts   map[string]int `json:"counts"`
		Warnings map[string]int `json:"warnings"`
	}{counts, warnings})
	s.buf.WriteString("}\n")
	s.w.Write(s.buf.Bytes())
}
