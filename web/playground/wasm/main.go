//go:build js && wasm

// Command wasm is pc2devenv's converter for the browser playground,
// compiled with GOOS=js GOARCH=wasm. It exports one JavaScript function,
//
//	pc2devenvConvert({files: [{name, text}], target, noServices, keep: []})
//	  → {output, diagnostics: [{file, line, col, severity, id, message}]}
//
// which converts the files as one project with convert.Files, the
// pipeline the command line runs, and sets pc2devenvReady to true once
// the function is there.
package main

import (
	"syscall/js"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/emit"
)

func main() {
	js.Global().Set("pc2devenvConvert", js.FuncOf(convertJS))
	js.Global().Set("pc2devenvReady", true)
	select {}
}

// convertJS is pc2devenvConvert. A bad argument is a diagnostic, like a
// bad command line; a panic is caught by convert, which reports it.
func convertJS(this js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeObject {
		return usage("pc2devenvConvert takes one object: {files, target, noServices, keep}")
	}
	req := args[0]
	var opts convert.Options
	if t := req.Get("target"); t.Truthy() {
		target, err := emit.ParseTarget(t.String())
		if err != nil {
			return usage(err.Error())
		}
		opts.Target = target
	}
	opts.Services.Off = req.Get("noServices").Truthy()
	if keep := req.Get("keep"); keep.Truthy() {
		for i := range keep.Length() {
			if k := keep.Index(i).String(); k != "" {
				opts.Services.Keep = append(opts.Services.Keep, k)
			}
		}
	}
	var files []convert.File
	if list := req.Get("files"); list.Truthy() {
		for i := range list.Length() {
			f := list.Index(i)
			files = append(files, convert.File{Name: f.Get("name").String(), Content: []byte(f.Get("text").String())})
		}
	}
	res := convert.Files(files, opts)
	diags := make([]any, 0, len(res.Diagnostics))
	for _, d := range res.Diagnostics {
		msg := d.Message
		if d.Suggestion != "" {
			msg += "; " + d.Suggestion
		}
		diags = append(diags, map[string]any{
			"file": d.Pos.File, "line": d.Pos.Line, "col": d.Pos.Col,
			"severity": d.Severity.String(), "id": string(d.ID), "message": msg,
		})
	}
	return map[string]any{"output": string(res.Output), "diagnostics": diags}
}

// usage is the result of a call with bad arguments.
func usage(msg string) map[string]any {
	return map[string]any{"output": "", "diagnostics": []any{map[string]any{
		"file": "", "line": 0, "col": 0, "severity": "error", "id": "usage", "message": msg,
	}}}
}
