#!/usr/bin/env bash
# Flag evaluations per CPU-second, side by side on this machine: the controller's OFREP single-flag endpoint
# (`POST /ofrep/v1/evaluate/flags/bench-flag`) and unleash-server 8.2's frontend API
# (`GET /api/frontend?userId=…`, the flags enabled for that user: here the one flag), each serving one flag to 50% of users with a different user on
# every request. unleash-server runs from npm (tests/js/unleash) on a private PostgreSQL; the controller on SQLite. Each
# server is pinned to one CPU and loaded by wrk on the other, warmed up, then measured; its CPU time (user + sys, from
# /proc) over the measured seconds gives requests per CPU-second, which depends much less on what else the machine runs
# than requests per second. Results: docs/benchmarks.md ("OFREP and Unleash's frontend API").
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/unleash-vs-ofrep.sh
# Settings (environment variables):
#   DURATION=15        measured seconds per server
#   WARMUP=30          unmeasured seconds of load before
#   CONNECTIONS=32     concurrent keep-alive connections
#   SERVER_CPUS=1      CPU each server is pinned to; LOAD_CPUS=0: CPU wrk is pinned to
#   CONTROLLER_DIR=    an existing `dotnet publish src/RolloutController -c Release -o DIR` (else the checkout is published)
# Nothing but 127.0.0.1 is contacted (npm once, to install unleash-server, if tests/js/unleash has no node_modules).
set -euo pipefail

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPUS=${SERVER_CPUS-1}
LOAD_CPUS=${LOAD_CPUS-0}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$here/bench-lib.sh"
bench_install_if_missing wrk wrk
bench_require curl
bench_require dotnet
bench_require node nodejs
bench_require taskset util-linux
packages="$bench_root/tests/js/unleash"
[ -d "$packages/node_modules/unleash-server" ] || (cd "$packages" && npm ci --no-audit --no-fund --loglevel=error)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || bench_fail "PostgreSQL is not installed (apt-get install postgresql)"

tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do bench_stop "$pid"; done
  bench_postgres_stop "$tmp"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# measure NAME PID URL TARGET: warm-up, then DURATION seconds measured with ofrep-load.lua asking TARGET; prints one
# result line.
measure() {
  local name=$1 pid=$2 url=$3 target=$4 before after out=$tmp/wrk-$1.txt
  bench_wrk "$LOAD_CPUS" 1 "$CONNECTIONS" "$WARMUP" "$target" "$url" "$tmp/warmup-$name.txt"
  before=$(bench_cpu_ticks "$pid")
  bench_wrk "$LOAD_CPUS" 1 "$CONNECTIONS" "$DURATION" "$target" "$url" "$out"
  after=$(bench_cpu_ticks "$pid")
  awk -v n="$name" -v r="$(bench_wrk_value "$out" requests requests)" -v s="$(bench_wrk_value "$out" requests seconds)" \
    -v cpu="$(bench_cpu_seconds "$before" "$after")" -v p50="$(bench_wrk_value "$out" latency_us p50)" \
    -v p99="$(bench_wrk_value "$out" latency_us p99)" -v e="$(bench_wrk_value "$out" errors non2xx)" 'BEGIN {
      printf "result %s requests=%d rps=%.0f cpu_s=%.2f requests_per_cpu_s=%.0f p50_us=%d p99_us=%d non2xx=%d\n",
        n, r, r / s, cpu, (cpu > 0 ? r / cpu : 0), p50, p99, e }'
}

echo "==> load average before: $(bench_loadavg)"
# unleash-server 8.2 on a private PostgreSQL, one flag at 50% (flexibleRollout) in development, a frontend token.
bench_postgres_start "$pg_bin" "$tmp"
bench_as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE unleash' >/dev/null
unleash_port=$(bench_free_port)
admin='*:*.bench-admin-token'
# Unleash limits SDK and frontend API calls per minute (20,000 by default, then 429): lifted, or it would measure the limit.
SDK_API_RATE_LIMIT_PER_MINUTE=1000000000 TOKEN_AUTHENTICATION_RATE_LIMIT_PER_MINUTE=1000000000 \
UNLEASH_DATABASE_URL="postgres://postgres:unused@127.0.0.1:$pg_port/unleash" UNLEASH_PORT=$unleash_port UNLEASH_ADMIN_TOKEN="$admin" \
  taskset -c "$SERVER_CPUS" node "$packages/unleash-server.js" >"$tmp/unleash.log" 2>&1 &
unleash_pid=$!
pids+=("$unleash_pid")
unleash_url=http://127.0.0.1:$unleash_port
for _ in $(seq 1 240); do [ "$(bench_http_code GET "$unleash_url/health")" = 200 ] && break; sleep 0.5; done
[ "$(bench_http_code GET "$unleash_url/health")" = 200 ] || { tail -20 "$tmp/unleash.log" >&2; bench_fail "unleash-server did not start"; }
admin_call() { curl -fsS -X "$1" -H "Authorization: $admin" -H 'Content-Type: application/json' ${3:+-d "$3"} "$unleash_url/$2"; }
admin_call POST api/admin/projects/default/features '{"name":"bench-flag"}' >/dev/null
admin_call POST api/admin/projects/default/features/bench-flag/environments/development/strategies \
  '{"name":"flexibleRollout","parameters":{"rollout":"50","stickiness":"default","groupId":"bench-flag"}}' >/dev/null
admin_call POST api/admin/projects/default/features/bench-flag/environments/development/on >/dev/null
frontend_token=$(admin_call POST api/admin/api-tokens '{"type":"frontend","environment":"development","projects":["default"],"tokenName":"bench"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
export UNLEASH_FRONTEND_TOKEN=$frontend_token
# The frontend API answers with the flags enabled for the context: bench-flag for about half of the users.
served=0
for _ in $(seq 1 60); do
  served=0
  for u in $(seq 1 40); do
    curl -fsS -H "Authorization: $frontend_token" "$unleash_url/api/frontend?userId=user-$u" | grep -q '"bench-flag"' && served=$((served + 1))
  done
  [ "$served" -gt 0 ] && break
  sleep 0.5
done
[ "$served" -gt 0 ] || { tail -20 "$tmp/unleash.log" >&2; bench_fail "unleash-server's frontend API never served bench-flag"; }
echo "==> unleash-server pid $unleash_pid on $unleash_url; its frontend API serves bench-flag to $served of 40 users"

# The controller, one policy at 50%.
bench_policy "$tmp/policies" "OFREP and Unleash side by side" 1h
bench_controller_app "$(bench_controller_dir "$tmp")"
controller_url=http://127.0.0.1:$(bench_free_port)
bench_controller_start "$tmp" "$controller_url" "$tmp/controller.log" "$SERVER_CPUS"
controller_pid=$bench_controller_pid
pids+=("$controller_pid")
bench_controller_wait "$controller_url" "$tmp/controller.log"
echo "==> controller pid $controller_pid on $controller_url"

echo "==> ${WARMUP} s warm-up + ${DURATION} s measured each, ${CONNECTIONS} connections; servers on CPU ${SERVER_CPUS}, wrk on CPU ${LOAD_CPUS}"
# One server at a time: the other idles (its CPU is not counted).
measure unleash-frontend "$unleash_pid" "$unleash_url" unleash-frontend
measure ofrep "$controller_pid" "$controller_url" ofrep
# shellcheck disable=SC2119 # no note after the machine line
bench_result_machine
