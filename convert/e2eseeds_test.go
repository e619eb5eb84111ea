package convert

import (
	"os"
	"path/filepath"
)

// e2eSeeds are process-compose documents: the golden cases' (the first
// golden of them), and some that put hostile strings where they reach the
// output.
func e2eSeeds() (out [][]byte, golden int) {
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*", "process-compose.yml"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	golden = len(out)
	for _, s := range []string{
		"processes:\n  \"a\\rb = builtins.readFile /etc/passwd; #\":\n    command: \"echo '${builtins.readFile /etc/passwd}' \\\"''${x}\\\" \\\\${ ''' '' \\\"; import /etc/x; \\\"\"\n    environment: [\"K=''${x}\", \"L=\\\"; import /etc/x; \\\"\"]\n    description: \"d\\re = 1; #\"\n",
		"disable_env_expansion: true\nprocesses:\n  web:\n    command: |\n      echo ${builtins.readFile /etc/passwd}\n      echo ''${x} $${y} \\${z}\n    working_dir: \"/srv/''${x}\"\n",
		"processes:\n  a:\n    command: \"x $$HOME $${HOME} ${HOME:-d}\"\n    log_configuration: {fields_order: [-1, 2.5]}\n",
	} {
		out = append(out, []byte(s))
	}
	return out, golden
}
