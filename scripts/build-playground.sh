#!/usr/bin/env bash
# Builds the browser playground into OUTDIR, a static site that any static
# host serves: the converter compiled to WebAssembly (pc2devenv.wasm, from
# web/playground/wasm), Go's wasm_exec.js that runs it, the page
# (web/playground), and the before-and-after examples of the README and
# docs/sources.md as its samples.
#
#   scripts/build-playground.sh OUTDIR
#
# The GitHub Pages workflow (.github/workflows/pages.yml) and the browser
# test (web/playground) run this script.
set -euo pipefail
if (($# != 1)); then
	echo "usage: scripts/build-playground.sh OUTDIR" >&2
	exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$out/pc2devenv.wasm" ./web/playground/wasm
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out/"
cp web/playground/index.html web/playground/playground.js web/playground/style.css "$out/"
# The samples, as playground.js names them.
for f in seed-basic/process-compose.yml readme-procfile/Procfile readme-makefile/Makefile; do
	mkdir -p "$out/samples/$(dirname "$f")"
	cp "testdata/golden/$f" "$out/samples/$f"
done
