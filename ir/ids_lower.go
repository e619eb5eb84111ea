package ir

// Lowering the long tail of process-compose keys to a devenv target.
const (
	IDShell          ID = "PC111" // a shell other than bash
	IDReplicas       ID = "PC112" // replicas unrolled or passed through
	IDEnvFile        ID = "PC113" // an env_file loaded at the start of the command
	IDDaemon         ID = "PC114" // a daemon kept in the foreground
	IDCapabilities   ID = "PC115" // is_elevated lowered to capabilities
	IDWatch          ID = "PC116" // watch settings devenv cannot express
	IDEnvCmds        ID = "PC117" // env_cmds run at the start of each command
	IDReplicaDep     ID = "PC118" // a dependency on one replica under a folded group
	IDDotenvDisabled ID = "PC119" // is_dotenv_disabled where devenv loads .env
	IDBashSyntax     ID = "PC120" // a command bash cannot parse
)
