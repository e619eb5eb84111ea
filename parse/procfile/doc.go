// Package procfile reads a Procfile as foreman, honcho, overmind and
// hivemind read it (Read): one process per line NAME: COMMAND, each
// command kept byte for byte, with the PORT foreman gives each process,
// the variables of the project's .env files (read by package dotenv)
// replaced in the commands as foreman replaces them, and Heroku's release
// entry as a task. What foreman does differently from devenv — a command
// that relies on foreman's $NAME replacement, a Windows variant's cmd.exe
// syntax — is reported where it is.
//
// Names lists the Procfiles a directory is searched for, Match and
// Variant tell one by its name, and Sniff by its content.
package procfile
