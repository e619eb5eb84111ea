package rules

// Actions maps names — of a Setting's keys, or of environment variables —
// to what they become. It is a list rather than a map so that the rule
// table is laid out when the program is built: a map literal is built at
// start-up, by every run. Its lists are short, so Get's scan costs no more
// than a map's hashing; TestActionsNamesUnique keeps their names unique.
type Actions []NamedAction

// NamedAction is what the value named Name becomes.
type NamedAction struct {
	Name   string
	Action Action
}

// Get returns the action of name, and whether as has one.
func (as Actions) Get(name string) (Action, bool) {
	for i := range as {
		if as[i].Name == name {
			return as[i].Action, true
		}
	}
	return Action{}, false
}
