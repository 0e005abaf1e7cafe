#!/usr/bin/env bash
# Start-up of rolloutctl against a running controller: publishes the controller twice to a temporary directory — as
# the README's operators build it (`-r linux-x64 --self-contained false`: ReadyToRun) and portable (no -r: compiled
# at run time) — starts one controller on loopback with a temporary SQLite store and a policy for `bench-flag`, and
# times `rolloutctl status bench-flag` with hyperfine for each build: wall-clock mean and range, and the CPU time
# (user + sys) of each run, which depends much less on what else the machine runs. Then a change: `pause` (each run
# preceded by an untimed `resume`, refused on the first run when the rollout is not paused) by rolloutctl (ReadyToRun) and by rolloutctl-fast published ahead of time (Native
# AOT, `src/RolloutController.FastCli`). Results: docs/benchmarks.md.
#
# Usage (from anywhere): tests/RolloutController.Benchmarks/cli-startup.sh
# Settings (environment variables):
#   RUNS=30         timed runs per build (after WARMUP untimed ones)
#   WARMUP=3
#   RID=linux-x64   runtime of the ReadyToRun build
#   BASELINE_DIR=   an existing build to time instead of the portable publish (e.g. one of an older commit:
#                   dotnet publish src/RolloutController -c Release -o DIR)
#   EXPORT=FILE     hyperfine's JSON results are copied there
# Nothing but 127.0.0.1 is contacted; Prometheus need not run (the rollout holds at its first stage).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$here/bench-lib.sh"

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
RID=${RID:-linux-x64}
bench_install_if_missing hyperfine hyperfine
bench_require dotnet
bench_require curl curl

scratch=$(mktemp -d)
trap 'bench_stop "${bench_controller_pid:-}"; rm -rf "$scratch"' EXIT

bench_publish src/RolloutController "$scratch/r2r" -r "$RID" --self-contained false
bench_publish src/RolloutController.FastCli "$scratch/aot" -r "$RID"
if [ -n "${BASELINE_DIR:-}" ]; then
  baseline=$(cd "$BASELINE_DIR" && pwd)
else
  bench_publish src/RolloutController "$scratch/portable"
  baseline=$scratch/portable
fi

bench_policy "$scratch/policies" "CLI start-up benchmark" 24h
url=http://127.0.0.1:$(bench_free_port)
token=bench-operator-token-0123456789
bench_controller_app "$scratch/r2r"
bench_controller_start "$scratch" "$url" "$scratch/server.log" "" RolloutController__Api__Tokens__0__Name=bench \
  "RolloutController__Api__Tokens__0__Token=$token" RolloutController__Api__Tokens__0__Roles__0=operator
bench_controller_wait "$url" "$scratch/server.log"

echo "==> load average before: $(bench_loadavg)"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$scratch/results.json" \
  -n "portable (JIT)" "dotnet $baseline/rolloutctl.dll status bench-flag --server $url" \
  -n "$RID ReadyToRun" "dotnet $scratch/r2r/rolloutctl.dll status bench-flag --server $url"
echo "==> load average after: $(bench_loadavg)"
change="bench-flag --reason benchmark --server $url --token $token"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$scratch/changes.json" \
  --prepare "sh -c '$scratch/aot/rolloutctl-fast resume $change >/dev/null 2>&1 || true'" \
  -n "rolloutctl pause ($RID ReadyToRun)" "dotnet $scratch/r2r/rolloutctl.dll pause $change" \
  -n "rolloutctl-fast pause (Native AOT)" "$scratch/aot/rolloutctl-fast pause $change"
echo "==> load average after the changes: $(bench_loadavg)"
python3 - "$scratch/results.json" "$scratch/changes.json" <<'PY'
import json, sys
for r in [r for f in sys.argv[1:] for r in json.load(open(f))["results"]]:
    print(f'{r["command"][:60]}: wall mean {r["mean"] * 1000:.0f} ms (min {r["min"] * 1000:.0f}, median {r["median"] * 1000:.0f}), '
          f'CPU user+sys mean {(r["user"] + r["system"]) * 1000:.0f} ms')
PY
[ -z "${EXPORT:-}" ] || cp "$scratch/results.json" "$EXPORT"
