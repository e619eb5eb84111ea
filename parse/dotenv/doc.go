// Package dotenv reads .env files in the dialect of the runner that
// loads them — foreman's (Foreman) or godotenv's, which process-compose
// uses (Godotenv) — into the variables they set (Read), and turns a
// project's .env files into the model's Dotenv, or, on request, into its
// environment (Project).
//
// A .env file holds values that may be secrets: diagnostics never quote a
// value or a line of the file, and by default the values never reach the
// model, only the files' names and the names of the variables they set.
//
// Names lists the files the runners load by default, and Match tells a
// .env file by its name; nothing tells one by its content.
package dotenv
