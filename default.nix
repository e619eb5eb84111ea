# Builds pc2devenv with the nixpkgs on NIX_PATH, or the one you pass:
#   nix-build            # ./result/bin/pc2devenv
#   nix-env -if .        # install it
{
  pkgs ? import <nixpkgs> { },
}:

pkgs.callPackage ./package.nix { }
