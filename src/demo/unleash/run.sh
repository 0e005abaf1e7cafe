#!/usr/bin/env bash
# The README's worked Unleash example: the controller ramps a flag that Unleash serves, on this machine.
#   1. installs what is missing: PostgreSQL and Prometheus from Debian's packages, unleash-server 8.2 and the
#      unleash-client SDK from npm (tests/js/unleash); builds the controller and the sample service;
#   2. starts a private PostgreSQL (initdb in the work directory), unleash-server on it with an admin token, and
#      creates the flag 'new-checkout' and a client (SDK) token through Unleash's Admin API;
#   3. starts the sample service, Prometheus and the controller with the connection 'unleash-local' (controller.json;
#      the admin token in UNLEASH_LOCAL_TOKEN) and a policy whose spec.flag.provider is unleash-local;
#   4. shows the ramp on Unleash stage by stage — the strategy's rollout, and how many of 10,000 users the real
#      unleash-client SDK serves the flag to — injects a fault at 50% and shows the flag turned off on Unleash.
# Ports (loopback only): PostgreSQL 15432, unleash-server 14242, controller 18081, sample service 18091, Prometheus 19091.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
work=$(mktemp -d /tmp/rollout-unleash.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_bin" ] && [ -d "$work/pg/data" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  echo "==> logs kept in $work"
}
trap cleanup EXIT

source src/demo/common.sh
# PostgreSQL refuses to run as root: as root, the cluster belongs to and runs as the postgres OS user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "==> installing ${missing[*]} from Debian's packages"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK is required (https://dot.net)"; exit 2; }
for port in 15432 14242 18081 18091 19091; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "error: port $port is in use; stop what listens there"; exit 2; fi
done

packages=tests/js/unleash
lock_sum=$(sha256sum "$packages/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$packages/node_modules/.installed-from-lock" 2>/dev/null)" != "$lock_sum" ]; then
  say "==> installing unleash-server and unleash-client from npm (once; about 200 MB)"
  (cd "$packages" && npm ci --no-audit --no-fund --loglevel=error && echo "$lock_sum" > node_modules/.installed-from-lock)
fi

say "==> building"
dotnet build src/RolloutController/RolloutController.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build src/RolloutController.SampleService/RolloutController.SampleService.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
rolloutctl_dll="$root/src/RolloutController/bin/Release/net10.0/rolloutctl.dll"
ctl() { dotnet "$rolloutctl_dll" "$@"; }
export ROLLOUTCTL_SERVER=http://127.0.0.1:18081 ROLLOUTCTL_TOKEN=demo-operator-token-0123456789

say "==> validating the policy against the controller's configuration (the provider unleash-local must be configured)"
ctl validate src/demo/unleash/policies --config src/demo/unleash/controller.json


say "==> starting PostgreSQL on 127.0.0.1:15432 (a private cluster in $work/pg)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$work/initdb.log" 2>&1
as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w \
  -o "-p 15432 -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_postgres "$pg_bin/psql" -h 127.0.0.1 -p 15432 -U postgres -qc 'CREATE DATABASE unleash' >/dev/null

say "==> starting unleash-server 8.2 from npm on it, at http://127.0.0.1:14242 (first start migrates its schema)"
admin_token='*:*.unleash-demo-admin-token'
UNLEASH_DATABASE_URL=postgres://postgres:unused@127.0.0.1:15432/unleash UNLEASH_PORT=14242 UNLEASH_ADMIN_TOKEN="$admin_token" \
  node "$packages/unleash-server.js" >"$work/unleash.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:14242/health 120 || { tail -20 "$work/unleash.log"; exit 1; }
unleash() { # method, path, [json body]
  curl -fsS -X "$1" -H "Authorization: $admin_token" -H 'Content-Type: application/json' ${3:+-d "$3"} "http://127.0.0.1:14242/$2"
}

say "==> creating the flag new-checkout and an SDK token through Unleash's Admin API"
unleash POST api/admin/projects/default/features '{"name":"new-checkout","description":"One-page checkout"}' >/dev/null
client_token=$(unleash POST api/admin/api-tokens \
  '{"type":"client","environment":"development","projects":["default"],"tokenName":"demo-sdk"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
echo "  flag: new-checkout (project default, off in development, no strategy); SDK token: $client_token"

say "==> starting the sample service, Prometheus and the controller (logs in $work)"
start_service_and_prometheus 18081 18091 19091
UNLEASH_LOCAL_TOKEN="$admin_token" RolloutController__Store__ConnectionString="Data Source=$work/rollouts.db" \
  dotnet "$rolloutctl_dll" serve --config src/demo/unleash/controller.json --policies src/demo/unleash/policies \
  --urls http://127.0.0.1:18081 >"$work/controller.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:18081/readyz 60 || { tail -20 "$work/controller.log"; exit 1; }
wait_for http://127.0.0.1:19091/-/ready 30 || { tail -20 "$work/prometheus.log"; exit 1; }
wait_for http://127.0.0.1:18091/metrics 30
say "==> dashboard: http://127.0.0.1:18081/ (sign in with $ROLLOUTCTL_TOKEN); Unleash: http://127.0.0.1:14242/ (token $admin_token)"

row() { ctl list 2>/dev/null | awk '$1=="new-checkout" {print $2, $3, $4}'; }
on_unleash() { # what Unleash serves in development: on/off and the controller's strategy's rollout
  unleash GET api/admin/projects/default/features/new-checkout | python3 -c '
import json, sys
env = next(e for e in json.load(sys.stdin)["environments"] if e["name"] == "development")
rollout = [s["parameters"].get("rollout") for s in env["strategies"] if s.get("title") == "rollout-controller"]
print(("on" if env["enabled"] else "off") + ", flexibleRollout " + (rollout[0] + "%" if rollout else "absent"))'
}
sdk_share() { # how many of 10,000 users the real unleash-client SDK serves the flag to
  node "$packages/share.js" http://127.0.0.1:14242 "$client_token" new-checkout 10000 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["enabled"])'
}

say "==> watching the ramp on Unleash (5% → 20% → 50% → 100%); a fault is injected at 50%"
last=""; injected=""; deadline=$((SECONDS + 240))
while [ $SECONDS -lt $deadline ]; do
  current=$(row)
  if [ -n "$current" ] && [ "$current" != "$last" ]; then
    sleep 1 # the controller writes to Unleash at once and reads it back; give the SDK's fetch a consistent picture
    printf '  %s  phase %-10s stage %-5s weight %-6s Unleash: %-28s SDK: on for %5s of 10000 users\n' \
      "$(date +%T)" $current "$(on_unleash)" "$(sdk_share)"
    last=$current
  fi
  set -- $current
  if [ "${3:-}" = "50%" ] && [ -z "$injected" ]; then
    say "==> injecting a fault: 60% of flag-on requests now fail"
    curl -fsS -X POST -H 'Content-Type: application/json' -d '{"errorRate":0.6}' http://127.0.0.1:18091/fault >/dev/null
    injected=$(date +%T)
  fi
  case "${1:-}" in RolledBack|Completed|Aborted) break ;; esac
  sleep 1
done

say "==> rollout status (Platform: what Unleash serves, read back)"
for _ in $(seq 1 20); do ctl status new-checkout 2>/dev/null | grep -q 'Platform:.*InSync' && break; sleep 0.5; done
ctl status new-checkout || true

final=$(row); set -- $final
served=$(on_unleash); users=$(sdk_share)
say "==> summary"
echo "  fault injected at: ${injected:-never}"
echo "  final state:       ${final:-unknown}"
echo "  Unleash serves:    $served; the SDK serves the flag to $users of 10000 users"
if [ -n "$injected" ] && [ "${1:-}" = "RolledBack" ] && [[ "$served" == off* ]] && [ "$users" = 0 ]; then
  echo "  result: the controller ramped the flag on Unleash, the guardrail tripped, and the flag is off on Unleash."
  exit 0
fi
echo "  result: the example did not end as expected; see the logs in $work"
exit 1
