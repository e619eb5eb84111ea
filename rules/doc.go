// Package rules holds the rewrites that raise an ir.Project's level before
// it is lowered: a process that runs postgres or redis becomes a devenv
// service, and the processes that depended on it are pointed at the
// service's process. Each rule is data in one table, each decision can be
// explained, and every rule can be switched off.
//
// Apply runs the rules on a project, under Options that switch them off
// for every process (Off), for some (Keep), or that convert even what a
// service cannot fully express (Force); its Result explains each decision.
// Table holds one Rule per devenv service: the programs, wrapper scripts
// and container images that run it, and what their flags, environment
// and published ports mean as the service's options.
package rules
