// Package shell is pc2devenv's one layer over bash syntax: the one
// configuration of mvdan.cc/sh's parser (Parse), a per-project Cache
// through which every command is parsed once and its tree shared by
// every step that reads it (the readers, the service rules, lowering and
// its checks), the check of what bash -n rejects (BashSyntax), the
// printing of a node without the comments the parser keeps (Print), and
// the one function that quotes a string as a bash word (Quote, with
// EscapeDouble for the inside of double quotes).
//
// Every command pc2devenv parses comes from a file someone else wrote.
// The parser, and the walks over its trees, recurse once per level of
// nesting — brackets, pipes, "&&", keywords, function declarations — and
// some of the work on nested words grows with the square of the depth: a
// command of a million "$(" takes hours, and a few hundred thousand
// nested "case" overflow the stack, which is a crash no recover catches.
// So every parse goes through Parse, which refuses such commands first
// (Check); a command it refuses is treated as one bash cannot parse:
// kept as written, without analysis.
package shell
