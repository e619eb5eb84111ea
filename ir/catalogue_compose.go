package ir

// docker-compose (PC600–PC699, ids_compose.go).
var composeEntries = []Entry{
	{
		ID: IDComposeYAML, Name: "compose-yaml", Severity: Error,
		Summary: "the file is not valid YAML, or repeats a key",
		Explanation: `The compose file is not valid YAML, or repeats a key; docker compose refuses it.

    services:
      web: {image: nginx}
      web: {image: httpd}`,
	},
	{
		ID: IDComposeType, Name: "compose-type", Severity: Error,
		Summary: "a value has a type the compose specification does not allow",
		Explanation: `A value has a type the compose specification does not allow there; docker compose refuses the file.

    ports: 8080`,
	},
	{
		ID: IDComposeUnknownKey, Name: "compose-unknown-key", Severity: Error,
		Summary: "a key the compose specification does not define",
		Explanation: `A key the compose specification does not define; docker compose refuses the file.

    services:
      web: {imgae: nginx}`,
	},
	{
		ID: IDComposeBadValue, Name: "compose-bad-value", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "a value compose refuses: a bad port, volume, duration, enumeration",
		Explanation: `A value docker compose refuses: a bad port, volume, duration or enumeration. It is a warning when compose only warns.

    ports: ["80:80:80:80"]`,
	},
	{
		ID: IDComposeNoImage, Name: "compose-no-image", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "a service with neither image nor build",
		Explanation: `A service has neither image nor build; docker compose refuses it (a warning when its profile is not enabled).

    services:
      web: {command: serve}`,
	},
	{
		ID: IDComposeUndefinedDep, Name: "compose-undefined-dep", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "depends_on, links or network_mode names no service",
		Explanation: `depends_on, links or network_mode names no service of the project; docker compose refuses the file.

    depends_on: [databse]`,
	},
	{
		ID: IDComposeUndefinedRef, Name: "compose-undefined-ref", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "a service uses a volume, network, secret or config the file does not declare",
		Explanation: `A service uses a volume, network, secret or config the file does not declare at the top level; docker compose refuses the file.

    volumes: [data:/var/lib/db]   # no top-level volumes: data`,
	},
	{
		ID: IDComposeCycle, Name: "compose-cycle", Severity: Error,
		Summary: "services depend on each other, or extend or include each other, in a cycle",
		Explanation: `Services depend on, extend or include each other in a cycle; docker compose refuses the file.

    a: {depends_on: [b]}
    b: {depends_on: [a]}`,
	},
	{
		ID: IDComposeBadTemplate, Name: "compose-bad-template", Severity: Error,
		Summary: "a malformed ${...} that compose refuses",
		Explanation: `A ${...} is malformed; docker compose refuses the file. Write $$ for a literal $.

    command: echo ${VAR`,
	},
	{
		ID: IDComposeRequiredVar, Name: "compose-required-var", Severity: Warning,
		Summary: "${V:?message} or ${V?message} with V not in .env: compose refuses it here",
		Explanation: `${V:?message} or ${V?message} with V not in .env: docker compose refuses to load the file without V. The output keeps it as a run-time reference.

    image: app:${TAG:?set TAG}`,
	},
	{
		ID: IDComposeUnsetVar, Name: "compose-unset-var", Severity: Warning,
		Summary: "${V} with V not in .env: empty when compose loads it, kept as a run-time reference",
		Explanation: `${V} with V not in .env is empty when docker compose loads the file; the output keeps it as a run-time reference, so it takes V from the environment then.

    image: app:${TAG}`,
	},
	{
		ID: IDComposeEnvFile, Name: "compose-env-file", Severity: Error,
		Also:    []Severity{Warning},
		Summary: "an env_file that is missing or cannot be read",
		Explanation: `An env_file is missing or cannot be read; compose refuses it unless it is marked required: false (a warning).

    env_file: .env.local`,
	},
	{
		ID: IDComposeDotenv, Name: "compose-dotenv", Severity: Error,
		Summary: "a .env or env_file line compose cannot read",
		Explanation: `A line of .env or of an env_file is not one docker compose can read (an unclosed quote, a name that is not a variable name); compose refuses the file. Fix the line.

    "UNCLOSED=value`,
	},
	{
		ID: IDComposeExtends, Name: "compose-extends", Severity: Error,
		Summary: "an extends that cannot be resolved",
		Explanation: `An extends cannot be resolved: the service or file it names does not exist or is empty.

    extends: {file: base.yml, service: web}`,
	},
	{
		ID: IDComposeInclude, Name: "compose-include", Severity: Error,
		Summary: "an include that cannot be resolved",
		Explanation: `An include cannot be resolved: the file is missing or unreadable.

    include: [../shared/compose.yaml]`,
	},
	{
		ID: IDComposeEmptyValue, Name: "compose-empty-value", Severity: Warning,
		Summary: "a value left empty by an unset variable, which compose refuses",
		Explanation: `A value is left empty by an unset variable, which compose refuses where a value is required.

    image: ${IMAGE}`,
	},
	{
		ID: IDComposeVersion, Name: "compose-version", Severity: Note,
		Summary: "the obsolete top-level version",
		Explanation: `The top-level version is obsolete: docker compose ignores it. Remove it.

    version: "3.8"`,
	},
	{
		ID: IDComposeFiles, Name: "compose-files", Severity: Note,
		Summary: "which compose files of a directory were read",
		Explanation: `Which compose files of the directory were read (compose.yaml and compose.override.yaml, say), as docker compose reads them.

    compose.yaml  compose.override.yaml`,
	},
	{
		ID: IDComposeEmpty, Name: "compose-empty", Severity: Error,
		Summary: "a compose file without services",
		Explanation: `A compose file without services has nothing to convert; docker compose refuses an empty file.

    networks: {}`,
	},
	{
		ID: IDComposeExclusive, Name: "compose-exclusive", Severity: Error,
		Summary: "two keys compose allows only one of",
		Explanation: `Two keys compose allows only one of are both set; docker compose refuses the file.

    network_mode: host
    networks: [front]`,
	},
}
