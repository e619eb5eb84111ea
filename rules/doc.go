// Package rules holds the rewrites that raise an ir.Project's level before
// it is lowered: a process that runs postgres or redis becomes a devenv
// service, and the processes that depended on it are pointed at the
// service's process. Each rule is data in one table, each decision can be
// explained, and every rule can be switched off.
package rules
