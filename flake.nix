{
  description = "pc2devenv: convert process-compose.yml, Procfile and Makefile projects to devenv.nix";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixpkgs-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      version = "0-unstable-" + builtins.substring 0 8 (self.lastModifiedDate or "19700101");
      rev = self.shortRev or self.dirtyShortRev or null;
      pc2devenv = pkgs: pkgs.callPackage ./package.nix { inherit version rev; };
    in
    {
      # nix run github:pc2devenv/pc2devenv -- convert
      packages = forAllSystems (pkgs: {
        pc2devenv = pc2devenv pkgs;
        default = pc2devenv pkgs;
      });

      overlays.default = final: prev: { pc2devenv = pc2devenv final; };
    };
}
