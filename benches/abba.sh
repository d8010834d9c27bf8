#!/usr/bin/env bash
# Compares two materia binaries (or one binary under two environments) on one site, in
# A-B-B-A rounds: timing fixed A-then-B pairs favours whichever runs second (by 2-3 % at
# 10,000 generated articles and 7-8 % at 1,000 on a 2-core machine, measured with the same
# binary as both), and a round that runs each first and last in turn cancels that out.
#
#   benches/abba.sh ROUNDS SITE BIN_A BIN_B [ENV_A [ENV_B]]
#   benches/abba.sh 8 /dev/shm/materia-bench-1-10000/site old/materia target/release/materia
#   benches/abba.sh 8 SITE target/release/materia target/release/materia X=1 MATERIA_SKIP_SEARCH_INDEX=1
#
# SITE is a site folder, such as the one `MATERIA_BENCH_KEEP=1 cargo bench --bench build`
# leaves. Prints each round's ratio (B1 + B2) / (A1 + A2), their median, and each side's
# median build time. Outputs go to a temporary folder under TMPDIR, deleted at the end.
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
rounds=$1 site=$2 bin_a=$3 bin_b=$4 env_a=${5:-MATERIA_ABBA=a} env_b=${6:-MATERIA_ABBA=b}
out=$(mktemp -d "${TMPDIR:-/tmp}/materia-abba-XXXXXX")
trap 'rm -rf "$out"' EXIT

# One build's wall time in milliseconds, into a fresh output folder.
one() {
  rm -rf "$out/public"
  local start end
  start=$(date +%s%N)
  env "$1" "$2" build --root "$site" --out "$out/public" --quiet
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

ratios=() times_a=() times_b=()
for _ in $(seq "$rounds"); do
  a1=$(one "$env_a" "$bin_a")
  b1=$(one "$env_b" "$bin_b")
  b2=$(one "$env_b" "$bin_b")
  a2=$(one "$env_a" "$bin_a")
  times_a+=("$a1" "$a2")
  times_b+=("$b1" "$b2")
  ratios+=("$(awk -v a="$((a1 + a2))" -v b="$((b1 + b2))" 'BEGIN { printf "%.3f", b / a }')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "round ratios B/A: ${ratios[*]}"
echo "median B/A: $(median "${ratios[@]}"); A median $(median "${times_a[@]}") ms, B median $(median "${times_b[@]}") ms"
