#!/usr/bin/env bash
# The README's test command: installs what the tests need (Prometheus, Alertmanager, PostgreSQL, aiosmtpd, Node
# packages), builds, and runs every tier — unit, integration (real Prometheus, Alertmanager, PostgreSQL, SQLite, SMTP
# server, npm clients, unleash-server with the unleash-client SDK) and end-to-end.
# Before building it checks the container build file and the Helm chart.
# Usage: tests/run.sh [--build] [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Store]
#   --build  also replays the container build file's restore and publish on a copy of exactly what it copies (slow:
#            a clean restore and publish, a few minutes; see tests/check-container-sources.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

container_check=()
if [ "${1:-}" = --build ]; then container_check=(--build); shift; fi

# Before anything is installed or built: the container build file must name only files that exist.
tests/check-container-sources.sh "${container_check[@]}"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The shells the completion scripts are tested in (rolloutctl completion bash|zsh).
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
# The browser of the dashboard's end-to-end tests (Playwright drives Debian's Chromium; it never downloads one).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The SMTP server of the e-mail tests (tests/smtp/smtp_sink.py), run with Debian's interpreter.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]} from Debian's packages"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian packages start a system Prometheus on :9090 and Alertmanager on :9093; the tests start their own on free ports.
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK is required (https://dot.net)"; exit 2; }

# Each folder's packages are installed once per lock file: a folder whose node_modules was installed from the same
# package-lock.json is kept (tests/js/unleash holds unleash-server, ~200 MB: reinstalling it every run costs minutes).
for dir in tests/js/*/; do
  if [ -f "$dir/package.json" ]; then
    lock_sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$dir/node_modules/.installed-from-lock" 2>/dev/null)" = "$lock_sum" ]; then continue; fi
    echo "==> npm ci in $dir"
    # unleash-server declares Node >= 22 and runs on Node 20 (the tests prove it); npm only warns about engines.
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && echo "$lock_sum" > node_modules/.installed-from-lock)
  fi
done

# The Helm chart: rendered with several sets of values, checked against the Kubernetes schemas and the controller's needs.
charts/rollout-controller/ci/check.sh

echo "==> building"
dotnet build RolloutController.sln -c Release -nologo -v quiet -clp:ErrorsOnly

results="$root/.run/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
for tier in UnitTests IntegrationTests EndToEndTests; do
  echo "==> $tier"
  dotnet test "tests/RolloutController.$tier" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$tier.trx" --results-directory "$results" "$@" || status=1
done

# One closing line for every tier together.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$failed" -gt 0 ] && status=1
echo "Tests: $passed passed, $failed failed"
exit $status
