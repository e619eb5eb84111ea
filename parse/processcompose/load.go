package processcompose

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// File is one process-compose file of a project.
type File struct {
	// Path names the file in positions, and is where a top-level extends
	// in it is resolved from.
	Path    string
	Content []byte
}

// Options configure ReadFiles.
type Options struct {
	// ReadFile reads a file that a top-level extends names, by its path:
	// the extends value joined to the directory of the file that names
	// it, as process-compose resolves it. When ReadFile is nil, such an
	// extends is an error.
	ReadFile func(path string) ([]byte, error)
	// NoKeys leaves the project's Keys empty, sparing the work of
	// recording every key, for callers that do not decide what became of
	// each (convert.Options.NoFates). The rest of the project and the
	// diagnostics are the same.
	NoKeys bool
}

// Read reads one process-compose file. file is the name used in
// positions; src is its content.
func Read(file string, src []byte) (*ir.Project, ir.Diagnostics) {
	return ReadFiles([]File{{Path: file, Content: src}}, Options{})
}

// ReadFiles reads a project's process-compose files the way
// process-compose (1.75 and later) loads the files that -f names, in
// order:
//
//   - each file, and each file that a top-level extends names before the
//     file naming it, is read on its own: "$$" is a literal "$", braced
//     ${VAR} references are kept as load-time references (see ir.Text)
//     unless the file sets disable_env_expansion, YAML anchors, aliases
//     and "<<" merge keys are resolved; the processes of an extended file
//     run in that file's directory;
//   - the files are merged by process-compose's rules (a later non-zero
//     scalar wins, a zero one never does; environment and depends_on are
//     merged by name; namespace and watch.paths are replaced; other lists
//     are appended);
//   - process-level extends are resolved, replicas are made, and Go
//     templates are rendered with vars and PC_REPLICA_NUM;
//   - dependencies are checked as process-compose checks them.
//
// Every value keeps the position of the file it came from. Every key the
// model has no field for is kept in Extra for the emitter to pass through
// or report, and every key read is recorded in the project's Keys.
func ReadFiles(files []File, opts Options) (proj *ir.Project, diags ir.Diagnostics) {
	proj = &ir.Project{}
	if len(files) == 0 {
		return proj, diags
	}
	defer func() {
		if e := recover(); e != nil {
			if e != errTooLarge {
				panic(e)
			}
			diags.Add(ir.Pos{File: files[0].Path}, ir.IDAliasBomb,
				fmt.Sprintf("reading the project takes more than %d steps; refusing to go on", maxYAMLSteps), "")
		}
		diags.Sort()
		diags = diags.Dedup()
	}()
	if !opts.NoKeys {
		proj.Keys = make([]ir.Key, 0, keyCapacity(files))
	}
	r := &reader{
		yamlReader: yamlReader{
			file:      files[0].Path,
			files:     map[*yaml.Node]string{},
			diags:     &diags,
			keys:      &proj.Keys,
			noKeys:    opts.NoKeys,
			noExpand:  map[string]bool{},
			synthetic: map[*yaml.Node]bool{},
		},
		proj:  proj,
		opts:  opts,
		dir:   filepath.Dir(files[0].Path),
		named: map[string]bool{},
	}
	for _, f := range files {
		r.named[filepath.Clean(f.Path)] = true
	}
	var loaded []*pcFile
	for _, f := range files {
		loaded = append(loaded, r.load(f.Path, f.Content, nil, false)...)
	}
	for _, f := range loaded {
		proj.Sources = append(proj.Sources, ir.Source{Path: f.path, Format: ir.FormatProcessCompose})
	}
	if diags.HasErrors() || len(loaded) == 0 {
		return proj, diags
	}
	root := loaded[0].root
	for _, f := range loaded[1:] {
		root = r.mergeMapping(root, f.root, fTop, ir.Path{}, true)
	}
	r.top(root)
	return proj, diags
}

// pcFile is one loaded file.
type pcFile struct {
	path string
	// root is the document's top-level mapping.
	root *yaml.Node
}

// load reads one file and, before it, the files its top-level extends
// names. chain holds the files that extend this one, for cycles; extended
// says that a file names this one in extends.
func (r *reader) load(path string, src []byte, chain []string, extended bool) []*pcFile {
	if !sourcecheck.CheckText(path, src, r.diags) {
		return nil
	}
	root := decodeYAML(path, src, r.diags)
	if root == nil {
		if !r.diags.HasErrors() {
			r.diags.Add(ir.Pos{File: path, Line: 1, Col: 1}, ir.IDEmptyFile, "the file is empty: it defines no processes", "")
		}
		return nil
	}
	r.register(root, path)
	if !r.checkShape(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		r.typeError(root, "the file", "a mapping")
		return nil
	}
	if v := topValue(root, "disable_env_expansion"); v != nil {
		t, _ := scanSubst(v.Value, ir.Pos{})
		s, _ := t.Resolve()
		switch strings.ToLower(s) {
		case "true", "yes", "y", "on":
			r.noExpand[path] = true
		}
	}
	if r.expands(path) {
		checkRawSubst(path, src, r.diags)
	}
	if extended {
		r.anchorWorkingDirs(root, path)
	}
	self := &pcFile{path: path, root: root}
	ext := topValue(root, "extends")
	if ext == nil || isNull(ext) {
		return []*pcFile{self}
	}
	if ext.Kind != yaml.ScalarNode {
		r.typeError(ext, "extends", "a file name")
		return nil
	}
	t := r.substText(ext.Value, r.pos(ext))
	name, _ := t.Resolve()
	if name == "" {
		return []*pcFile{self}
	}
	target := name
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(path), target)
	}
	target = filepath.Clean(target)
	chain = append(chain, filepath.Clean(path))
	switch {
	case slices.Contains(chain, target):
		cycle := append(append([]string(nil), chain[slices.Index(chain, target):]...), target)
		r.diags.Add(r.pos(ext), ir.IDExtendsFile,
			fmt.Sprintf("extends %q makes the files extend each other in a cycle: %s; process-compose refuses it", name, strings.Join(cycle, " → ")), "")
		return nil
	case r.named[target]:
		r.diags.Add(r.pos(ext), ir.IDExtendsFile,
			fmt.Sprintf("extends %q names a file that is also given to load; process-compose refuses it", name),
			"name only the extending file")
		return nil
	case r.opts.ReadFile == nil:
		r.diags.Add(r.pos(ext), ir.IDExtendsFile,
			fmt.Sprintf("extends %q names another file, which cannot be read here", name),
			"convert the project directory or the file on disk, not standard input")
		return nil
	}
	content, err := r.opts.ReadFile(target)
	if err != nil {
		r.diags.Add(r.pos(ext), ir.IDExtendsFile,
			fmt.Sprintf("extends %q: cannot read %s: %v", name, filepath.ToSlash(target), unwrapPathError(err)), "")
		return nil
	}
	base := r.load(target, content, chain, true)
	if base == nil {
		return nil
	}
	return append(base, self)
}

// unwrapPathError returns the reason of a file error without the path.
func unwrapPathError(err error) error {
	type pathErr interface{ Unwrap() error }
	if pe, ok := err.(pathErr); ok && pe.Unwrap() != nil {
		return pe.Unwrap()
	}
	return err
}

// register notes the file of every node of a document. The nodes of the
// first file are not entered: pos gives that file to a node it does not
// find, and most projects have only that one.
func (r *reader) register(n *yaml.Node, file string) {
	if n == nil || file == r.file {
		return
	}
	r.files[n] = file
	for _, c := range n.Content {
		r.register(c, file)
	}
}

// checkShape reports whether the document n is finite and small enough to
// walk (see sourcecheck.CheckYAMLShape), reporting what it finds where it
// is.
func (r *reader) checkShape(n *yaml.Node) bool {
	return sourcecheck.CheckYAMLShape(n, r.pos, r.diags)
}

// topValue returns the value of a top-level key of a mapping as written
// (not through merge keys), or nil.
func topValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			v := m.Content[i+1]
			for v != nil && v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

// anchorWorkingDirs gives the processes of a file that another extends
// the file's directory as working directory, as process-compose does: an
// empty working_dir becomes the directory, a relative one is joined to
// it. The directory is relative to the project's directory, the one
// process-compose runs in.
func (r *reader) anchorWorkingDirs(root *yaml.Node, path string) {
	dir := filepath.Dir(path)
	if rel, err := filepath.Rel(r.dir, dir); err == nil && filepath.IsAbs(r.dir) == filepath.IsAbs(dir) {
		dir = rel
	}
	dir = filepath.ToSlash(dir)
	procs := topValue(root, "processes")
	if procs == nil || procs.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(procs.Content); i += 2 {
		key, v := procs.Content[i], r.deref(procs.Content[i+1])
		if v.Kind != yaml.MappingNode {
			continue
		}
		// A copy, so that an anchor other processes share is left alone.
		nv := *v
		nv.Content = slices.Clone(v.Content)
		procs.Content[i+1] = &nv
		r.files[&nv] = path
		set := false
		for j := 0; j+1 < len(nv.Content); j += 2 {
			if nv.Content[j].Value != "working_dir" {
				continue
			}
			wv := r.deref(nv.Content[j+1])
			if wv.Kind != yaml.ScalarNode {
				set = true
				break
			}
			wd := wv.Value
			switch {
			case isNull(wv) || wd == "":
				wd = dir
			case filepath.IsAbs(wd) || strings.HasPrefix(wd, "$"):
				// Absolute, or decided by the environment at load time.
			default:
				wd = filepath.ToSlash(filepath.Join(dir, wd))
			}
			nw := *wv
			nw.Tag, nw.Value, nw.Style = "!!str", wd, 0
			r.files[&nw] = path
			nv.Content[j+1] = &nw
			set = true
		}
		if !set {
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "working_dir", Line: key.Line, Column: key.Column}
			val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: dir, Line: key.Line, Column: key.Column}
			r.files[k], r.files[val] = path, path
			r.synthetic[k] = true
			nv.Content = append(nv.Content, k, val)
		}
	}
	if dir != "." && len(procs.Content) > 0 {
		r.diags.Add(r.pos(procs), ir.IDExtendedDir,
			fmt.Sprintf("%s is extended by another file, so process-compose runs its processes in its directory %q (relative working_dir values are joined to it)", filepath.ToSlash(path), dir), "")
	}
}

// checkRawSubst reports malformed ${ forms anywhere in a file — in keys,
// values and comments alike — since process-compose substitutes the
// file's whole text before it reads the YAML and refuses a file it cannot
// substitute.
func checkRawSubst(file string, src []byte, diags *ir.Diagnostics) {
	if !bytes.Contains(src, []byte("${")) {
		return
	}
	for _, p := range malformedSubst(src) {
		line := 1 + bytes.Count(src[:p.offset], []byte("\n"))
		col := p.offset - bytes.LastIndexByte(src[:p.offset], '\n')
		msg := p.msg
		if end := bytes.IndexByte(src[p.offset:], '\n'); end >= 0 && strings.Contains(msg, "\n") {
			msg = fmt.Sprintf("malformed %s…: process-compose refuses to load the file", src[p.offset:p.offset+end])
		}
		diags.AddAs(ir.Pos{File: file, Line: line, Col: col}, p.sev, p.id, msg, p.hint)
	}
}
