#!/usr/bin/env bash
# bench-monorepo.sh N [N ...] — time pc2devenv on synthetic monorepos.
#
# For each N, generates a monorepo of N projects (100 per directory) whose
# process-compose.yml files are the golden inputs that convert (the
# process-compose.yml of each case of testdata/golden with an expected
# devenv2.nix), in turn, and measures wall time and peak RSS of:
#
#   cat-ing the sources (find | xargs cat): the floor for a fresh tree
#   convert -r -w on the fresh tree (writes N devenv.nix files)
#   cat-ing the sources and the devenv.nix files: the floor for the rest
#   convert -r -w again (nothing to write)
#   diff -r on the up-to-date tree
#
# and, once, one typical project converted by one process against a Go
# hello-world binary measured the same way (the process floor).
#
# Each measurement runs REPEAT times (default 5); the best and the median
# are printed. Other load on the machine shows in the median more than in
# the best. Wall time comes from the shell's clock, peak RSS from
# /usr/bin/time (Debian: apt-get install time).
#
# Environment: REPEAT (default 5), KEEP=1 keeps the temporary directory,
# JOBS passes -j to pc2devenv, TMPDIR says where the trees go (their file
# system matters: TMPDIR=/dev/shm measures without the disk).
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# == 0)); then
	echo "usage: $0 N [N ...]   (e.g. $0 10000, or $0 5000 10000 20000 to see growth)" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "$0: /usr/bin/time is needed for peak RSS (Debian: apt-get install time)" >&2
	exit 2
fi
repeat=${REPEAT:-5}
jobs=()
[[ -n ${JOBS:-} ]] && jobs=(-j "$JOBS")

tmp=$(mktemp -d)
if [[ -z ${KEEP:-} ]]; then
	trap 'rm -rf "$tmp"' EXIT
else
	echo "keeping $tmp"
fi

# pc2devenv needs no C: built without cgo it is a static binary, like the
# hello-world (with cgo, pflag's import of net links libc dynamically,
# which costs a millisecond at every start).
CGO_ENABLED=0 go build -o "$tmp/pc2devenv" ./cmd/pc2devenv
# The golden cases, as directories (each case is a txtar archive).
go run ./internal/golden/extract testdata/golden "$tmp/golden"
mkdir -p "$tmp/hello"
cat >"$tmp/hello/main.go" <<'EOF'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
EOF
(cd "$tmp/hello" && go mod init hello >/dev/null 2>&1 && CGO_ENABLED=0 go build -o "$tmp/hello-world" .)
# PC2DEVENV=BINARY measures another build (such as main's, for before-and-after figures).
pc="${PC2DEVENV:-$tmp/pc2devenv}"
# The floor programs (scripts/benchfloor): read and write back atomically,
# read only, and read into a yaml.Node, one worker per CPU.
CGO_ENABLED=0 go build -o "$tmp/benchfloor" ./scripts/benchfloor
floorbin="$tmp/benchfloor"

# The golden inputs that convert on their own, as the generated projects
# hold them (one that extends a file beside it does not).
inputs=()
mkdir -p "$tmp/alone"
for f in "$tmp"/golden/*/process-compose.yml; do
	[[ -f "$(dirname "$f")/devenv2.nix" ]] || continue
	cp "$f" "$tmp/alone/process-compose.yml"
	"$pc" convert "$tmp/alone" >/dev/null 2>&1 && inputs+=("$f")
done

# gen-monorepo ROOT N FILE... writes the monorepo: one process, rather
# than two per project.
mkdir -p "$tmp/gen"
cat >"$tmp/gen/main.go" <<'EOF'
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	root := os.Args[1]
	n, _ := strconv.Atoi(os.Args[2])
	var inputs [][]byte
	for _, f := range os.Args[3:] {
		b, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		inputs = append(inputs, b)
	}
	for i := 0; i < n; i++ {
		d := filepath.Join(root, fmt.Sprintf("g%03d", i/100), fmt.Sprintf("p%05d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(filepath.Join(d, "process-compose.yml"), inputs[i%len(inputs)], 0o644); err != nil {
			panic(err)
		}
	}
}
EOF
(cd "$tmp/gen" && go mod init gen >/dev/null 2>&1 && CGO_ENABLED=0 go build -o "$tmp/gen-monorepo" .)

# now_ns prints the clock in nanoseconds.
now_ns() { date +%s%N; }

# measure NAME CMD...: runs CMD $repeat times (after PREP, if set, each
# time; @TREE@ in CMD stands for $tree, which PREP may set), and prints the
# best and median wall time and the peak RSS.
measure() {
	local name=$1
	shift
	local times=() rss=0 t0 t1 r
	for ((i = 0; i < repeat; i++)); do
		[[ -n ${PREP:-} ]] && eval "$PREP"
		local args=()
		for a in "$@"; do args+=("${a//@TREE@/${tree:-}}"); done
		t0=$(now_ns)
		/usr/bin/time -f '%M' -o "$tmp/rss" "${args[@]}" >/dev/null 2>"$tmp/stderr" || {
			local rc=$?
			if [[ ${ALLOW_FAIL:-} != 1 ]]; then
				echo "$name: exit status $rc" >&2
				tail -5 "$tmp/stderr" >&2
				exit 1
			fi
		}
		t1=$(now_ns)
		times+=($(((t1 - t0) / 1000)))
		r=$(tail -1 "$tmp/rss")
		((r > rss)) && rss=$r
	done
	report "$name" "$rss" "${times[@]}"
}

# report NAME RSS_KB MICROSECONDS...: prints best and median.
report() {
	local name=$1 rss=$2
	shift 2
	local sorted
	sorted=($(printf '%s\n' "$@" | sort -n))
	local best=${sorted[0]} median=${sorted[$((${#sorted[@]} / 2))]}
	printf '%-28s best %9.1f ms   median %9.1f ms   peak RSS %6.1f MB\n' \
		"$name" "$(bc -l <<<"$best/1000")" "$(bc -l <<<"$median/1000")" "$(bc -l <<<"$rss/1024")"
	last_best=$best
}

# paired NAME_A NAME_B: runs $repeat pairs of commands, A then B, given as
# the arrays pa and pb (with @I@ standing for the pair's index), and prints
# the best and median of each and the range and median of the ratios B/A
# within each pair: load from other jobs affects both of a pair alike.
paired() {
	local na=$1 nb=$2 ta=() tb=() rs=() t0 t1 t2 i a b
	for ((i = 0; i < repeat; i++)); do
		local ca=() cb=()
		for a in "${pa[@]}"; do ca+=("${a//@I@/$i}"); done
		for b in "${pb[@]}"; do cb+=("${b//@I@/$i}"); done
		t0=$(now_ns)
		"${ca[@]}" >/dev/null 2>&1 || { echo "$na: failed" >&2; exit 1; }
		t1=$(now_ns)
		"${cb[@]}" >/dev/null 2>"$tmp/stderr" || [[ ${ALLOW_FAIL:-} == 1 ]] || { echo "$nb: failed" >&2; tail -5 "$tmp/stderr" >&2; exit 1; }
		t2=$(now_ns)
		ta+=($(((t1 - t0) / 1000)))
		tb+=($(((t2 - t1) / 1000)))
		rs+=("$(bc -l <<<"scale=2; ($t2 - $t1) / ($t1 - $t0)")")
	done
	report "$na" 0 "${ta[@]}"
	report "$nb" 0 "${tb[@]}"
	local sorted
	sorted=($(printf '%s\n' "${rs[@]}" | sort -n))
	echo "  ratio $nb / $na, pair by pair: ${sorted[0]}–${sorted[-1]} (median ${sorted[$((${#sorted[@]} / 2))]})"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$pc" version), $(go version | cut -d' ' -f3)"
echo

# One project, one process, against hello-world: loops of 100 runs, since
# one run takes a few milliseconds, alternating the two so that other load
# on the machine affects both alike.
one=$(dirname "$(ls "$tmp/golden/seed-hakuto-backend/process-compose.yml")")
loop() {
	local n=100 t0 t1
	t0=$(now_ns)
	for ((k = 0; k < n; k++)); do "$@" >/dev/null 2>&1; done
	t1=$(now_ns)
	echo $(((t1 - t0) / n / 1000))
}
h=() c=() hr=()
for ((i = 0; i < repeat; i++)); do
	h+=($(loop "$tmp/hello-world"))
	c+=($(loop "$pc" convert "$one"))
	hr+=("$(bc -l <<<"scale=2; ${c[-1]} / ${h[-1]}")")
done
/usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/hello-world" >/dev/null
report "hello-world (per run)" "$(tail -1 "$tmp/rss")" "${h[@]}"
hello=$last_best
/usr/bin/time -f '%M' -o "$tmp/rss" "$pc" convert "$one" >/dev/null 2>&1
report "convert one project" "$(tail -1 "$tmp/rss")" "${c[@]}"
echo "  ratio to hello-world (best): $(bc -l <<<"scale=2; $last_best/$hello")"
hr=($(printf '%s\n' "${hr[@]}" | sort -n))
echo "  ratio to hello-world, pair by pair: ${hr[0]}–${hr[-1]} (median ${hr[$((${#hr[@]} / 2))]})"
echo

for n in "$@"; do
	root="$tmp/mono-$n"
	# The fresh runs each get a tree of their own, all made beforehand:
	# deleting the devenv.nix files between runs would measure ext4's
	# allocator skipping recently deleted inodes, not a migration.
	fresh=()
	for ((i = 0; i < repeat; i++)); do
		"$tmp/gen-monorepo" "$root-$i" "$n" "${inputs[@]}"
		fresh+=("$root-$i")
	done
	# Trees of their own for the floor's writes too.
	floorfresh=()
	for ((i = 0; i < repeat; i++)); do
		"$tmp/gen-monorepo" "$root-f$i" "$n" "${inputs[@]}"
		floorfresh+=("$root-f$i")
	done
	sync
	echo "N = $n projects ($(du -sh "$root-0" | cut -f1) on disk)"
	measure "cat sources (floor)" sh -c "find '$root-0' -name process-compose.yml -print0 | xargs -0 cat"
	floor=$last_best
	k=0
	PREP='tree=${fresh[k]}; k=$((k + 1))' measure "convert -r -w (fresh)" "$pc" convert -r -w "${jobs[@]}" @TREE@
	echo "  ratio to the floor (best): $(bc -l <<<"scale=2; $last_best/$floor")"
	measure "cat sources + devenv.nix" sh -c "find '$root-0' \\( -name devenv.nix -o -name process-compose.yml \\) -print0 | xargs -0 cat"
	floor=$last_best
	measure "convert -r -w (unchanged)" "$pc" convert -r -w "${jobs[@]}" "$root-0"
	echo "  ratio to the floor (best): $(bc -l <<<"scale=2; $last_best/$floor")"
	measure "diff -r (up to date)" "$pc" diff -r "${jobs[@]}" "$root-0"
	echo "  ratio to the floor (best): $(bc -l <<<"scale=2; $last_best/$floor")"
	echo "paired, pair by pair in the same run:"
	# convert -r -w on a fresh tree against reading and writing back each
	# file atomically on another fresh tree of the same files.
	for ((i = 0; i < repeat; i++)); do
		"$tmp/gen-monorepo" "$root-w$i" "$n" "${inputs[@]}"
	done
	sync
	pa=("$floorbin" write "$root-f@I@")
	pb=("$pc" convert -r -w "${jobs[@]}" "$root-w@I@")
	paired "floor: read + write back" "convert -r -w (fresh)"
	for ((i = 0; i < repeat; i++)); do rm -rf "$root-w$i"; done
	pa=("$floorbin" cat "$root-0")
	pb=("$pc" diff -r "${jobs[@]}" "$root-0")
	paired "floor: read each file" "diff -r"
	pa=("$floorbin" yaml "$root-0")
	pb=("$pc" diff -r "${jobs[@]}" "$root-0")
	paired "floor: yaml.Node, parallel" "diff -r"
	echo
	rm -rf "${floorfresh[@]}"
	echo
	rm -rf "${fresh[@]}"
done
