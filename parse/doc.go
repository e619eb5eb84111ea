// Package parse reads the files a project runs its development environment
// from — process-compose.yml, Procfile and .env, Makefile — into an
// ir.Project.
//
// Readers keep the source position of every value, report every key they
// do not understand, and never print or exit: they return the project and
// a list of diagnostics. A diagnostic of Error severity means the file
// cannot be converted; the project returned beside it is incomplete.
//
// There is one entry point per format:
//
//   - ProcessCompose reads one process-compose file, and
//     ProcessComposeFiles several, merged as process-compose -f merges
//     them, with the files they extend (PCOptions.ReadFile reads those).
//   - Procfile reads a Procfile as foreman runs it; Dotenv reads a .env
//     file in foreman's or process-compose's dialect, and DotenvProject
//     turns the .env files of a project into the model's Dotenv.
//   - Makefile reads a Makefile as GNU make does.
//
// None of them reads a file by itself: the caller passes the content, and
// a function to read the files a source names, so that a reader can be
// used on sources held in memory. Package convert finds a project's files
// and calls them.
package parse
