package ir

// Service rules (PC200–PC249, ids_rules.go).
var rulesEntries = []Entry{
	{
		ID: IDServiceConverted, Name: "service-converted", Severity: Note,
		Summary: "a process became a devenv service",
		Explanation: `A process runs software devenv has a service for, so it becomes that service (services.postgres, services.redis, ...): devenv then manages its data, configuration and readiness. pc2devenv convert --explain shows the evidence. --keep NAME or --no-services keeps it a process.

    postgres:
      command: postgres -D .pgdata   # becomes services.postgres`,
	},
	{
		ID: IDServiceDropped, Name: "service-dropped", Severity: Note,
		Summary: "a setting the service makes unneeded was left out",
		Explanation: `A setting of a process that became a service is left out, because the service does it its own way (data in $DEVENV_STATE, its own address, its own restarts) or because it has no meaning there. --explain says why for each.

    command: docker run --rm -p 5432:5432 postgres   # --rm left out`,
	},
	{
		ID: IDServiceKept, Name: "service-kept", Severity: Note,
		Summary: "a recognised service stays a process",
		Explanation: `A process runs software devenv has a service for, but stays a process: the service cannot express some of its settings, or another process has the service's name. --explain gives the reason; --force-services converts it anyway, reporting what is lost.

    kafka:
      command: kafka-server-start config/server.properties`,
	},
	{
		ID: IDServiceForced, Name: "service-forced", Severity: Warning,
		Summary: "--force-services converted what the service cannot express",
		Explanation: `With --force-services, a process becomes a service although the service cannot express this setting; it is lost, and a TODO in the output says so. --keep NAME keeps the process.

    command: redis-server --loadmodule ./x.so`,
	},
	{
		ID: IDServiceNoReadiness, Name: "service-no-readiness", Severity: Warning,
		Summary: "process_healthy on a service without a readiness probe",
		Explanation: `A process waits for a service to be healthy, but the service's process has no readiness probe under the target, so the output waits for it to start instead. Give the service's process a readiness probe.

    depends_on:
      minio: {condition: process_healthy}`,
	},
	{
		ID: IDComposeUp, Name: "compose-up", Severity: Note,
		Summary: "docker compose starts services the converter does not read",
		Explanation: `The process runs docker compose; the services it starts are in a compose file, which the process-compose converter does not read, so it stays a process. Replace what it starts with devenv services.

    command: docker compose up db redis`,
	},
	{
		ID: IDKeepUnused, Name: "keep-unused", Severity: Warning,
		Summary: "--keep names no process or service",
		Explanation: `--keep names no process and no service of the project; it has no effect. Check the name.

    pc2devenv convert --keep postgress`,
	},
	{
		ID: IDServiceCarried, Name: "service-carried", Severity: Note,
		Summary: "a setting moved onto the service's process",
		Explanation: `A setting of a process that became a service is carried over to the service's process (environment, dependencies, readiness), since the service has no option for it.

    command: docker run -e MEILI_MASTER_KEY=key getmeili/meilisearch`,
	},
	{
		ID: IDServicePackage, Name: "service-package", Severity: Note,
		Also:    []Severity{Warning},
		Summary: "the package chosen, or not, from an image tag",
		Explanation: `A setting of a process that became a service chooses the service's package (an image tag, a version). It is a warning when nixpkgs has no package for it and the default package is used.

    command: docker run postgres:15   # package = pkgs.postgresql_15`,
	},
	{
		ID: IDServiceWrapper, Name: "service-wrapper", Severity: Warning,
		Summary: "a wrapper script was replaced by the service",
		Explanation: `The process ran a wrapper script named for the software; the service replaces it, so what the script did beyond starting the program is lost. Check the script, or --keep the process.

    command: ./scripts/postgres.sh`,
	},
	{
		ID: IDServiceNeeds, Name: "service-needs", Severity: Warning,
		Summary: "the service needs more than the converter can write",
		Explanation: `The service needs something the output cannot give it (a setting of the devenv.yaml, an input); the message says what.

    command: docker run elasticsearch`,
	},
	{
		ID: IDServiceEnvRef, Name: "service-env-ref", Severity: Note,
		Summary: "a service option refers to a variable of .env",
		Explanation: `A value the service needs (a password, a database name) comes from the project's .env or an env_file. The option refers to it as config.env.NAME, which devenv reads from .env when it evaluates devenv.nix (dotenv.enable); the value itself is never copied into the output unless --inline-env.

    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD}   # initialDatabases ... pass = config.env.DB_PASSWORD`,
	},
	{
		ID: IDHostRewritten, Name: "host-rewritten", Severity: Note,
		Summary: "a compose host name and port became localhost and the service's port",
		Explanation: `Inside docker compose, services reach each other by service name and container port (db:5432). Natively everything runs on localhost and each devenv service listens on one port, so the other services' environment and commands are rewritten to localhost and that port; postgres is also made to listen on TCP.

    DATABASE_URL: postgres://app@db:5432/app   # postgres://app@localhost:5432/app`,
	},
	{
		ID: IDHostNotRewritten, Name: "host-not-rewritten", Severity: Warning,
		Summary: "a compose host name the converter cannot rewrite",
		Explanation: `A process loads an env_file at run time; the converter does not copy or rewrite its values, so host names of compose services that are now devenv services stay in it and will not resolve. Edit the file to use localhost and the services' ports.

    env_file: .env.docker   # REDIS_URL=redis://cache:6379 stays`,
	},
}
