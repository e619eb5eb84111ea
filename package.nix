# pc2devenv, built with nixpkgs' buildGoModule. default.nix and flake.nix
# call this file; callPackage fills in lib and buildGoModule.
{
  lib,
  buildGoModule,
  version ? "0-unstable",
  rev ? null,
}:

buildGoModule {
  pname = "pc2devenv";
  inherit version;

  # What the build reads: go.mod, go.sum and the Go files.
  src = lib.fileset.toSource {
    root = ./.;
    fileset = lib.fileset.unions [
      ./go.mod
      ./go.sum
      (lib.fileset.fileFilter (file: file.hasExt "go") ./.)
    ];
  };

  # The hash of the `go mod vendor` tree of the sources above. When go.sum
  # changes, cmd/pc2devenv's TestVendorHash fails and prints the new one,
  # which is what this prints:
  #   d=$(mktemp -d) && go mod vendor -o "$d/vendor" &&
  #   nix --extra-experimental-features nix-command hash path --sri "$d/vendor"
  vendorHash = "sha256-zUkD/m/i++X7d1dBe7ZflfokEaqECHbVn/4OM2acvQs=";

  subPackages = [ "cmd/pc2devenv" ];

  # pc2devenv needs no C: without cgo the binary is static and starts
  # faster.
  env.CGO_ENABLED = 0;

  # A source tree without .git has no VCS information for the version
  # command; these say what it is.
  ldflags = [
    "-s"
    "-w"
    "-X main.version=${version}"
  ]
  ++ lib.optional (rev != null) "-X main.revision=${rev}";

  # The tests need nix-instantiate, GNU make, foreman and the corpus beside
  # the checkout; CI runs them (.ci/run).
  doCheck = false;

  meta = {
    description = "Convert process-compose.yml, Procfile and Makefile projects to devenv.nix";
    homepage = "https://github.com/pc2devenv/pc2devenv";
    mainProgram = "pc2devenv";
  };
}
