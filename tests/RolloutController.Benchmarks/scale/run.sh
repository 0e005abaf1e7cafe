#!/usr/bin/env bash
# Scale benchmark, one run: N generated rollouts (3 guardrails each) measured every INTERVAL against a stand-in
# Prometheus that answers after LATENCY. Reports start-up time (to /readyz 200 and to OFREP serving), then over WINDOW:
# rollouts measured per interval and never, round lag p50/p99, merged and late rounds, CPU and memory, and OFREP and
# rollout-list latencies under light load. Results and how to read them: docs/benchmarks.md, "Scale".
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/scale/run.sh
#   N=1000 INTERVAL=10s LATENCY=100ms WINDOW=120s tests/RolloutController.Benchmarks/scale/run.sh
#   REPLICAS=2 N=2000 tests/RolloutController.Benchmarks/scale/run.sh        # two replicas on PostgreSQL
# Settings (environment variables):
#   N=100              rollouts (one policy file each, flags scale-00001 ...)
#   INTERVAL=10s       analysis interval of every policy
#   LATENCY=0ms        how long the stand-in Prometheus takes to answer each query
#   WINDOW=60s         measured window, after SETTLE
#   SETTLE=            wait between /readyz and the window; default two intervals (the first rounds spread over one)
#   MAXQ=              RolloutController:Prometheus:MaxConcurrentQueries; empty: the controller's default
#   MAX_ROUNDS=        RolloutController:Rounds:MaxConcurrent; empty: the controller's default
#   REPLICAS=1         2: two controllers sharing one PostgreSQL (each one's rounds are reported)
#   STORE=             sqlite or postgres; default sqlite for one replica, postgres for more
#   OFREP_RATE=20      OFREP evaluations per second during the window (open-loop, light)
#   API_CALLS=200      GET /api/v1/rollouts?limit=100 calls during the window
#   READY_TIMEOUT=900  seconds to wait for /readyz
#   CONTROLLER_CPUS=   CPUs the controller(s) are pinned to (taskset list); empty: not pinned
#   STANDIN_CPUS=      CPUs the stand-in Prometheus and the latency probe are pinned to; empty: not pinned
#   CONTROLLER_DIR=    an existing `dotnet publish src/RolloutController -c Release -o DIR` to run instead of
#                      publishing the checkout (then nothing of the controller is built)
#   SCALEBENCH_DIR=    the same for tests/RolloutController.Benchmarks/scale/ScaleBench
#   OUT=               directory for the results and logs (kept); default a new /tmp/rollout-scale.XXXXXX
#   KEEP_WORK=         if set, keep the policies, the database and the builds too
# Output: a table on stdout, and OUT/summary.json, OUT/summary.tsv; logs in OUT/logs. Nothing but 127.0.0.1 is
# contacted and every process the script starts is stopped when it exits, however it exits.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../bench-lib.sh
. "$here/../bench-lib.sh"

N=${N:-100}
INTERVAL=${INTERVAL:-10s}
LATENCY=${LATENCY:-0ms}
WINDOW=${WINDOW:-60s}
MAXQ=${MAXQ:-}
MAX_ROUNDS=${MAX_ROUNDS:-}
REPLICAS=${REPLICAS:-1}
OFREP_RATE=${OFREP_RATE:-20}
API_CALLS=${API_CALLS:-200}
READY_TIMEOUT=${READY_TIMEOUT:-900}
CONTROLLER_CPUS=${CONTROLLER_CPUS:-}
STANDIN_CPUS=${STANDIN_CPUS:-}
if [ "$REPLICAS" -gt 1 ]; then STORE=${STORE:-postgres}; else STORE=${STORE:-sqlite}; fi
interval_s=$(bench_seconds "$INTERVAL")
window_s=$(bench_seconds "$WINDOW")
settle_s=$(bench_seconds "${SETTLE:-$(awk -v i="$interval_s" 'BEGIN { print 2 * i }')}")
case "$STORE" in sqlite|postgres) ;; *) bench_fail "STORE must be sqlite or postgres (was '$STORE')" ;; esac
[ "$STORE" = postgres ] || [ "$REPLICAS" -eq 1 ] || bench_fail "REPLICAS=$REPLICAS needs STORE=postgres: on SQLite the controller is a single process"

bench_require dotnet
bench_require curl
{ [ -z "$CONTROLLER_CPUS" ] && [ -z "$STANDIN_CPUS" ]; } || bench_require taskset util-linux
pg_bin=""
if [ "$STORE" = postgres ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pg_bin" ] && [ -x "$pg_bin/pg_ctl" ] || bench_fail "PostgreSQL's server programs are required for STORE=postgres (Debian package postgresql: apt-get install postgresql)"
fi

out=${OUT:-$(mktemp -d /tmp/rollout-scale.XXXXXX)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/work.XXXXXX")
pids=()
cleanup() {
  local status=$?
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do bench_stop "${pids[$i]}"; done
  bench_postgres_stop "$out/logs"
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
  echo "==> results and logs: $out"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

controller_dir=$(bench_controller_dir "$work")
scalebench_dir=$(bench_scalebench_dir "$work")
# Arrays, not functions, so that a program started with & is the process whose pid $! gives (and cleanup stops).
scalebench=(dotnet "$scalebench_dir/scalebench.dll")
pinned_scalebench=("${scalebench[@]}")
[ -z "$STANDIN_CPUS" ] || pinned_scalebench=(taskset -c "$STANDIN_CPUS" "${scalebench[@]}")
app=("$controller_dir/rolloutctl")
[ -x "${app[0]}" ] || app=(dotnet "$controller_dir/rolloutctl.dll")

"${scalebench[@]}" policies --count "$N" --interval "$INTERVAL" --dir "$work/policies" --flags "$work/flags.txt"
last_flag=$(tail -1 "$work/flags.txt")

prom_port=$(bench_free_port)
echo "==> stand-in Prometheus on 127.0.0.1:$prom_port, latency $LATENCY (log: $out/logs/prometheus.log)"
"${pinned_scalebench[@]}" prometheus --port "$prom_port" --latency "$LATENCY" --flags "$work/flags.txt" >"$out/logs/prometheus.log" 2>&1 &
pids+=($!)
standin_pid=$!
for attempt in $(seq 1 300); do
  [ "$(bench_http_code GET "http://127.0.0.1:$prom_port/-/ready")" = 200 ] && break
  kill -0 "${pids[-1]}" 2>/dev/null || { tail -20 "$out/logs/prometheus.log" >&2; bench_fail "the stand-in Prometheus exited"; }
  [ "$attempt" -lt 300 ] || bench_fail "the stand-in Prometheus did not answer within 60 s (log: $out/logs/prometheus.log)"
  sleep 0.2
done

store_env=()
if [ "$STORE" = postgres ]; then
  # A private PostgreSQL in its own temporary directory (bench-lib.sh; OUT may not be reachable for the postgres user),
  # durability off, every replica's connections fit; its log is copied to OUT/logs on exit.
  bench_postgres_start "$pg_bin" "$out/logs"
  store_env=(RolloutController__Store__Provider=postgres
    "RolloutController__Store__ConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres")
else
  store_env=(RolloutController__Store__Provider=sqlite "RolloutController__Store__ConnectionString=Data Source=$work/controller.db")
fi

controller_env=("${store_env[@]}"
  "RolloutController__Prometheus__Url=http://127.0.0.1:$prom_port"
  # Request logging off, as the Helm chart runs the controller: at thousands of requests it is most of the CPU.
  "Logging__LogLevel__Microsoft.AspNetCore=Warning")
[ -z "$MAXQ" ] || controller_env+=("RolloutController__Prometheus__MaxConcurrentQueries=$MAXQ")
[ -z "$MAX_ROUNDS" ] || controller_env+=("RolloutController__Rounds__MaxConcurrent=$MAX_ROUNDS")

declare -A port controller_pid
params=("n=$N" "interval_s=$interval_s" "latency=$LATENCY" "window_s=$window_s" "maxq=$MAXQ" "max_rounds=$MAX_ROUNDS"
  "replicas=$REPLICAS" "store=$STORE" "controller=${CONTROLLER_DIR:-published from $bench_root}"
  "commit=$(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)")

# Starts replica R and waits until /readyz answers 200 and the last flag is served over OFREP, timing both from the
# moment the process was started.
start_replica() {
  local r=$1 started ready="" serving="" now
  port[$r]=$(bench_free_port)
  local base="http://127.0.0.1:${port[$r]}" cmd=("${app[@]}" serve --policies "$work/policies" --urls "http://127.0.0.1:${port[$r]}")
  [ -z "$CONTROLLER_CPUS" ] || cmd=(taskset -c "$CONTROLLER_CPUS" "${cmd[@]}")
  echo "==> controller $r on $base, $STORE, $N rollouts (log: $out/logs/controller-$r.log)"
  started=$(bench_now)
  # env and taskset exec the controller, so $! is the controller's own pid (for its peak memory below).
  env "${controller_env[@]}" "${cmd[@]}" >"$out/logs/controller-$r.log" 2>&1 &
  controller_pid[$r]=$!
  pids+=($!)
  while [ -z "$ready" ] || [ -z "$serving" ]; do
    kill -0 "${controller_pid[$r]}" 2>/dev/null || { tail -30 "$out/logs/controller-$r.log" >&2; bench_fail "controller $r exited"; }
    now=$(bench_now)
    [ "$(bench_elapsed "$started" "$now" | cut -d. -f1)" -lt "$READY_TIMEOUT" ] \
      || { tail -30 "$out/logs/controller-$r.log" >&2; bench_fail "controller $r not ready within ${READY_TIMEOUT}s (READY_TIMEOUT)"; }
    if [ -z "$ready" ] && [ "$(bench_http_code GET "$base/readyz")" = 200 ]; then ready=$(bench_elapsed "$started" "$(bench_now)"); fi
    if [ -z "$serving" ] && [ "$(bench_http_code POST "$base/ofrep/v1/evaluate/flags/$last_flag" '{"context":{"targetingKey":"u-1"}}')" = 200 ]; then
      serving=$(bench_elapsed "$started" "$(bench_now)")
    fi
    [ -n "$ready" ] && [ -n "$serving" ] || sleep 0.1
  done
  echo "    /readyz 200 after ${ready}s, OFREP serving $last_flag after ${serving}s"
  params+=("ready_s_$r=$ready" "ofrep_s_$r=$serving")
}

params+=("loadavg_start=$(bench_loadavg)")
for r in $(seq 1 "$REPLICAS"); do start_replica "$r"; done

echo "==> settling for ${settle_s}s (the first rounds spread over one interval)"
sleep "$settle_s"

scrape() { curl -sf --max-time 30 "http://127.0.0.1:${port[$1]}/metrics" >"$out/metrics-$1-$2.txt" || echo "warning: scrape of controller $1 failed" >&2; }
echo "==> measuring for ${window_s}s: rounds, OFREP at ${OFREP_RATE}/s, ${API_CALLS} rollout-list calls"
from=$(bench_now)
# The stand-in's own CPU time over the window: it shares the machine with the controller.
standin_ticks() { awk '{print $14 + $15}' "/proc/$standin_pid/stat"; }
standin_before=$(standin_ticks)
for r in $(seq 1 "$REPLICAS"); do scrape "$r" before; done
"${pinned_scalebench[@]}" probe --url "http://127.0.0.1:${port[1]}" --flags "$work/flags.txt" --duration "${window_s}s" \
  --ofrep-rate "$OFREP_RATE" --api-calls "$API_CALLS" --out "$out/probe.json" >"$out/logs/probe.log" 2>&1 &
probe_pid=$!
pids+=($probe_pid)
sleep "$window_s"
for r in $(seq 1 "$REPLICAS"); do scrape "$r" after; done
to=$(bench_now)
standin_after=$(standin_ticks)
wait "$probe_pid" || { cat "$out/logs/probe.log" >&2; bench_fail "the latency probe failed"; }
stats_query="from=$from&to=$to&interval=${interval_s}s&tolerance=0.05"
curl -sf --max-time 120 "http://127.0.0.1:$prom_port/stats?$stats_query" >"$out/stats.json" || bench_fail "the stand-in's /stats failed"
curl -sf --max-time 120 "http://127.0.0.1:$prom_port/stats/flags?$stats_query" >"$out/flags.tsv" || true

# Which rollouts were measured, from the controller's own store: with batched queries the stand-in cannot tell.
if [ "$STORE" = sqlite ]; then
  mapfile -t store_rounds < <(python3 "$here/store-rounds.py" "$work/flags.txt" "$from" "$to" "$interval_s" sqlite "$work/controller.db")
else
  mapfile -t store_rounds < <(PGPASSWORD= python3 "$here/store-rounds.py" "$work/flags.txt" "$from" "$to" "$interval_s" postgres \
    -h 127.0.0.1 -p "$pg_port" -U postgres postgres)
fi
params+=("${store_rounds[@]}")

for r in $(seq 1 "$REPLICAS"); do
  params+=("rss_peak_kb_$r=$(awk '/^VmHWM/ {print $2}' "/proc/${controller_pid[$r]}/status" 2>/dev/null || echo)")
  params+=("log_lines_$r=$(wc -l <"$out/logs/controller-$r.log")")
done
params+=("loadavg_end=$(bench_loadavg)" "window_from=$from" "window_to=$to"
  "standin_cpu_cores=$(awk -v a="$standin_before" -v b="$standin_after" -v t="$(getconf CLK_TCK)" -v w="$window_s" 'BEGIN { printf "%.3f", (b - a) / t / w }')")
printf '%s\n' "${params[@]}" >"$out/params.env"

echo "==> summary (also $out/summary.json, $out/summary.tsv)"
"${scalebench[@]}" report --dir "$out"
