package ir

// Service rules (PC200–PC249, ids_rules.go).
var rulesEntries = []Entry{
	{
		ID: IDServiceConverted, Name: "service-converted", Severity: Note,
		Summary:     "a process became a devenv service",
		Explanation: ``,
	},
	{
		ID: IDServiceDropped, Name: "service-dropped", Severity: Note,
		Summary:     "a setting the service makes unneeded was left out",
		Explanation: ``,
	},
	{
		ID: IDServiceKept, Name: "service-kept", Severity: Note,
		Summary:     "a recognised service stays a process",
		Explanation: ``,
	},
	{
		ID: IDServiceForced, Name: "service-forced", Severity: Warning,
		Summary:     "--force-services converted what the service cannot express",
		Explanation: ``,
	},
	{
		ID: IDServiceNoReadiness, Name: "service-no-readiness", Severity: Warning,
		Summary:     "process_healthy on a service without a readiness probe",
		Explanation: ``,
	},
	{
		ID: IDComposeUp, Name: "compose-up", Severity: Note,
		Summary:     "docker compose starts services the converter does not read",
		Explanation: ``,
	},
	{
		ID: IDKeepUnused, Name: "keep-unused", Severity: Warning,
		Summary:     "--keep names no process or service",
		Explanation: ``,
	},
	{
		ID: IDServiceCarried, Name: "service-carried", Severity: Note,
		Summary:     "a setting moved onto the service's process",
		Explanation: ``,
	},
	{
		ID: IDServicePackage, Name: "service-package", Severity: Note,
		Also:        []Severity{Warning},
		Summary:     "the package chosen, or not, from an image tag",
		Explanation: ``,
	},
	{
		ID: IDServiceWrapper, Name: "service-wrapper", Severity: Warning,
		Summary:     "a wrapper script was replaced by the service",
		Explanation: ``,
	},
	{
		ID: IDServiceNeeds, Name: "service-needs", Severity: Warning,
		Summary:     "the service needs more than the converter can write",
		Explanation: ``,
	},
}
