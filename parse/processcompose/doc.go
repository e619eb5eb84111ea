// Package processcompose reads process-compose files as process-compose
// (1.75 and later) loads them: one file (Read) or the files that -f names,
// merged in order (ReadFiles), with the files their top-level extends
// name, process-level extends, replicas, Go templates and load-time
// ${VAR} substitution, and the checks that make process-compose refuse a
// file.
//
// Every value keeps its position; every key is recorded in the project's
// Keys with what became of it, and a key the model has no field for is
// kept in Extra for the lowering to pass through or report. The YAML is
// walked through bounded steps (yaml.go), the known keys are a schema tree
// (schema.go), and the merge of files follows process-compose's rules
// (merge.go). A process with replicas stays one process of the model,
// with each replica's rendering of its templates where they differ
// (ir.Process.PerReplica).
//
// Names and OverrideNames list the files process-compose looks for in a
// directory, Match tells one by its name and Sniff by its content.
package processcompose
