package procrun

import "strings"

// Environ is an environment being built, as a manager composes one from
// layers: a later setting wins, and a variable keeps the place it was
// first set at.
type Environ struct {
	order []string
	vals  map[string]string
}

// NewEnviron returns an empty environment.
func NewEnviron() *Environ { return &Environ{vals: map[string]string{}} }

// Set sets a variable.
func (e *Environ) Set(name, value string) {
	if _, ok := e.vals[name]; !ok {
		e.order = append(e.order, name)
	}
	e.vals[name] = value
}

// Add sets "NAME=value" entries, in order; an entry without "=" or without
// a name is left out.
func (e *Environ) Add(entries []string) {
	for _, kv := range entries {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			e.Set(k, v)
		}
	}
}

// Lookup returns a variable's value, and whether it is set.
func (e *Environ) Lookup(name string) (string, bool) {
	v, ok := e.vals[name]
	return v, ok
}

// List returns the environment as "NAME=value" entries.
func (e *Environ) List() []string {
	out := make([]string, 0, len(e.order))
	for _, k := range e.order {
		out = append(out, k+"="+e.vals[k])
	}
	return out
}
