package ir

// Loading process-compose projects the way process-compose does: several
// files, extends, merge rules, templates, replicas, and the load-time
// checks process-compose makes.
const (
	IDZeroOverride      ID = "PC030" // a later file's zero value does not override
	IDEnvMergeDrop      ID = "PC031" // process-compose drops an env entry when merging
	IDExtendsFile       ID = "PC032" // a top-level extends that cannot be followed
	IDExtendsProcess    ID = "PC033" // a process-level extends that cannot be resolved
	IDTemplate          ID = "PC034" // a template process-compose cannot render
	IDTemplateNoValue   ID = "PC035" // a template renders "<no value>"
	IDTemplateEnv       ID = "PC036" // a ${VAR} inside a template action
	IDLogReadyNoLine    ID = "PC037" // process_log_ready on a process without ready_log_line
	IDReadyLogLineProbe ID = "PC038" // ready_log_line together with a readiness probe
	IDDisabledDep       ID = "PC039" // a dependency on a disabled process
	IDEntrypointIgnored ID = "PC040" // entrypoint beside command
	IDBadEnum           ID = "PC041" // a value outside a fixed set process-compose refuses
	IDReplicaConflict   ID = "PC042" // schedule or watch with several replicas
	IDSendKeys          ID = "PC043" // shutdown.send_keys without a terminal
	IDExitCode          ID = "PC044" // a success exit code outside 0–255
	IDProbePerReplica   ID = "PC045" // a templated probe rendered once per replica
	IDExtendedDir       ID = "PC046" // processes of an extended file run in its directory
	IDSeveralFiles      ID = "PC047" // a directory holds several process-compose files
	IDLogLevel          ID = "PC048" // an unknown log_level
	IDIsDisabled        ID = "PC049" // is_disabled that is neither "true" nor "false"
	// IDTemplateEnvFallback is {{ or "${X}" .V }} kept for run time as
	// ${X:-v}.
	IDTemplateEnvFallback ID = "PC050"
)
