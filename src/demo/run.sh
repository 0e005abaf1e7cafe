#!/usr/bin/env bash
# The README's first command: runs RolloutController on this machine from a fresh clone and shows a guarded rollout.
#   1. installs Prometheus (Debian package) if missing, builds the controller and the sample service;
#   2. starts the sample service (asks the controller for the flag over OFREP on every simulated request and exposes
#      request/latency/checkout metrics labelled by flag and variant), Prometheus scraping it every second, and the
#      controller on the embedded SQLite store with a demo policy whose holds are seconds;
#   3. shows the ramp live, injects a fault at 50%, and shows the guardrail tripping, the automatic rollback to 0%
#      and the signed notification the on-call webhook received; then stops everything and prints a summary.
# Ports (loopback only): controller 18080, sample service 18090, Prometheus 19090.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d /tmp/rollout-demo.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "==> logs kept in $work"
}
trap cleanup EXIT

source src/demo/common.sh

if ! command -v prometheus >/dev/null 2>&1; then
  say "==> installing Prometheus from Debian's packages"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK is required (https://dot.net)"; exit 2; }
for port in 18080 18090 19090; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "error: port $port is in use; stop what listens there"; exit 2; fi
done

say "==> building"
dotnet build src/RolloutController/RolloutController.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build src/RolloutController.SampleService/RolloutController.SampleService.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
rolloutctl_dll="$root/src/RolloutController/bin/Release/net10.0/rolloutctl.dll"
ctl() { dotnet "$rolloutctl_dll" "$@"; }
export ROLLOUTCTL_SERVER=http://127.0.0.1:18080 ROLLOUTCTL_TOKEN=demo-operator-token-0123456789

say "==> validating the demo policy"
ctl validate src/demo/policies

say "==> starting the sample service, Prometheus and the controller (logs in $work)"
start_service_and_prometheus 18080 18090 19090
# Started directly (not through the ctl function) so that $! is the controller itself and cleanup stops it.
RolloutController__Store__ConnectionString="Data Source=$work/rollouts.db" \
  dotnet "$rolloutctl_dll" serve --config src/demo/controller.json --policies src/demo/policies --urls http://127.0.0.1:18080 >"$work/controller.log" 2>&1 &
pids+=($!)

wait_for http://127.0.0.1:18080/readyz 60 || { tail -20 "$work/controller.log"; exit 1; }
say "==> dashboard: http://127.0.0.1:18080/ (open it now: the ramp and the rollback show live; sign in with $ROLLOUTCTL_TOKEN to act)"
wait_for http://127.0.0.1:19090/-/ready 30 || { tail -20 "$work/prometheus.log"; exit 1; }
wait_for http://127.0.0.1:18090/metrics 30

row() { ctl list 2>/dev/null | awk '$1=="new-checkout" {print $2, $3, $4}'; }
served_share() { # share of 200 users served "on" right now, asked over OFREP like a service would
  local on=0
  for i in $(seq 1 200); do
    curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"context\":{\"targetingKey\":\"demo-user-$i\"}}" \
      http://127.0.0.1:18080/ofrep/v1/evaluate/flags/new-checkout 2>/dev/null | grep -q '"value":true' && on=$((on+1))
  done
  echo "$on/200"
}

say "==> watching the ramp (1% → 10% → 50% → 100%); a fault is injected at 50%"
last=""; injected=""; deadline=$((SECONDS + 180))
while [ $SECONDS -lt $deadline ]; do
  current=$(row)
  set -- $current
  # The fault first, then the line: counting the served share takes 200 requests, which on a busy machine can outlast
  # the 50% stage's hold, and the rollout would complete before the fault.
  if [ "${3:-}" = "50%" ] && [ -z "$injected" ]; then
    say "==> injecting a fault: 60% of flag-on requests now fail"
    curl -fsS -X POST -H 'Content-Type: application/json' -d '{"errorRate":0.6}' http://127.0.0.1:18090/fault >/dev/null
    injected=$(date +%T)
  fi
  if [ -n "$current" ] && [ "$current" != "$last" ]; then
    printf '  %s  phase %-10s stage %-5s weight %-6s OFREP serves on to %s users\n' "$(date +%T)" $current "$(served_share)"
    last=$current
  fi
  case "${1:-}" in RolledBack|Completed|Aborted) break ;; esac
  sleep 1
done

say "==> rollout status"
ctl status new-checkout || true

say "==> notification received by the on-call webhook (HMAC signature verified)"
notification=""
for _ in $(seq 1 60); do
  notification=$(curl -fsS http://127.0.0.1:18090/notifications 2>/dev/null | grep -o '"headline":"[^"]*"' | tail -1 || true)
  [ -n "$notification" ] && break; sleep 0.5
done
json_field='"(headline|action|next_step|failing_since|detail|graph_url)":"([^"\\]|\\.)*"'
echo "  all notifications:"
curl -fsS http://127.0.0.1:18090/notifications | grep -oE '"headline":"([^"\\]|\\.)*"' | sed 's/^/    /' || true
echo "  the rollback notification:"
curl -fsS http://127.0.0.1:18090/notifications | grep -oE '"kind":"rolled_back".*' | grep -oE "$json_field" | awk -F'":' '!seen[$1]++' | head -7 | sed 's/^/    /' || true

final=$(row); set -- $final
say "==> summary"
echo "  fault injected at: ${injected:-never}"
echo "  final state:       ${final:-unknown}"
echo "  OFREP now serves on to $(served_share) users"
if [ "${1:-}" = "RolledBack" ] && [ -n "$notification" ]; then
  echo "  result: the guardrail tripped, the flag went back to 0% on its own, and on-call was notified."
  exit 0
fi
echo "  result: the demo did not end as expected; see the logs in $work"
exit 1
