// Package emit lowers an ir.Project to a devenv.nix for one Target: the
// Nix syntax tree of package emit/nix, which nix.Format prints.
//
// Emit is the entry point. It maps each process to devenv's options for
// the target — exec, cwd, env, after, ready, restart and start.enable
// under devenv 2, exec and raw process-compose keys under devenv 1 — and
// writes services, tasks, scripts and the environment. What the target
// cannot express is never dropped in silence: Emit reports it as a
// diagnostic with the source position, and leaves a
// "# TODO(pc2devenv): …" comment in the output where it would have gone.
//
// The fate of every process-compose key under every target — mapped,
// passed through, reported or consumed — is data: FateTable, which the
// table of supported keys in docs/keys.md (FateTableMarkdown) is made
// from. The fate of each key of a project (Result.Fates, which the
// --format json report lists) is decided in one place, from FateTable,
// what the reader found, what the lowering decided by a key's value, and
// the services that replaced processes.
//
// Emit assumes the rewrite rules (package rules) have run, if they are to:
// it lowers services the project already has, and never turns a process
// into one.
package emit
