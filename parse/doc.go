// Package parse reads the files a project runs its development environment
// from — process-compose.yml, Procfile and .env, Makefile — into an
// ir.Project.
//
// Readers keep the source position of every value, report every key they
// do not understand, and never print or exit: they return the project and
// a list of diagnostics. A diagnostic of Error severity means the file
// cannot be converted; the project returned beside it is incomplete.
package parse
