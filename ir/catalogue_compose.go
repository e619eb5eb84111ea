package ir

// docker-compose (PC600–PC699, ids_compose.go).
var composeEntries = []Entry{
	{
		ID: IDComposeYAML, Name: "compose-yaml", Severity: Error,
		Summary:     "the file is not valid YAML, or repeats a key",
		Explanation: ``,
	},
	{
		ID: IDComposeType, Name: "compose-type", Severity: Error,
		Summary:     "a value has a type the compose specification does not allow",
		Explanation: ``,
	},
	{
		ID: IDComposeUnknownKey, Name: "compose-unknown-key", Severity: Error,
		Summary:     "a key the compose specification does not define",
		Explanation: ``,
	},
	{
		ID: IDComposeBadValue, Name: "compose-bad-value", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "a value compose refuses: a bad port, volume, duration, enumeration",
		Explanation: ``,
	},
	{
		ID: IDComposeNoImage, Name: "compose-no-image", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "a service with neither image nor build",
		Explanation: ``,
	},
	{
		ID: IDComposeUndefinedDep, Name: "compose-undefined-dep", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "depends_on, links or network_mode names no service",
		Explanation: ``,
	},
	{
		ID: IDComposeUndefinedRef, Name: "compose-undefined-ref", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "a service uses a volume, network, secret or config the file does not declare",
		Explanation: ``,
	},
	{
		ID: IDComposeCycle, Name: "compose-cycle", Severity: Error,
		Summary:     "services depend on each other, or extend or include each other, in a cycle",
		Explanation: ``,
	},
	{
		ID: IDComposeBadTemplate, Name: "compose-bad-template", Severity: Error,
		Summary:     "a malformed ${...} that compose refuses",
		Explanation: ``,
	},
	{
		ID: IDComposeRequiredVar, Name: "compose-required-var", Severity: Warning,
		Summary:     "${V:?message} or ${V?message} with V not in .env: compose refuses it here",
		Explanation: ``,
	},
	{
		ID: IDComposeUnsetVar, Name: "compose-unset-var", Severity: Warning,
		Summary:     "${V} with V not in .env: empty when compose loads it, kept as a run-time reference",
		Explanation: ``,
	},
	{
		ID: IDComposeEnvFile, Name: "compose-env-file", Severity: Error,
		Also:        []Severity{Warning},
		Summary:     "an env_file that is missing or cannot be read",
		Explanation: ``,
	},
	{
		ID: IDComposeDotenv, Name: "compose-dotenv", Severity: Error,
		Summary:     "a .env or env_file line compose cannot read",
		Explanation: ``,
	},
	{
		ID: IDComposeExtends, Name: "compose-extends", Severity: Error,
		Summary:     "an extends that cannot be resolved",
		Explanation: ``,
	},
	{
		ID: IDComposeInclude, Name: "compose-include", Severity: Error,
		Summary:     "an include that cannot be resolved",
		Explanation: ``,
	},
	{
		ID: IDComposeEmptyValue, Name: "compose-empty-value", Severity: Warning,
		Summary:     "a value left empty by an unset variable, which compose refuses",
		Explanation: ``,
	},
	{
		ID: IDComposeVersion, Name: "compose-version", Severity: Note,
		Summary:     "the obsolete top-level version",
		Explanation: ``,
	},
	{
		ID: IDComposeFiles, Name: "compose-files", Severity: Note,
		Summary:     "which compose files of a directory were read",
		Explanation: ``,
	},
	{
		ID: IDComposeEmpty, Name: "compose-empty", Severity: Error,
		Summary:     "a compose file without services",
		Explanation: ``,
	},
	{
		ID: IDComposeExclusive, Name: "compose-exclusive", Severity: Error,
		Summary:     "two keys compose allows only one of",
		Explanation: ``,
	},
}
