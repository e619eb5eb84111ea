// Package parse holds the readers of the files a project runs its
// development environment from, one package per source format:
//
//   - processcompose reads process-compose.yml and the files it merges;
//   - procfile reads a Procfile as foreman runs it;
//   - dotenv reads .env files in foreman's or godotenv's dialect;
//   - makefile reads a Makefile as GNU make does, up to make's database,
//     and lowers its targets to tasks, scripts and processes;
//   - compose reads docker-compose files as docker compose does (not
//     converted yet).
//
// Each reader turns a source into an ir.Project and diagnostics: it keeps
// the source position of every value, reports every key it does not
// understand, and never prints or exits. A diagnostic of Error severity
// means the file cannot be converted; the project returned beside it is
// incomplete. None reads a file by itself: the caller passes the content,
// and a function to read the files a source names, so that a reader can be
// used on sources held in memory.
//
// Each package also says which files are of its format: Names, the files
// its runner looks for in a directory, Match, whether a file's name says
// it is one, and Sniff, whether its content does. Package convert keeps
// the registry of formats built from them. What the readers share (the
// limits, text checks, did-you-mean) is internal/sourcecheck.
package parse
