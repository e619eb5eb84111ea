# A devenv module for a project already on devenv whose devenv.nix
# pc2devenv writes: a git hook, run before each commit, that fails when
# devenv.nix is out of date with the process-compose.yml, Procfile, .env or
# Makefile it is converted from, and prints the diff.
#
# devenv.nix itself is generated, so the hook lives in a module of its own.
# Copy this file to, say, nix/pc2devenv-hook/devenv.nix, and in devenv.yaml
# import it and add pc2devenv as an input:
#
#   inputs:
#     pc2devenv:
#       url: github:pc2devenv/pc2devenv
#       inputs:
#         nixpkgs:
#           follows: nixpkgs
#   imports:
#     - ./nix/pc2devenv-hook
#
# For a monorepo, make the entry "… diff -r ." to check every project.
{ pkgs, inputs, ... }:

let
  pc2devenv = inputs.pc2devenv.packages.${pkgs.stdenv.system}.default;
in
{
  git-hooks.hooks.pc2devenv-diff = {
    enable = true;
    name = "pc2devenv diff";
    description = "Check that devenv.nix is up to date with the files it is converted from.";
    package = pc2devenv;
    entry = "${pc2devenv}/bin/pc2devenv diff";
    # The check is of the whole project, whatever files changed.
    pass_filenames = false;
    always_run = true;
  };
}
