package sourcecheck

import (
	"fmt"

	yaml "go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/ir"
)

// MaxYAMLNodes bounds how many nodes a document may expand to through
// aliases, so that a "billion laughs" document is refused quickly; a
// typical process-compose or compose file has a few hundred, one of five
// thousand processes a hundred thousand. MaxYAMLDepth bounds how deep its
// values nest: the formats' own keys nest five levels deep, passed-through
// values a few more.
const (
	MaxYAMLNodes = 1_000_000
	MaxYAMLDepth = 100
)

// shape is the size and depth of a node's value with its aliases
// expanded: what a walk of it visits.
type shape struct{ nodes, depth int }

// CheckYAMLShape reports whether the document n is finite and small
// enough to walk: no alias refers to a value that contains it (which
// would make the document infinite), its aliases do not expand it beyond
// MaxYAMLNodes values (a "billion laughs" document is a few lines that
// expand to billions), and it nests no deeper than MaxYAMLDepth. Sizes are
// counted once per node, so the check takes time in proportion to the
// file, not to its expansion. It reports what it finds where it is; pos
// gives a node's position.
func CheckYAMLShape(n *yaml.Node, pos func(*yaml.Node) ir.Pos, diags *ir.Diagnostics) bool {
	if s, aliases := plainShape(n, 1); !aliases && s.nodes <= MaxYAMLNodes && s.depth <= MaxYAMLDepth {
		// Most documents have no alias, and are a tree that is as
		// large as it looks: one walk without memo tells it.
		return true
	}
	memo := map[*yaml.Node]shape{}
	active := map[*yaml.Node]bool{}
	var measure func(n *yaml.Node) (shape, bool)
	measure = func(n *yaml.Node) (shape, bool) {
		if n == nil {
			return shape{}, true
		}
		if s, ok := memo[n]; ok {
			return s, true
		}
		if n.Kind == yaml.AliasNode {
			if active[n.Alias] {
				diags.Add(pos(n), ir.IDSyntax,
					fmt.Sprintf("invalid YAML: the alias *%s refers to a value that contains it, which makes the document infinite", n.Value), "")
				return shape{}, false
			}
			s, ok := measure(n.Alias)
			memo[n] = s
			return s, ok
		}
		active[n] = true
		defer delete(active, n)
		s := shape{nodes: 1}
		for _, c := range n.Content {
			cs, ok := measure(c)
			if !ok {
				return shape{}, false
			}
			// Saturate: a bomb's count would overflow.
			s.nodes = min(s.nodes+cs.nodes, MaxYAMLNodes+1)
			s.depth = max(s.depth, cs.depth)
		}
		s.depth++
		memo[n] = s
		return s, true
	}
	total, ok := measure(n)
	if !ok {
		return false
	}
	if total.nodes > MaxYAMLNodes {
		// Point at the alias through which most of it comes, or at
		// the largest value.
		at := n
		for at.Kind != yaml.AliasNode && len(at.Content) > 0 {
			next := maxBy(at.Content, func(c *yaml.Node) int { return memo[c].nodes })
			if next.Kind != yaml.AliasNode && memo[next].nodes <= 1 {
				break
			}
			at = next
		}
		msg := fmt.Sprintf("the document holds more than %d values, counting each alias as the values it stands for", MaxYAMLNodes)
		if at.Kind == yaml.AliasNode {
			msg += fmt.Sprintf(" (the alias *%s here stands for %s)", at.Value, countText(memo[at].nodes))
		}
		diags.Add(pos(at), ir.IDAliasBomb, msg+"; refusing to read it",
			"a file this large is a mistake or an attack (a \"billion laughs\" document); write the values out, or use fewer aliases")
		return false
	}
	if total.depth > MaxYAMLDepth {
		at := n
		for depth := 1; depth < MaxYAMLDepth && len(at.Content) > 0; depth++ {
			at = maxBy(at.Content, func(c *yaml.Node) int { return memo[c].depth })
			for at.Kind == yaml.AliasNode {
				at = at.Alias
			}
		}
		diags.Add(pos(at), ir.IDTooDeep,
			fmt.Sprintf("values nest more than %d levels deep here; refusing to read the document", MaxYAMLDepth),
			"")
		return false
	}
	return true
}

// plainShape returns the shape of the tree under n, which is at depth
// depth, and whether it holds an alias (then the shape is not the
// document's, and the full check must run). It stops at an alias, or when
// the tree is deeper than MaxYAMLDepth.
func plainShape(n *yaml.Node, depth int) (s shape, aliases bool) {
	if n == nil {
		return shape{}, false
	}
	if n.Kind == yaml.AliasNode || depth > MaxYAMLDepth {
		return shape{}, true
	}
	s = shape{nodes: 1}
	for _, c := range n.Content {
		cs, a := plainShape(c, depth+1)
		if a {
			return shape{}, true
		}
		s.nodes += cs.nodes
		s.depth = max(s.depth, cs.depth)
	}
	s.depth++
	return s, false
}

// maxBy returns the first of nodes with the largest f.
func maxBy(nodes []*yaml.Node, f func(*yaml.Node) int) *yaml.Node {
	best := nodes[0]
	for _, c := range nodes[1:] {
		if f(c) > f(best) {
			best = c
		}
	}
	return best
}

// countText writes a node count for a message.
func countText(n int) string {
	if n > MaxYAMLNodes {
		return fmt.Sprintf("more than %d", MaxYAMLNodes)
	}
	return fmt.Sprint(n)
}
