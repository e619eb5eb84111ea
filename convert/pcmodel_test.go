package convert

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	yaml "go.yaml.in/yaml/v4"
)

// pcModel is an independent model of how process-compose loads a
// project's files, to check the converter's outputs against: written
// apart from package parse, on plain decoded YAML. It covers what the
// checks compare — commands, entrypoints, environments, replicas — through
// the load steps that change them: "$$", top-level and process-level
// extends, the merge of files, replicas and templates. It keeps
// environment entries whose values hold "=", which process-compose's merge
// drops, as the converter does on purpose.
type pcModel struct {
	procs []*modelProc
}

// modelProc is one process (or replica) as process-compose runs it.
type modelProc struct {
	name, group string
	replicas    int
	command     string
	entrypoint  []string
	env         map[string]string
	envOrder    []string
}

// modelDiscover returns the files process-compose loads in dir: the
// first of its file names that exists, and the first override.
func modelDiscover(dir string) []string {
	var files []string
	for _, names := range [][]string{
		{"compose.yml", "compose.yaml", "process-compose.yml", "process-compose.yaml"},
		{"compose.override.yml", "compose.override.yaml", "process-compose.override.yml", "process-compose.override.yaml"},
	} {
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil || strings.HasPrefix(n, "compose.") && !strings.Contains("\n"+string(b), "\nprocesses:") {
				continue
			}
			files = append(files, filepath.Join(dir, n))
			break
		}
		if len(files) == 0 {
			break
		}
	}
	return files
}

// loadModel loads files as process-compose's -f would.
func loadModel(files []string) (*pcModel, error) { return loadModelWith(files, os.ReadFile) }

// loadModelWith loads files as loadModel does, reading them with read.
func loadModelWith(files []string, read func(string) ([]byte, error)) (*pcModel, error) {
	var docs []map[string]any
	for _, f := range files {
		chain, err := modelChain(f, 0, read)
		if err != nil {
			return nil, err
		}
		docs = append(docs, chain...)
	}
	if len(docs) == 0 {
		return &pcModel{}, nil
	}
	top := docs[0]
	for _, d := range docs[1:] {
		top = modelMergeTop(top, d)
	}
	procs, _ := top["processes"].(map[string]any)
	vars, _ := modelPlain(top["vars"]).(map[string]any)
	names := slices.Sorted(maps.Keys(procs))
	resolved := map[string]map[string]any{}
	var resolve func(name string, depth int) map[string]any
	resolve = func(name string, depth int) map[string]any {
		if r, ok := resolved[name]; ok {
			return r
		}
		p, _ := procs[name].(map[string]any)
		if p == nil {
			p = map[string]any{}
		}
		if ext := modelString(p["extends"]); ext != "" && depth < 20 {
			if _, exists := procs[ext]; exists && ext != name {
				p = modelMergeProc(modelCopy(resolve(ext, depth+1)).(map[string]any), p)
			}
		}
		resolved[name] = p
		return p
	}
	m := &pcModel{}
	for _, name := range names {
		p := resolve(name, 0)
		n := modelInt(p["replicas"])
		count := max(n, 1)
		for i := 0; i < count; i++ {
			mp := &modelProc{name: name, replicas: n, env: map[string]string{}}
			if n > 1 {
				mp.group = name
				mp.name = fmt.Sprintf("%s-%0*d", name, len(strconv.Itoa(n)), i)
			}
			data := maps.Clone(vars)
			if data == nil {
				data = map[string]any{}
			}
			pv, _ := modelPlain(p["vars"]).(map[string]any)
			maps.Copy(data, pv)
			data["PC_REPLICA_NUM"] = i
			cmd := modelString(p["command"])
			if !modelBool(p["is_template_disabled"]) {
				cmd = modelRender(cmd, data)
			}
			mp.command = cmd
			if cmd == "" {
				for _, w := range modelList(p["entrypoint"]) {
					mp.entrypoint = append(mp.entrypoint, modelString(w))
				}
			}
			for _, e := range modelList(p["environment"]) {
				entry := modelRender(modelString(e), data)
				k, v, ok := strings.Cut(entry, "=")
				if !ok || k == "" {
					continue
				}
				if _, dup := mp.env[k]; !dup {
					mp.envOrder = append(mp.envOrder, k)
				}
				mp.env[k] = v
			}
			m.procs = append(m.procs, mp)
		}
	}
	return m, nil
}

// modelChain reads a file and the files its top-level extends names,
// extended files first.
func modelChain(file string, depth int, read func(string) ([]byte, error)) ([]map[string]any, error) {
	raw, err := read(file)
	if err != nil {
		return nil, err
	}
	var probe struct {
		DisableEnvExpansion bool   `yaml:"disable_env_expansion"`
		Extends             string `yaml:"extends"`
	}
	yaml.Unmarshal(raw, &probe)
	text := string(raw)
	if !probe.DisableEnvExpansion {
		text = strings.ReplaceAll(text, "$$", modelDollar)
	}
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(text), &node); err != nil {
		return nil, err
	}
	doc, _ := modelValue(&node, 0).(map[string]any)
	if !probe.DisableEnvExpansion {
		doc, _ = modelSubst(doc).(map[string]any)
	}
	var out []map[string]any
	if probe.Extends != "" && depth < 10 {
		base, err := modelChain(filepath.Join(filepath.Dir(file), probe.Extends), depth+1, read)
		if err != nil {
			return nil, err
		}
		out = base
	}
	return append(out, doc), nil
}

// modelDollar stands for an escaped "$$" while a file is read, so that
// modelSubst can tell it from a "$" that starts a reference.
const modelDollar = "\uE000\uE001"

// modelSubst finishes load-time substitution in a decoded document: in
// strings, references to variables whose names start with a digit become
// what process-compose gives them unset (every other reference stays for
// bash, which reads the same variable), and modelDollar becomes "$".
func modelSubst(v any) any {
	switch v := v.(type) {
	case string:
		return strings.ReplaceAll(modelUnset(v), modelDollar, "$")
	case modelScalar:
		v.text = strings.ReplaceAll(v.text, modelDollar, "$")
		return v
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[strings.ReplaceAll(k, modelDollar, "$")] = modelSubst(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = modelSubst(x)
		}
		return out
	}
	return v
}

// modelUnset replaces each ${N…} whose name N starts with a digit by the
// value drone/envsubst gives it when N is unset: the argument of :-, :=,
// =, :? and :+, "0" for ${#N}, and "" otherwise.
func modelUnset(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !strings.HasPrefix(s[i:], "${") {
			b.WriteByte(s[i])
			continue
		}
		depth, end := 0, -1
		for j := i + 1; j < len(s) && end < 0; j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				if depth--; depth == 0 {
					end = j + 1
				}
			}
		}
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		body := s[i+2 : end-1]
		hash := len(body) > 1 && body[0] == '#'
		if hash {
			body = body[1:]
		}
		n := 0
		for n < len(body) && modelNameByte(body[n]) {
			n++
		}
		if n == 0 || body[0] < '0' || body[0] > '9' {
			b.WriteString(s[i:end])
			i = end - 1
			continue
		}
		rest := body[n:]
		switch {
		case hash:
			b.WriteString("0")
		case rest == "":
		case strings.HasPrefix(rest, ":-"), strings.HasPrefix(rest, ":="), strings.HasPrefix(rest, ":?"), strings.HasPrefix(rest, ":+"):
			b.WriteString(modelUnset(rest[2:]))
		case rest[0] == '=':
			b.WriteString(modelUnset(rest[1:]))
		}
		i = end - 1
	}
	return b.String()
}

func modelNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func modelMergeTop(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	for k, bv := range b {
		switch k {
		case "processes":
			ap, _ := out[k].(map[string]any)
			bp, _ := bv.(map[string]any)
			merged := maps.Clone(ap)
			if merged == nil {
				merged = map[string]any{}
			}
			for name, p := range bp {
				pm, _ := p.(map[string]any)
				if old, ok := merged[name].(map[string]any); ok {
					merged[name] = modelMergeProc(old, pm)
				} else {
					merged[name] = pm
				}
			}
			out[k] = merged
		case "environment":
			out[k] = modelMergeEnv(out[k], bv)
		default:
			out[k] = modelMerge(out[k], bv)
		}
	}
	return out
}

func modelMergeProc(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	for k, bv := range b {
		switch k {
		case "environment":
			out[k] = modelMergeEnv(out[k], bv)
		case "depends_on":
			am, _ := out[k].(map[string]any)
			bm, _ := bv.(map[string]any)
			m := maps.Clone(am)
			if m == nil {
				m = map[string]any{}
			}
			maps.Copy(m, bm)
			out[k] = m
		case "namespace":
			if !modelZero(bv) {
				out[k] = bv
			}
		case "command", "working_dir", "description", "log_location", "extends":
			// String fields: "0" is not zero, though YAML reads a number.
			if modelString(bv) != "" {
				out[k] = bv
			}
		default:
			out[k] = modelMerge(out[k], bv)
		}
	}
	return out
}

// modelMergeEnv merges KEY=VALUE lists by key, later entries winning.
func modelMergeEnv(a, b any) any {
	if a == nil {
		return b
	}
	var order []string
	vals := map[string]string{}
	inA := map[string]bool{}
	for i, e := range append(modelList(a), modelList(b)...) {
		s := modelString(e)
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		_, dup := vals[k]
		if !dup {
			order = append(order, k)
		}
		if i >= len(modelList(a)) && inA[k] && v == "" {
			continue // an empty value never wins over an earlier file's
		}
		inA[k] = i < len(modelList(a))
		vals[k] = s
	}
	var out []any
	for _, k := range order {
		out = append(out, vals[k])
	}
	return out
}

// modelMerge merges generic values: maps deeply, lists appended, scalars
// replaced unless the later one is zero.
func modelMerge(a, b any) any {
	if modelZero(b) {
		if a == nil {
			return b
		}
		return a
	}
	switch bv := b.(type) {
	case map[string]any:
		am, ok := a.(map[string]any)
		if !ok {
			return b
		}
		out := maps.Clone(am)
		for k, v := range bv {
			out[k] = modelMerge(out[k], v)
		}
		return out
	case []any:
		al, ok := a.([]any)
		if !ok {
			return b
		}
		return append(slices.Clone(al), bv...)
	}
	return b
}

// modelScalar is a YAML scalar that is not a string: its text, which a
// string field gets (process-compose's decoder gives "00" to a string
// field, not "0"), and its value, for the fields of other types.
type modelScalar struct {
	text string
	val  any
}

// modelValue converts a YAML node into maps, lists, strings and
// modelScalars, with aliases and "<<" merge keys resolved (keys of the
// mapping itself win, then earlier merged mappings).
func modelValue(n *yaml.Node, depth int) any {
	if n == nil || depth > 200 {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return modelValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		return modelValue(n.Alias, depth+1)
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, modelValue(c, depth+1))
		}
		return l
	case yaml.MappingNode:
		m := map[string]any{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			m[k.Value] = modelValue(v, depth+1)
		}
		for _, v := range merges {
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			srcs := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				srcs = v.Content
			}
			for _, s := range srcs {
				sm, _ := modelValue(s, depth+1).(map[string]any)
				for k, x := range sm {
					if _, set := m[k]; !set {
						m[k] = x
					}
				}
			}
		}
		return m
	}
	switch n.Tag {
	case "!!str", "!!binary", "":
		return n.Value
	case "!!null":
		return nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	return modelScalar{text: n.Value, val: v}
}

// modelPlain returns v with its scalars as their values, as
// process-compose's vars (a map of any) hold them.
func modelPlain(v any) any {
	switch v := v.(type) {
	case modelScalar:
		return v.val
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = modelPlain(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = modelPlain(x)
		}
		return out
	}
	return v
}

// modelString returns a value as a string field of process-compose gets
// it: a string, or the text of another scalar.
func modelString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case modelScalar:
		return v.text
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// modelBool returns a value as a bool field gets it.
func modelBool(v any) bool {
	if s, ok := v.(modelScalar); ok {
		b, _ := s.val.(bool)
		return b
	}
	return false
}

func modelZero(v any) bool {
	if s, ok := v.(modelScalar); ok {
		v = s.val
	}
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case int:
		return v == 0
	case float64:
		return v == 0
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func modelCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = modelCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = modelCopy(x)
		}
		return out
	}
	return v
}

func modelList(v any) []any {
	l, _ := v.([]any)
	return l
}

func modelInt(v any) int {
	if s, ok := v.(modelScalar); ok {
		v = s.val
	}
	switch v := v.(type) {
	case int:
		return v
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}

var (
	modelAction = regexp.MustCompile(`\{\{.*?\}\}`)
	modelRef    = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=]([^}]*))?\}`)
)

// modelRender renders s as process-compose does, with the ${VAR} inside
// actions taken as unset (the environment at load time is unknown).
func modelRender(s string, data map[string]any) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	s = modelAction.ReplaceAllStringFunc(s, func(a string) string {
		return modelRef.ReplaceAllString(a, "$1")
	})
	tpl, err := template.New("").Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, data); err != nil {
		return s
	}
	return b.String()
}
