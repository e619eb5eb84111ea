// Package compose reads docker-compose projects the way compose-go v2
// (the loader docker compose uses) reads them, keeping the position of
// every value: the files docker compose finds (Find, Names) or that are
// named, interpolation from the project's .env only, the merge rules,
// !reset and !override, extends, include, profiles, YAML anchors and
// merge keys, the short and long syntaxes, and the checks that make
// docker compose refuse a file. What compose refuses only because this
// machine lacks a variable or an uncommitted file is a warning naming
// what must be set; what is wrong in the file itself is an error.
//
// The model (Project) keeps, for every string, the value compose-go
// makes of it and the text as written with its ${...} references, so
// that a converter can decide structural things from .env values without
// copying them into its output.
package compose
