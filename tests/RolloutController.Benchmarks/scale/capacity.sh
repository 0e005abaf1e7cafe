#!/usr/bin/env bash
# Scale benchmark, capacity: the largest number of rollouts that still meets the lag goal at a given interval and
# Prometheus latency. The goal (checked by run.sh's report): round lag p99 at most 5% of the interval, every rollout
# measured every interval (no stretch without a round longer than the interval plus 5%), no round firing merged into
# another, no late round. Doubles N from N_START while the goal is met, then bisects between the last N that met it and
# the first that did not, until they are within PRECISION of each other.
#
# SLOW: every try is a whole run.sh run (start-up, settle, window): about a minute at 1,000 rollouts and several at
# 10,000, and a search takes 6 to 12 tries. Run it on a quiet machine; under load the answer is the machine's, not the
# controller's.
#
# Usage (from anywhere): INTERVAL=10s LATENCY=100ms tests/RolloutController.Benchmarks/scale/capacity.sh
# Settings (environment variables), besides run.sh's (INTERVAL, LATENCY, MAXQ, MAX_ROUNDS, REPLICAS, STORE, ...):
#   WINDOW=120s        measured window of each try
#   N_START=1000       first N tried
#   N_MAX=64000        no N above this is tried
#   PRECISION=0.1      stop when the first failing N is within this fraction above the last passing one
#   OUT=               directory for every try's results (kept); default a new /tmp/rollout-capacity.XXXXXX
# Output: one line per try, then the answer; OUT/capacity.tsv has one row per try (run.sh's summary columns).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../bench-lib.sh
. "$here/../bench-lib.sh"

export WINDOW=${WINDOW:-120s}
N_START=${N_START:-1000}
N_MAX=${N_MAX:-64000}
PRECISION=${PRECISION:-0.1}
bench_require dotnet

out=${OUT:-$(mktemp -d /tmp/rollout-capacity.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
builds=$(mktemp -d "$out/builds.XXXXXX")
trap 'rm -rf "$builds"; echo "==> results and logs: $out"' EXIT

# Built once for every try.
CONTROLLER_DIR=$(bench_controller_dir "$builds")
SCALEBENCH_DIR=$(bench_scalebench_dir "$builds")
export CONTROLLER_DIR SCALEBENCH_DIR

# field SUMMARY.TSV NAME: one column of a run's summary row.
field() { awk -F'\t' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } NR == 2 && c { print $c }' "$1"; }

tries=0
# try N: runs run.sh with N rollouts; succeeds when the goal was met.
try() {
  local n=$1 dir="$out/n-$1"
  tries=$((tries + 1))
  echo "==> try $tries: N=$n (interval ${INTERVAL:-10s}, latency ${LATENCY:-0ms}, window $WINDOW; log: $dir/run.log)"
  mkdir -p "$dir"
  if ! N=$n OUT=$dir "$here/run.sh" >"$dir/run.log" 2>&1; then
    echo "    run failed (counted as missing the goal): $(grep -m1 '^error:' "$dir/run.log" || tail -1 "$dir/run.log")"
    return 1
  fi
  [ -s "$out/capacity.tsv" ] || head -1 "$dir/summary.tsv" >"$out/capacity.tsv"
  tail -1 "$dir/summary.tsv" >>"$out/capacity.tsv"
  echo "    goal met: $(field "$dir/summary.tsv" goal_met); lag p99 $(field "$dir/summary.tsv" round_lag_p99_s)s;" \
    "not measured every interval: $(field "$dir/summary.tsv" not_measured_every_interval);" \
    "merged: $(field "$dir/summary.tsv" firings_merged); late: $(field "$dir/summary.tsv" rounds_late);" \
    "CPU $(field "$dir/summary.tsv" cpu_cores) cores; $(field "$dir/summary.tsv" goal_misses)"
  [ "$(field "$dir/summary.tsv" goal_met)" = yes ]
}

pass=0
fail=0
n=$N_START
# Doubling up from N_START while the goal is met, or halving down while it is not.
if try "$n"; then
  pass=$n
  while [ $((n * 2)) -le "$N_MAX" ]; do
    n=$((n * 2))
    if try "$n"; then pass=$n; else fail=$n; break; fi
  done
else
  fail=$n
  while [ "$n" -gt 10 ]; do
    n=$((n / 2))
    if try "$n"; then pass=$n; break; else fail=$n; fi
  done
fi

# Bisecting between them.
if [ "$pass" -gt 0 ] && [ "$fail" -gt 0 ]; then
  while awk -v p="$pass" -v f="$fail" -v x="$PRECISION" 'BEGIN { exit !(f - p > x * p && f - p > 1) }'; do
    n=$(((pass + fail) / 2))
    if try "$n"; then pass=$n; else fail=$n; fi
  done
fi

echo
if [ "$pass" -eq 0 ]; then
  echo "result: no N tried met the goal (smallest tried: $fail) at interval ${INTERVAL:-10s}, latency ${LATENCY:-0ms}"
elif [ "$fail" -eq 0 ]; then
  echo "result: every N tried met the goal, up to $pass (N_MAX=$N_MAX) at interval ${INTERVAL:-10s}, latency ${LATENCY:-0ms}"
else
  echo "result: largest N meeting the goal: $pass (first miss: $fail) at interval ${INTERVAL:-10s}, latency ${LATENCY:-0ms}, $tries tries"
fi
