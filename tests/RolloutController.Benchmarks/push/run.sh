#!/usr/bin/env bash
# Push benchmarks: how fast a change reaches another replica and event-stream subscribers. Two controllers (A and B)
# share one PostgreSQL; one policy whose rounds come every 10 minutes, so only a command changes the flag, and
# RefreshInterval 10 minutes, so only LISTEN/NOTIFY (not the periodic refresh) can bring B the change.
#   1. replica: abort on A, then B is asked (OFREP, one request in flight) until it serves the aborted value; ROUNDS times.
#   2. sse: SUBSCRIBERS event streams on A; each change (abort / resume in turn) timed until every subscriber got its
#      refetchEvaluation event; SSE_ROUNDS times.
# Results and how to read them: docs/benchmarks.md, "Push".
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/push/run.sh
#   ROUNDS=200 SUBSCRIBERS=10000 SSE_ROUNDS=20 tests/RolloutController.Benchmarks/push/run.sh
# Settings (environment variables):
#   ROUNDS=200          replica rounds
#   SUBSCRIBERS=10000   event streams opened on A
#   SSE_ROUNDS=20       changes timed against the subscribers
#   WARMUP=30           untimed changes before each benchmark's timed ones (the controller's code warms up)
#   SSE_CLIENT=native   who holds the event streams and times them: native (sse-fanout.c, compiled with cc: one thread,
#                       epoll, a few microseconds per event) or node (push-bench.mjs itself, ~17 us of CPU per event)
#   CONTROLLER_CPUS=    taskset CPU list for controller A (e.g. 0), so it and the event-stream client do not share CPUs
#   CLIENT_CPUS=        taskset CPU list for the event-stream client (e.g. 1)
#   CONTROLLER_DIR=     an existing `dotnet publish src/RolloutController -c Release -r linux-x64 --self-contained false
#                       -o DIR` to run instead of publishing the checkout
#   OUT=                directory for the results and logs (kept); default a new /tmp/rollout-push.XXXXXX
# Output: a table on stdout and OUT/summary.json; logs in OUT/logs. Only 127.0.0.1 is contacted; every process the
# script starts is stopped when it exits.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../bench-lib.sh
. "$here/../bench-lib.sh"

ROUNDS=${ROUNDS:-200}
SUBSCRIBERS=${SUBSCRIBERS:-10000}
SSE_ROUNDS=${SSE_ROUNDS:-20}
WARMUP=${WARMUP:-30}
SSE_CLIENT=${SSE_CLIENT:-native}
TOKEN=push-bench-operator-token-0123456789
FLAG=push-bench

bench_require dotnet
bench_require curl
bench_require node nodejs
case "$SSE_CLIENT" in
  native) bench_require cc gcc ;;
  node) ;;
  *) bench_fail "SSE_CLIENT=$SSE_CLIENT: use native or node" ;;
esac
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] && [ -x "$pg_bin/pg_ctl" ] || bench_fail "PostgreSQL's server programs are required (Debian package postgresql: apt-get install postgresql)"
# Every subscriber is a socket in the client and in the controller.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((SUBSCRIBERS + 1000)) ] || bench_fail "open-file limit $(ulimit -n) is too low for $SUBSCRIBERS subscribers (ulimit -n)"

out=${OUT:-$(mktemp -d /tmp/rollout-push.XXXXXX)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/work.XXXXXX")
pids=()
cleanup() {
  local status=$?
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do bench_stop "${pids[$i]}"; done
  bench_postgres_stop "$out/logs"
  rm -rf "$work"
  echo "==> results and logs: $out"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Published as installed (README: -r linux-x64, so precompiled, ReadyToRun): a portable build spends the first minutes
# compiling, and that CPU would be counted against the first changes.
if [ -n "${CONTROLLER_DIR:-}" ]; then
  controller_dir=$(bench_controller_dir "$work")
else
  bench_publish src/RolloutController "$work/controller" -r linux-x64 --self-contained false
  controller_dir=$work/controller
fi
app=("$controller_dir/rolloutctl")
[ -x "${app[0]}" ] || app=(dotnet "$controller_dir/rolloutctl.dll")

mkdir -p "$work/policies"
cat >"$work/policies/$FLAG.yaml" <<YAML
apiVersion: rollout-controller/v1
kind: RolloutPolicy
metadata: { name: $FLAG, owner: team-bench, type: release, reason: push benchmark, removal: { criterion: never, reviewBy: 2099-01-01 } }
spec:
  flag: { key: $FLAG }
  stages: [{ weight: 100, hold: 24h }]
  analysis:
    interval: 10m
    guardrails:
      - { name: errors, query: 'vector(0)', max: 1 }
YAML

bench_postgres_start "$pg_bin" "$out/logs"
controller_env=(RolloutController__Store__Provider=postgres
  "RolloutController__Store__ConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  RolloutController__Store__RefreshInterval=00:10:00
  RolloutController__Prometheus__Url=http://127.0.0.1:9
  RolloutController__Ofrep__EventStream__MaxConnections=$((SUBSCRIBERS + 100))
  RolloutController__Api__Tokens__0__Name=bench RolloutController__Api__Tokens__0__Token=$TOKEN
  RolloutController__Api__Tokens__0__Roles__0=release-manager
  "Logging__LogLevel__Microsoft.AspNetCore=Warning")

declare -A base
for r in A B; do
  port=$(bench_free_port)
  base[$r]="http://127.0.0.1:$port"
  echo "==> controller $r on ${base[$r]} (log: $out/logs/controller-$r.log)"
  # Pinned with taskset in the same command, so $! is the controller itself (its CPU time is read from /proc).
  pin=(); [ "$r" = A ] && [ -n "${CONTROLLER_CPUS:-}" ] && pin=(taskset -c "$CONTROLLER_CPUS")
  "${pin[@]}" env "${controller_env[@]}" "${app[@]}" serve --policies "$work/policies" --urls "${base[$r]}" >"$out/logs/controller-$r.log" 2>&1 &
  pids+=($!)
  for attempt in $(seq 1 900); do
    [ "$(bench_http_code POST "${base[$r]}/ofrep/v1/evaluate/flags/$FLAG" '{"context":{"targetingKey":"u"}}')" = 200 ] && break
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -30 "$out/logs/controller-$r.log" >&2; bench_fail "controller $r exited"; }
    [ "$attempt" -lt 900 ] || bench_fail "controller $r did not serve $FLAG within 180 s"
    sleep 0.2
  done
done

load_before=$(bench_loadavg)
echo "==> replica: $ROUNDS aborts on A, each timed until B serves it"
A=${base[A]} B=${base[B]} FLAG=$FLAG TOKEN=$TOKEN ROUNDS=$ROUNDS WARMUP=$WARMUP node "$here/push-bench.mjs" replica \
  >"$out/replica.json" 2>"$out/logs/replica.log" || { cat "$out/logs/replica.log" >&2; bench_fail "replica benchmark failed"; }
echo "==> sse: $SUBSCRIBERS subscribers on A, $SSE_ROUNDS changes ($SSE_CLIENT client)"
native_client=
if [ "$SSE_CLIENT" = native ]; then
  native_client=$work/sse-fanout
  cc -O2 -o "$native_client" "$here/sse-fanout.c" || bench_fail "could not compile $here/sse-fanout.c"
fi
bench_pin "${CLIENT_CPUS:-}" env A="${base[A]}" PID_A="${pids[0]}" NATIVE_CLIENT="$native_client" FLAG=$FLAG TOKEN=$TOKEN ROUNDS=$SSE_ROUNDS WARMUP=$WARMUP \
  SUBSCRIBERS=$SUBSCRIBERS node "$here/push-bench.mjs" sse \
  >"$out/sse.json" 2>"$out/logs/sse.log" || { tail -20 "$out/logs/sse.log" >&2; bench_fail "sse benchmark failed"; }
load_after=$(bench_loadavg)
curl -sf "${base[A]}/metrics" | grep -E '^rollout_controller_(flag_change|ofrep_event_stream|event_stream_fanout|replica_sync)' >"$out/metrics-A.txt" || true
curl -sf "${base[B]}/metrics" | grep -E '^rollout_controller_(flag_change|replica_sync|store_notifications)' >"$out/metrics-B.txt" || true

node -e '
const [replica, sse] = [process.argv[1], process.argv[2]].map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const row = (what, s) => console.log(`| ${what} | ${s.n} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.max} |`);
console.log("| What | n | p50 ms | p90 ms | p99 ms | max ms |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
row("abort on A → B serves it", replica.abortToServedOnB_ms);
row(`change → one subscriber told (${sse.subscribers} subscribers, ${sse.client ?? "node"} client)`, sse.changeToSubscriberTold_ms);
row(`change → all ${sse.subscribers} subscribers told`, sse.changeToAllTold_ms);
const f = sse.controllerFanOut;
console.log(`\nThe controller alone (change published → written to all ${sse.subscribers} streams), ${f.changes} changes:`);
console.log(Object.entries(f.withinMs).sort((a, b) => Number(a[0]) - Number(b[0])).map(([ms, n]) => `≤ ${ms} ms: ${n}`).join(", "));
console.log(`CPU per change: controller ${sse.cpuPerChange_ms.controller} ms, client ${sse.cpuPerChange_ms.client} ms`);
require("fs").writeFileSync(process.argv[3], JSON.stringify({ replica, sse, loadavg: process.argv[4] }, null, 2));
' "$out/replica.json" "$out/sse.json" "$out/summary.json" "$load_before -> $load_after"
echo "load average: $load_before -> $load_after ($(nproc) CPUs)"
