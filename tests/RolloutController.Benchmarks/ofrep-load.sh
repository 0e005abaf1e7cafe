#!/usr/bin/env bash
# HTTP throughput of the real OFREP endpoint: starts the controller on loopback with a temporary SQLite store and a
# policy for the flag `bench-flag`, then drives `POST /ofrep/v1/evaluate/flags/bench-flag` with wrk (a different
# targeting key on every request, see ofrep-load.lua) for a bounded time, and prints requests per second, latency
# percentiles, and the server's CPU time per request. Results and how to read them: docs/benchmarks.md.
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/ofrep-load.sh
# Settings (environment variables):
#   DURATION=15        measured seconds (after WARMUP seconds of unmeasured load that lets the JIT settle)
#   WARMUP=5
#   CONNECTIONS=32     concurrent keep-alive connections
#   THREADS=1          wrk threads
#   SERVER_CPUS=1      CPUs the controller is pinned to (taskset list); empty: not pinned
#   LOAD_CPUS=0        CPUs wrk is pinned to; empty: not pinned
#   LOG_LEVEL=         if set (e.g. Warning), overrides the controller's log level for Microsoft.AspNetCore
# Nothing but 127.0.0.1 is contacted. Prometheus need not run: the controller is pointed at a closed loopback port,
# its guardrail queries fail, and the rollout holds at its first stage (50%), which is what is being served.
set -euo pipefail

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SERVER_CPUS=${SERVER_CPUS-1}
LOAD_CPUS=${LOAD_CPUS-0}
LOG_LEVEL=${LOG_LEVEL:-}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> installing wrk from Debian's packages"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
for tool in curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 2; }
done

pin() { # pin CPUS command...: runs the command under taskset when CPUS is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "error: no free port found" >&2; exit 1
}

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  [ -n "${KEEP_LOG:-}" ] && cp "$tmp/server.log" "$KEEP_LOG"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkdir -p "$tmp/policies"
cat > "$tmp/policies/bench-flag.yaml" <<'YAML'
apiVersion: rollout-controller/v1
kind: RolloutPolicy
metadata:
  name: bench-flag
  owner: team-bench
  type: ops
  reason: OFREP load measurement
spec:
  flag: { key: bench-flag }
  stages:
    - { weight: 50, hold: 1h }
    - { weight: 100, hold: 1h }
  analysis:
    interval: 1m
    guardrails:
      - name: error-rate
        query: sum(rate(http_requests_total{flag="{{ flag }}",code=~"5.."}[5m]))
        max: 0.01
YAML

echo "==> building the controller (Release)"
dotnet build src/RolloutController -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
app=src/RolloutController/bin/Release/net10.0/rolloutctl
[ -x "$app" ] || { echo "error: $app was not built" >&2; exit 1; }

port=$(free_port)
closed_port=$(free_port)
base="http://127.0.0.1:$port"
export RolloutController__Store__Provider=sqlite
export "RolloutController__Store__ConnectionString=Data Source=$tmp/bench.db"
export RolloutController__Prometheus__Url="http://127.0.0.1:$closed_port"
export RolloutController__Prometheus__Retries=0
log_env=()
[ -n "$LOG_LEVEL" ] && log_env=("Logging__LogLevel__Microsoft.AspNetCore=$LOG_LEVEL")

# The same process as `dotnet run -c Release --project src/RolloutController -- serve ...`, started without the
# `dotnet run` wrapper so that this script stops exactly the process it started.
echo "==> starting the controller on $base (CPUs: ${SERVER_CPUS:-all})"
server=("$app" serve --policies "$tmp/policies" --urls "$base")
[ -n "$SERVER_CPUS" ] && server=(taskset -c "$SERVER_CPUS" "${server[@]}")
# taskset and env exec the controller, so $! is the controller's own pid (for its CPU time and memory below).
env "${log_env[@]}" "${server[@]}" >"$tmp/server.log" 2>&1 &
server_pid=$!

body='{"context":{"targetingKey":"user-1"}}'
evaluate() { curl -s -o "$tmp/response.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data "$1" "$base/ofrep/v1/evaluate/flags/bench-flag" 2>/dev/null || echo 000; }
ready=""
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || { echo "error: the controller exited:" >&2; tail -30 "$tmp/server.log" >&2; exit 1; }
  if [ "$(evaluate "$body")" = 200 ]; then ready=yes; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "error: bench-flag was not served within 60 s:" >&2; tail -30 "$tmp/server.log" >&2; exit 1; }
echo "==> serving: $(cat "$tmp/response.json")"

echo "==> warm-up: ${WARMUP} s, ${CONNECTIONS} connections (not measured)"
pin "$LOAD_CPUS" timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s \
  -s "$here/ofrep-load.lua" "$base" >/dev/null

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
before=$(cpu_ticks)
echo "==> measuring: ${DURATION} s, ${CONNECTIONS} connections, ${THREADS} wrk thread(s) (CPUs: ${LOAD_CPUS:-all})"
pin "$LOAD_CPUS" timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s \
  -s "$here/ofrep-load.lua" "$base" | tee "$tmp/wrk.txt"
after=$(cpu_ticks)

requests=$(sed -n 's/^result requests=\([0-9]*\).*/\1/p' "$tmp/wrk.txt")
cpu_seconds=$(awk -v a="$after" -v b="$before" -v t="$ticks" 'BEGIN { printf "%.2f", (a - b) / t }')
rss=$(awk '/^VmRSS/ {print $2 " " $3}' "/proc/$server_pid/status")
echo "result server cpu_seconds=$cpu_seconds cpu_us_per_request=$(awk -v c="$cpu_seconds" -v r="$requests" 'BEGIN { printf "%.1f", c * 1e6 / r }') rss=\"$rss\""
errors=$(grep -c -E ' (fail|crit):' "$tmp/server.log" || true)
echo "result machine nproc=$(nproc) loadavg=\"$(cut -d' ' -f1-3 /proc/loadavg)\" (other processes compete for the CPUs when above ~0)"
echo "result server_log lines=$(wc -l <"$tmp/server.log") errors=$errors"
