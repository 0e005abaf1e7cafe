#!/usr/bin/env bash
# HTTP throughput of the real OFREP endpoint: starts the controller on loopback with a temporary SQLite store and a
# policy for the flag `bench-flag`, then drives `POST /ofrep/v1/evaluate/flags/bench-flag` with wrk (a different
# targeting key on every request, see ofrep-load.lua) for a bounded time, and prints requests per second, latency
# percentiles, and the server's CPU time per request. It does that RUNS times, each with a fresh server process and its
# own warm-up, and prints the spread (min / median / max) over the runs. Results and how to read them:
# docs/benchmarks.md.
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/ofrep-load.sh
# Settings (environment variables):
#   RUNS=5             measured runs, each on a newly started server
#   DURATION=15        measured seconds of each run
#   WARMUP=60          unmeasured seconds of load before each run's measurement, in slices of WARMUP_SLICE seconds
#   WARMUP_SLICE=5     whose requests per second and CPU per request are printed, to show the warm-up has levelled off
#   CONNECTIONS=32     concurrent keep-alive connections
#   THREADS=1          wrk threads
#   SERVER_CPUS=1      CPUs the controller is pinned to (taskset list); empty: not pinned
#   LOAD_CPUS=0        CPUs wrk is pinned to; empty: not pinned
#   LOG_LEVEL=         if set (e.g. Warning), overrides the controller's log level for Microsoft.AspNetCore
#   CONTROLLER_DIR=    an existing `dotnet publish src/RolloutController -c Release -o DIR` to run; otherwise the
#                      checkout is published to a temporary directory (nothing is written into the checkout)
#   KEEP_LOG=DIR       if set, the servers' logs are copied there
# Why 60 s of warm-up: the runtime first runs methods unoptimized and moves the hot ones to fully optimized code in the
# background, later while methods are still being compiled for the first time, and ten times later in a process that
# sees one CPU (the server is pinned to one). In warm-ups printed slice by slice, the server's CPU per request stayed at
# 64-114 us for the first 20-35 s, then dropped within one 5 s slice to 43-53 us and stayed there: a 5 s warm-up
# measured the first level (1.5-2.4x), and 30 s was not always enough. The slices show the drop on the machine at hand.
# Nothing but 127.0.0.1 is contacted. Prometheus need not run: the controller is pointed at a closed loopback port,
# its guardrail queries fail, and the rollout holds at its first stage (50%), which is what is being served.
set -euo pipefail

RUNS=${RUNS:-5}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-60}
WARMUP_SLICE=${WARMUP_SLICE:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SERVER_CPUS=${SERVER_CPUS-1}
LOAD_CPUS=${LOAD_CPUS-0}
LOG_LEVEL=${LOG_LEVEL:-}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$here/bench-lib.sh"

bench_install_if_missing wrk wrk
bench_require curl
bench_require dotnet
{ [ -z "$SERVER_CPUS" ] && [ -z "$LOAD_CPUS" ]; } || bench_require taskset util-linux

tmp=$(mktemp -d)
cleanup() {
  bench_stop "${bench_controller_pid:-}"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/logs"
bench_policy "$tmp/policies" "OFREP load measurement" 1h
bench_controller_app "$(bench_controller_dir "$tmp")"
log_env=()
[ -z "$LOG_LEVEL" ] || log_env=("Logging__LogLevel__Microsoft.AspNetCore=$LOG_LEVEL")

# start_server N: a fresh controller (new database) on a free port, waiting until bench-flag is served.
start_server() {
  base="http://127.0.0.1:$(bench_free_port)"
  bench_controller_start "$tmp" "$base" "$tmp/logs/server-$1.log" "$SERVER_CPUS" "${log_env[@]}"
  bench_controller_wait "$base" "$tmp/logs/server-$1.log"
}
load() { bench_wrk "$LOAD_CPUS" "$THREADS" "$CONNECTIONS" "$1" ofrep "$base" "$2"; } # load SECONDS OUTPUT

results="$tmp/results.tsv"
printf 'run\trps\tp50_us\tp90_us\tp99_us\tcpu_us_per_request\trss_kb\terrors\tloadavg\n' >"$results"
echo "==> $RUNS runs: ${WARMUP} s warm-up + ${DURATION} s measured each, ${CONNECTIONS} connections, ${THREADS} wrk thread(s)," \
  "server CPUs ${SERVER_CPUS:-all}, wrk CPUs ${LOAD_CPUS:-all}, AspNetCore log level ${LOG_LEVEL:-default}"
for run in $(seq 1 "$RUNS"); do
  start_server "$run"
  echo "==> run $run: server pid $bench_controller_pid on $base"
  warmed=0
  while [ "$warmed" -lt "$WARMUP" ]; do
    slice=$((WARMUP - warmed < WARMUP_SLICE ? WARMUP - warmed : WARMUP_SLICE))
    before=$(bench_cpu_ticks "$bench_controller_pid")
    load "$slice" "$tmp/warmup.txt"
    after=$(bench_cpu_ticks "$bench_controller_pid")
    warmed=$((warmed + slice))
    cpu_us=$(bench_cpu_us_per_request "$before" "$after" "$(bench_wrk_value "$tmp/warmup.txt" requests requests)")
    echo "    warm-up to ${warmed} s: $(bench_wrk_value "$tmp/warmup.txt" requests rps) req/s, $cpu_us us CPU per request"
  done
  before=$(bench_cpu_ticks "$bench_controller_pid")
  load "$DURATION" "$tmp/wrk.txt"
  after=$(bench_cpu_ticks "$bench_controller_pid")
  requests=$(bench_wrk_value "$tmp/wrk.txt" requests requests)
  errors=$(awk '/^result errors/ { s = 0; for (i = 3; i <= NF; i++) { split($i, kv, "="); s += kv[2] } print s }' "$tmp/wrk.txt")
  row=("$run" "$(bench_wrk_value "$tmp/wrk.txt" requests rps)" "$(bench_wrk_value "$tmp/wrk.txt" latency_us p50)"
    "$(bench_wrk_value "$tmp/wrk.txt" latency_us p90)" "$(bench_wrk_value "$tmp/wrk.txt" latency_us p99)"
    "$(bench_cpu_us_per_request "$before" "$after" "$requests")"
    "$(awk '/^VmRSS/ {print $2}' "/proc/$bench_controller_pid/status")" "$errors" "$(bench_loadavg)")
  (IFS=$'\t'; echo "${row[*]}") >>"$results"
  echo "    measured ${DURATION} s: ${row[1]} req/s, p50 ${row[2]} us, p90 ${row[3]} us, p99 ${row[4]} us," \
    "${row[5]} us CPU per request, ${row[6]} kB resident, ${errors} errors (load average ${row[8]})"
  bench_stop "$bench_controller_pid"
done

[ -z "${KEEP_LOG:-}" ] || { mkdir -p "$KEEP_LOG" && cp "$tmp"/logs/*.log "$results" "$KEEP_LOG/"; }
echo "==> spread over $RUNS runs (min / median / max)"
for column in 2:rps 3:p50_us 4:p90_us 5:p99_us 6:cpu_us_per_request 7:rss_kb 8:errors; do
  printf 'result %s ' "${column#*:}"
  tail -n +2 "$results" | cut -f"${column%%:*}" | sort -g | awk '{ v[NR] = $1 } END {
    printf "min=%s median=%s max=%s\n", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'
done
bench_result_machine "(other processes compete for the CPUs when above ~0)"
echo "result server_log lines=$(cat "$tmp"/logs/server-*.log | wc -l) errors=$(cat "$tmp"/logs/server-*.log | grep -c -E ' (fail|crit):' || true)"
echo "==> per-run table:"
column -t -s $'\t' "$results" 2>/dev/null || cat "$results"
