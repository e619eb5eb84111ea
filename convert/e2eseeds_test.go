package convert

import (
	"github.com/pc2devenv/pc2devenv/internal/golden"
)

// e2eSeeds are process-compose documents: the golden cases
// golden of them), and some that put hostile strings where they reach the
// output.
func e2eSeeds() (out [][]byte, fromGolden int) {
	cases, _ := golden.List(goldenDir)
	for _, c := range cases {
		if b, ok := c.File("process-compose.yml"); ok {
			out = append(out, b)
		}
	}
	fromGolden = len(out)
	for _, s := range []string{
		"processes:\n  \"a\\rb = builtins.readFile /etc/passwd; #\":\n    command: \"echo '${builtins.readFile /etc/passwd}' \\\"''${x}\\\" \\\\${ ''' '' \\\"; import /etc/x; \\\"\"\n    environment: [\"K=''${x}\", \"L=\\\"; import /etc/x; \\\"\"]\n    description: \"d\\re = 1; #\"\n",
		"disable_env_expansion: true\nprocesses:\n  web:\n    command: |\n      echo ${builtins.readFile /etc/passwd}\n      echo ''${x} $${y} \\${z}\n    working_dir: \"/srv/''${x}\"\n",
		"processes:\n  a:\n    command: \"x $$HOME $${HOME} ${HOME:-d}\"\n    log_configuration: {fields_order: [-1, 2.5]}\n",
	} {
		out = append(out, []byte(s))
	}
	return out, fromGolden
}
