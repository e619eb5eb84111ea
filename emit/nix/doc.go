// Package nix is a small syntax tree for the Nix expressions pc2devenv
// writes, and their one printer.
//
// The tree holds only what a devenv.nix needs: attribute sets with
// attribute paths, lists, strings with interpolations, numbers, booleans,
// null, paths, variable references such as pkgs.redis, function
// application (toString x), a module's function header, and comments.
//
// Print is the only code in pc2devenv that escapes strings or quotes
// attribute names. It chooses between "..." strings and indented strings
// (which two single quotes open and close) by content, following the rules checked against the real Nix evaluator,
// and lays the file out as the official formatter (nixfmt, RFC 166) does:
// two-space indentation, attribute sets that are binding values always
// expanded, lists of two or more items one item per line, and output
// bytes that depend only on the tree.
package nix
