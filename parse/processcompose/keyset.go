package processcompose

import yaml "go.yaml.in/yaml/v4"

// smallKeySet is how many keys a keySet holds before it uses a map:
// most mappings have fewer, and looking through a few keys costs less
// than making a map.
const smallKeySet = 16

// A keySet maps the keys of one mapping to their nodes, as the reader
// meets them. The zero keySet is empty and ready to use.
type keySet struct {
	n     int
	keys  [smallKeySet]string
	nodes [smallKeySet]*yaml.Node
	more  map[string]*yaml.Node
}

// get returns the node set for key, or nil.
func (s *keySet) get(key string) *yaml.Node {
	if s.more != nil {
		return s.more[key]
	}
	for i := range s.n {
		if s.keys[i] == key {
			return s.nodes[i]
		}
	}
	return nil
}

// set sets the node of key, which must not be nil.
func (s *keySet) set(key string, node *yaml.Node) {
	if s.more != nil {
		s.more[key] = node
		return
	}
	for i := range s.n {
		if s.keys[i] == key {
			s.nodes[i] = node
			return
		}
	}
	if s.n < smallKeySet {
		s.keys[s.n], s.nodes[s.n] = key, node
		s.n++
		return
	}
	s.more = make(map[string]*yaml.Node, 2*smallKeySet)
	for i := range s.n {
		s.more[s.keys[i]] = s.nodes[i]
	}
	s.more[key] = node
}
