package ir

// RepeatsName reports whether a name occurs twice in env. It compares
// short lists pair by pair, which allocates nothing; readers of
// environments call it to skip deduplicating a list without repeats.
func RepeatsName(env []EnvVar) bool {
	if len(env) > 32 {
		seen := make(map[string]bool, len(env))
		for _, v := range env {
			if seen[v.Name] {
				return true
			}
			seen[v.Name] = true
		}
		return false
	}
	for i := range env {
		for j := range i {
			if env[i].Name == env[j].Name {
				return true
			}
		}
	}
	return false
}
