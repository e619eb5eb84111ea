package ir

// Service rules (package rules): a process that runs a database or other
// infrastructure becomes a devenv service.
const (
	IDServiceConverted   ID = "PC200" // a process became a devenv service
	IDServiceDropped     ID = "PC201" // a setting the service makes unneeded was left out
	IDServiceKept        ID = "PC202" // a recognised service stays a process
	IDServiceForced      ID = "PC203" // --force-services converted what the service cannot express
	IDServiceNoReadiness ID = "PC204" // process_healthy on a service without a readiness probe
	IDComposeUp          ID = "PC205" // docker compose starts services the converter does not read
	IDKeepUnused         ID = "PC206" // --keep names no process or service
	IDServiceCarried     ID = "PC207" // a setting moved onto the service's process
	IDServicePackage     ID = "PC208" // the package chosen, or not, from an image tag
	IDServiceWrapper     ID = "PC209" // a wrapper script was replaced by the service
	IDServiceNeeds       ID = "PC210" // the service needs more than the converter can write
	IDServiceEnvRef      ID = "PC211" // a service option refers to a variable of .env as config.env.NAME
	IDHostRewritten      ID = "PC212" // a compose host name and port became localhost and the service's port
	IDHostNotRewritten   ID = "PC213" // a compose host name that cannot be rewritten (an env_file, an unknown port)
)
