package compose

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// maxVisits bounds the values a project's files expand to (aliases
// counted each time they are used), so that a document of aliases of
// aliases is refused rather than walked for ever.
const maxVisits = 20 * sourcecheck.MaxYAMLNodes

// errTooLarge stops a load that exceeds maxVisits.
var errTooLarge = errors.New("too many YAML nodes")

// File is a compose file to load: its path (relative to the working
// directory, as named) and, when already read, its content.
type File struct {
	Path    string
	Content []byte
}

// Options configure Load.
type Options struct {
	// ReadFile reads the other files a project uses: .env, env_files,
	// extends and include targets, and compose files given without
	// content. Nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
	// Profiles are the profiles to enable (--profile); when empty, .env's
	// COMPOSE_PROFILES names them.
	Profiles []string
}

// loader holds the state of one Load.
type loader struct {
	opts  Options
	diags *ir.Diagnostics
	proj  *Project
	// lookups holds the interpolation environment of each file read
	// (an included file has its own .env).
	lookups map[string]lookupFunc
	keys    map[ir.Pos]int
	// unset holds the variables compose-go would substitute with the
	// empty string, with their first place.
	unset   map[string]ir.Pos
	visits  int
	sources map[string]bool
}

func (l *loader) read(path string) ([]byte, error) {
	if l.opts.ReadFile != nil {
		return l.opts.ReadFile(path)
	}
	return os.ReadFile(path)
}

func (l *loader) source(path string) {
	if !l.sources[path] {
		l.sources[path] = true
		l.proj.Sources = append(l.proj.Sources, path)
	}
}

func (l *loader) lookupFor(file string) lookupFunc {
	if f := l.lookups[file]; f != nil {
		return f
	}
	return func(string) (string, bool) { return "", false }
}

// LoadDir finds a directory's compose files as docker compose does (see
// Find) and loads them.
func LoadDir(dir string, opts Options) (*Project, ir.Diagnostics) {
	var diags ir.Diagnostics
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	main, override, skipped := Find(exists)
	if main == "" {
		diags.Add(ir.Pos{File: dir}, ir.IDNoSource, "the directory holds no compose file ("+strings.Join(Names[:4], ", ")+")", "")
		return &Project{Dir: dir}, diags
	}
	files := []File{{Path: filepath.Join(dir, main)}}
	if override != "" {
		files = append(files, File{Path: filepath.Join(dir, override)})
	}
	for _, s := range skipped {
		diags.Add(ir.Pos{File: filepath.Join(dir, s)}, ir.IDComposeFiles,
			fmt.Sprintf("docker compose reads %s, not %s, when both are present", filepath.Base(files[len(files)-1].Path), s), "")
	}
	p, d := Load(dir, files, opts)
	return p, append(diags, d...)
}

// Load reads a compose project the way compose-go v2 loads it for docker
// compose with an empty environment: the project directory's .env is the
// only source of variables; the files are loaded in order, each one
// interpolated, its includes and extends resolved, and merged over the
// ones before it by compose's merge rules; then the model is checked as
// compose checks it. dir is the project directory; relative paths are
// relative to it.
func Load(dir string, files []File, opts Options) (proj *Project, diags ir.Diagnostics) {
	proj = &Project{Dir: dir}
	l := &loader{opts: opts, diags: &diags, proj: proj, lookups: map[string]lookupFunc{},
		keys: map[ir.Pos]int{}, unset: map[string]ir.Pos{}, sources: map[string]bool{}}
	defer func() {
		if e := recover(); e != nil {
			if e != errTooLarge {
				panic(e)
			}
			diags.Add(ir.Pos{File: files[0].Path}, ir.IDAliasBomb,
				fmt.Sprintf("the project expands to more than %d values; refusing to read it", maxVisits), "")
		}
		diags.Sort()
		diags = diags.Dedup()
	}()
	if len(files) == 0 {
		return proj, diags
	}
	env := l.readDotenv(filepath.Join(dir, ".env"), nil)
	proj.Env = env
	vars := map[string]string{}
	for _, v := range env {
		if !v.Inherited {
			vars[v.Name] = v.Value
		}
	}
	docs := l.parseFiles(files)
	proj.Name = l.projectName(dir, docs, vars)
	vars["COMPOSE_PROJECT_NAME"] = proj.Name
	used := map[string]bool{}
	lookup := func(name string) (string, bool) {
		v, ok := vars[name]
		if ok {
			used[name] = true
		}
		return v, ok
	}
	proj.Profiles = opts.Profiles
	if len(proj.Profiles) == 0 {
		for _, p := range strings.Split(vars["COMPOSE_PROFILES"], ",") {
			proj.Profiles = append(proj.Profiles, strings.TrimSpace(p))
		}
	}
	var root *Value
	for _, f := range docs {
		proj.Files = append(proj.Files, f.path)
		l.lookups[f.path] = lookup
		for _, doc := range f.docs {
			root = l.layer(root, f.path, doc, lookup, "", nil)
		}
	}
	if root == nil || len(root.Fields) == 0 {
		if !diags.HasErrors() {
			diags.Add(ir.Pos{File: files[0].Path, Line: 1, Col: 1}, ir.IDComposeEmpty, "the compose file is empty; docker compose refuses it", "")
		}
		return proj, diags
	}
	l.reportVariables()
	l.build(root)
	l.reportDotenvRefs(env, used)
	return proj, diags
}

// parsedFile is a compose file's YAML documents.
type parsedFile struct {
	path string
	docs []*yaml.Node
}

// parseFiles reads and parses the compose files.
func (l *loader) parseFiles(files []File) []parsedFile {
	var out []parsedFile
	for _, f := range files {
		content := f.Content
		if content == nil {
			b, err := l.read(f.Path)
			if err != nil {
				l.diags.Add(ir.Pos{File: f.Path}, ir.IDIO, fmt.Sprintf("cannot read the compose file: %v", unwrapPathError(err)), "")
				continue
			}
			content = b
		}
		l.source(f.Path)
		docs := l.parseYAML(f.Path, content)
		out = append(out, parsedFile{path: f.Path, docs: docs})
	}
	return out
}

// parseYAML parses every document of a file.
func (l *loader) parseYAML(file string, src []byte) []*yaml.Node {
	if !sourcecheck.CheckText(file, src, l.diags) {
		return nil
	}
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			l.yamlError(file, err)
			return nil
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		pos := func(n *yaml.Node) ir.Pos { return ir.Pos{File: file, Line: n.Line, Col: n.Column} }
		if !sourcecheck.CheckYAMLShape(root, pos, l.diags) {
			return nil
		}
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		if root.Kind != yaml.MappingNode {
			l.diags.Addf(pos(root), ir.IDComposeType, "the top level must be a mapping, not %s; docker compose refuses the file", describeNode(root))
			return nil
		}
		docs = append(docs, root)
	}
	return docs
}

// yamlError reports a YAML syntax error.
func (l *loader) yamlError(file string, err error) {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		msg := le.Message
		if le.ContextMsg != "" {
			msg += " " + le.ContextMsg
		}
		l.diags.Add(ir.Pos{File: file, Line: le.Mark.Line, Col: le.Mark.Column}, ir.IDComposeYAML, "invalid YAML: "+msg, "")
		return
	}
	l.diags.Add(ir.Pos{File: file}, ir.IDComposeYAML, "invalid YAML: "+err.Error(), "")
}

// projectName decides the project's name as docker compose does:
// COMPOSE_PROJECT_NAME from .env, else the last top-level name of the
// files (interpolated), else the directory's name, normalized.
func (l *loader) projectName(dir string, docs []parsedFile, vars map[string]string) string {
	if n := vars["COMPOSE_PROJECT_NAME"]; n != "" {
		return n
	}
	name := ""
	for _, f := range docs {
		for _, d := range f.docs {
			for i := 0; i+1 < len(d.Content); i += 2 {
				if d.Content[i].Value == "name" && d.Content[i+1].Kind == yaml.ScalarNode && d.Content[i+1].Value != "" {
					name = d.Content[i+1].Value
				}
			}
		}
	}
	if name != "" {
		name = interpolate(name, func(k string) (string, bool) { v, ok := vars[k]; return v, ok }, ir.Pos{}).value
		if n := normalizeName(name); n != "" {
			return n
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return normalizeName(filepath.Base(abs))
}

// normalizeName keeps the characters a project name may hold.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "_-")
}

// readDotenv reads a .env file if it exists; lookup gives the variables
// it may reference besides its own.
func (l *loader) readDotenv(path string, lookup lookupFunc) []Var {
	src, err := l.read(path)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			l.diags.Add(ir.Pos{File: path}, ir.IDComposeDotenv, fmt.Sprintf("cannot read .env: %v", unwrapPathError(err)), "")
		}
		return nil
	}
	l.source(path)
	if !sourcecheck.CheckText(path, src, l.diags) {
		return nil
	}
	vars, d := readDotenv(path, src, lookup)
	if d != nil {
		l.diags.AddAs(d.Pos, d.Severity, d.ID, d.Message, d.Suggestion)
	}
	return vars
}

// layer processes one document of a file over the model so far, as
// compose-go's loadYamlFile does: interpolate it, resolve its includes,
// apply its !reset and !override tags to the model so far, resolve its
// extends, merge it, and check and canonicalize the result. dir is the
// directory of the project the file belongs to, relative to the main
// project's (for includes); included lists the files including it.
func (l *loader) layer(root *Value, file string, doc *yaml.Node, lookup lookupFunc, dir string, included []string) *Value {
	r := &docReader{file: file, lookup: lookup, interpolate: true, diags: l.diags, unset: l.unset}
	tree := r.convert(doc, nil)
	l.visits += r.visits
	l.recordKeys(tree, nil)
	for _, rs := range r.resets {
		if _, ok := l.keys[rs.keyPos]; !ok && rs.keyPos.IsValid() {
			l.keys[rs.keyPos] = len(l.proj.Keys)
			l.proj.Keys = append(l.proj.Keys, Key{Path: rs.path, Pos: rs.keyPos, Consumed: "!reset removes what the files before gave"})
		}
	}
	for _, req := range r.required {
		msg := req.message
		if msg == "" {
			msg = "no message"
		}
		l.diags.Add(req.pos, ir.IDComposeRequiredVar,
			fmt.Sprintf("%s must be set: the file requires it (%q), and .env does not set it, so docker compose refuses the file here", req.name, msg),
			"set "+req.name+" in .env, or in the environment docker compose runs in")
	}
	if tree == nil {
		return root
	}
	l.include(tree, file, lookup, dir, append(included, file))
	if root == nil {
		root = mapValue(tree.Pos)
	}
	applyResets(root, r.resets)
	l.extends(tree, file, r.resets, dir)
	root = merge(root, tree, nil)
	enforceUnicity(root, nil)
	l.validate(root)
	if v := root.field("version"); v != nil {
		l.diags.Add(v.KeyPos, ir.IDComposeVersion, "the top-level version is obsolete: docker compose ignores it", "")
		l.consume(v.KeyPos, "the obsolete version, which docker compose ignores")
		root.del("version")
	}
	l.canonical(root)
	omitEmpty(root)
	enforceUnicity(root, nil)
	return root
}

// applyResets removes from the model so far the places this document's
// !reset and !override tags name.
func applyResets(root *Value, resets []resetPath) {
	for _, r := range resets {
		if slices.Contains(r.path, listItem) || len(r.path) == 0 {
			continue
		}
		v := root
		for _, k := range r.path[:len(r.path)-1] {
			v = v.Get(k)
			if v == nil || v.Kind != KindMap {
				break
			}
		}
		if v != nil && v.Kind == KindMap {
			v.del(r.path[len(r.path)-1])
		}
	}
}

// omitEmpty drops empty dns entries, as compose-go does.
func omitEmpty(root *Value) {
	svcs := root.Get("services")
	if svcs == nil || svcs.Kind != KindMap {
		return
	}
	for _, s := range svcs.Fields {
		if s.Value.Kind != KindMap {
			continue
		}
		if f := s.Value.field("dns"); f != nil {
			if f.Value.IsNull() || f.Value.Kind == KindStr && f.Value.Str == "" {
				s.Value.del("dns")
			} else if f.Value.Kind == KindList {
				f.Value.Items = slices.DeleteFunc(f.Value.Items, func(v *Value) bool {
					return v.IsNull() || v.Kind == KindStr && v.Str == ""
				})
			}
		}
	}
}

// recordKeys records every key of a file's tree once, by position.
func (l *loader) recordKeys(v *Value, path []string) {
	if v == nil {
		return
	}
	switch v.Kind {
	case KindMap:
		for _, f := range v.Fields {
			p := with(path, f.Key)
			if _, ok := l.keys[f.KeyPos]; !ok && f.KeyPos.IsValid() {
				l.keys[f.KeyPos] = len(l.proj.Keys)
				k := Key{Path: p, Pos: f.KeyPos}
				if strings.HasPrefix(f.Key, "x-") {
					k.Consumed = "an x- extension field, which docker compose ignores (its anchors are read where they are used)"
				}
				l.proj.Keys = append(l.proj.Keys, k)
			}
			l.recordKeys(f.Value, p)
		}
	case KindList:
		p := with(path, listItem)
		for _, it := range v.Items {
			l.recordKeys(it, p)
		}
	}
}

// consume marks the key at pos as used up by the reader.
func (l *loader) consume(pos ir.Pos, why string) {
	if i, ok := l.keys[pos]; ok && l.proj.Keys[i].Consumed == "" {
		l.proj.Keys[i].Consumed = why
	}
}

// unknown marks the key at pos as unknown.
func (l *loader) unknown(pos ir.Pos) {
	if i, ok := l.keys[pos]; ok {
		l.proj.Keys[i].Unknown = true
	}
}

// reportVariables reports the variables compose-go substitutes with the
// empty string, once each.
func (l *loader) reportVariables() {
	for name, pos := range l.unset {
		l.diags.Add(pos, ir.IDComposeUnsetVar,
			fmt.Sprintf("%s is not set in .env: docker compose substitutes an empty string here unless its environment sets it; the reference is kept for run time", name),
			"set "+name+" in .env, or give a default with ${"+name+":-value}")
	}
}

// reportDotenvRefs reports the variables of the project's .env that the
// compose files use (in a ${} reference, or as an environment entry
// without a value, which docker compose takes from .env too) and whose
// values refer to other variables: compose substitutes those when it
// reads .env, devenv's dotenv does not, and the output refers to the
// variable at run time.
func (l *loader) reportDotenvRefs(env []Var, used map[string]bool) {
	for _, s := range l.proj.Services {
		for _, e := range s.Environment {
			if e.Value == nil {
				used[e.Name] = true
			}
		}
	}
	for _, v := range env {
		if len(v.Refs) == 0 || !used[v.Name] {
			continue
		}
		refs := "$" + strings.Join(v.Refs, ", $")
		l.diags.Add(v.Pos, ir.IDComposeDotenvRef,
			fmt.Sprintf("%s in .env refers to %s, which docker compose substitutes when it reads .env; devenv's dotenv loads the value as written, so the output's run-time %s differs", v.Name, refs, v.Name),
			"write the value of "+v.Name+" out in .env, without references")
	}
}

// unwrapPathError returns the reason of a file error without the path.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
