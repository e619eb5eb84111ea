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
		Also:    []Severity{Warning, Note},
		Summary: "an env_file that is missing or cannot be read",
		Explanation: `An env_file is missing or cannot be read; compose refuses it unless it is marked required: false (a warning). An env_file that is missing and not required is only noted when the converted container would not read it.

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
	{
		ID: IDComposeContainer, Name: "compose-container", Severity: Warning,
		Summary: "a service stays a process that runs its container, which needs a container engine",
		Explanation: `No devenv service covers the service's image, so it stays a process that runs the container with docker run --rm (podman with --podman) on the host's network, so that it reaches the native services on localhost. The machine still needs a container engine; --no-containers leaves such services out instead.

    services:
      search: {image: getmeili/meilisearch:v1.7}`,
	},
	{
		ID: IDComposeNoContainers, Name: "compose-no-containers", Severity: Warning,
		Summary: "--no-containers leaves out a service that would run a container",
		Explanation: `With --no-containers, a service that would stay a container is left out of the output, and reported so that you can give it a devenv service or a package by hand.

    pc2devenv convert --no-containers compose.yaml`,
	},
	{
		ID: IDComposeBuild, Name: "compose-build", Severity: Note,
		Summary: "a service built from the project runs natively from its build context",
		Explanation: `A service with build: runs natively as a process from its build context, with its command: or the Dockerfile's ENTRYPOINT and CMD. What the Dockerfile installs (its FROM image, RUN steps) must come from devenv packages or languages instead.

    services:
      web: {build: ., command: npm run dev}`,
	},
	{
		ID: IDComposeBuildUnknown, Name: "compose-build-unknown", Severity: Warning,
		Summary: "a service built from the project whose command is not known: left out",
		Explanation: `A service with build: has no command: and its Dockerfile gives no CMD or ENTRYPOINT the converter can read, so it is left out with a TODO. Add a process with the command that starts it.

    services:
      worker: {build: ./worker}`,
	},
	{
		ID: IDComposeProfile, Name: "compose-profile", Severity: Note,
		Summary: "a service of a profile that is not enabled does not start",
		Explanation: `A service that belongs only to profiles that are not enabled is converted but does not start with the others, as docker compose up leaves it out. Pass --profile NAME to enable a profile.

    services:
      debug: {image: busybox, profiles: [debug]}`,
	},
	{
		ID: IDComposeDependsOn, Name: "compose-depends-on", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a depends_on setting devenv has no equivalent of (required: false, restart: true)",
		Explanation: `A depends_on entry's required: false or restart: true has no equivalent in devenv's process dependencies; the dependency is kept as a plain one. How each condition was mapped is noted.

    depends_on:
      db: {condition: service_healthy, restart: true}`,
	},
	{
		ID: IDComposeResource, Name: "compose-resource", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "a named volume, network, secret, config or deploy section, which devenv has no equivalent of",
		Explanation: `Named volumes, networks, secrets, configs and deploy sections have no devenv equivalent: native processes share the host's network and keep their state under .devenv/state. Secrets, configs and deploy settings are warnings, since what they gave the container is lost.

    secrets:
      api_key: {file: ./api_key.txt}`,
	},
	{
		ID: IDComposeKey, Name: "compose-key", Severity: Warning,
		Summary: "a service key the converted process cannot express",
		Explanation: `A key of a compose service that the converted process cannot express (network_mode, stop_signal, stop_grace_period, an env_file of a native process, …); a TODO marks where it would have gone.

    services:
      web: {image: nginx, stop_signal: SIGQUIT}`,
	},
	{
		ID: IDComposeLeftToOther, Name: "compose-left-to-other", Severity: Note,
		Summary: "a service built from the project, left to the project's Procfile or process-compose file",
		Explanation: `In a directory with a compose file and a Procfile or process-compose file, the compose file gives the services and the process file the processes: a compose service that builds the app is left to the process file.

    services:
      web: {build: .}`,
	},
	{
		ID: IDComposeRestart, Name: "compose-restart", Severity: Warning,
		Also:    []Severity{Note},
		Summary: "a restart policy devenv expresses only approximately",
		Explanation: `A restart policy is mapped to the process's restart settings; unless-stopped becomes always, and a policy devenv cannot express is reported.

    restart: unless-stopped`,
	},
	{
		ID: IDComposeDotenvRef, Name: "compose-dotenv-ref", Severity: Warning,
		Summary: "a .env value that refers to other variables, which devenv's dotenv does not substitute",
		Explanation: `A value in the project's .env refers to other variables. docker compose substitutes them when it reads .env; devenv's dotenv (2.2.2) loads the value as written, so the output, which refers to the variable at run time, sees the references instead. Write the value out in .env.

    ATTRIBUTES="service.version=${IMAGE_VERSION}"`,
	},
}
