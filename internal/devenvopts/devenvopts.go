// Package devenvopts checks evaluated devenv modules against devenv's real
// option list (../shared/reference/devenv-options.json, generated from
// devenv's modules), so that tests prove every option path pc2devenv emits
// exists — and, for the devenv 2.2.2 target, is released.
package devenvopts

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Options is devenv's option list.
type Options struct {
	byPath map[string]option
	// prefixes holds every proper prefix of an option path.
	prefixes map[string]bool
	// unreleased lists the option paths not in the 2.2.2 release.
	unreleased []string
}

type option struct {
	Name    string  `json:"name"`
	Type    string  `json:"type"`
	Default *string `json:"default"`
}

// Load reads the option list from file.
func Load(file string) (*Options, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Options []option `json:"options"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	o := &Options{byPath: map[string]option{}, prefixes: map[string]bool{}}
	for _, opt := range doc.Options {
		o.byPath[opt.Name] = opt
		parts := splitPath(opt.Name)
		for i := 1; i < len(parts); i++ {
			o.prefixes[strings.Join(parts[:i], ".")] = true
		}
	}
	// From the file's "source" note: not in 2.2.2.
	o.unreleased = []string{"processes.<name>.shutdown", "tasks.<name>.process.shutdown", "dotenv.substitution"}
	return o, nil
}

// Default returns the default of the option at path, as Nix source text
// (such as 6379 or "127.0.0.1"), and whether the option has one.
func (o *Options) Default(path string) (string, bool) {
	opt, ok := o.byPath[path]
	if !ok || opt.Default == nil {
		return "", false
	}
	return *opt.Default, true
}

// splitPath splits an option path at dots outside quotes.
func splitPath(p string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for _, c := range p {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(c)
		}
	}
	return append(parts, cur.String())
}

// freeform reports whether an option's type accepts attributes beyond the
// options declared below it.
func freeform(typ string) bool { return strings.HasPrefix(typ, "open submodule") }

// Check walks an evaluated module (JSON data) and returns a sentence for
// every attribute path that is not a devenv option. released restricts the
// check to the options of the 2.2.2 release.
func (o *Options) Check(module map[string]any, released bool) []string {
	var problems []string
	var walk func(v any, path []string, pattern []string)
	walk = func(v any, path []string, pattern []string) {
		pat := strings.Join(pattern, ".")
		if opt, ok := o.byPath[pat]; ok {
			if released {
				for _, u := range o.unreleased {
					if pat == u || strings.HasPrefix(pat, u+".") {
						problems = append(problems, fmt.Sprintf("%s: option %s is not in devenv 2.2.2", strings.Join(path, "."), pat))
						return
					}
				}
			}
			if freeform(opt.Type) || !o.prefixes[pat] {
				return
			}
		} else if len(pattern) > 0 && !o.prefixes[pat] {
			problems = append(problems, fmt.Sprintf("%s: no devenv option %s", strings.Join(path, "."), pat))
			return
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				next := append(append([]string(nil), pattern...), o.component(pattern, k))
				walk(v[k], append(append([]string(nil), path...), k), next)
			}
		case []any:
			for i, it := range v {
				next := append(append([]string(nil), pattern...), "*")
				walk(it, append(append([]string(nil), path...), strconv.Itoa(i)), next)
			}
		}
	}
	walk(module, nil, nil)
	return problems
}

// component returns how attribute k below pattern appears in option paths:
// as itself when an option path continues with it, else as "<name>".
func (o *Options) component(pattern []string, k string) string {
	base := strings.Join(pattern, ".")
	join := func(c string) string {
		if base == "" {
			return c
		}
		return base + "." + c
	}
	q := k
	if strings.ContainsAny(k, ".") {
		q = strconv.Quote(k)
	}
	if _, ok := o.byPath[join(q)]; ok || o.prefixes[join(q)] {
		return q
	}
	if _, ok := o.byPath[join("<name>")]; ok || o.prefixes[join("<name>")] {
		return "<name>"
	}
	return q
}
