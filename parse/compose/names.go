package compose

import (
	yaml "go.yaml.in/yaml/v4"
)

// Names are the file names docker compose looks for in a project
// directory, in its order of preference: the compose files, then the
// override files it loads after the first compose file found.
var Names = []string{
	"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
	"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml",
}

// Find chooses a directory's compose files as docker compose does: the
// first of compose.yaml, compose.yml, docker-compose.yml and
// docker-compose.yaml that exists, then the first override file that
// exists (compose.override.yml, compose.override.yaml,
// docker-compose.override.yml, docker-compose.override.yaml). skipped are
// the other candidates present, which docker compose does not read.
func Find(exists func(name string) bool) (main, override string, skipped []string) {
	for _, n := range Names[:4] {
		if !exists(n) {
			continue
		}
		if main == "" {
			main = n
		} else {
			skipped = append(skipped, n)
		}
	}
	if main == "" {
		return "", "", nil
	}
	for _, n := range Names[4:] {
		if !exists(n) {
			continue
		}
		if override == "" {
			override = n
		} else {
			skipped = append(skipped, n)
		}
	}
	return main, override, skipped
}

// Sniff reports whether content is a docker-compose file: YAML whose top
// level has services, and no processes (a process-compose file).
func Sniff(content []byte) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(content, &doc); err != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false
	}
	services := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "processes":
			return false
		case "services":
			services = true
		}
	}
	return services
}
