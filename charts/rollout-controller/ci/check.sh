#!/usr/bin/env bash
# Checks the chart: renders it with default values and with each ci/*-values.yaml, validates every rendering against
# the Kubernetes and Prometheus Operator schemas (tests/js/chart/validate.mjs) and the controller's needs
# (ci/validate.py: names, labels, probes, resources, security context, the store's Secret wiring, PodDisruptionBudget,
# NetworkPolicy, ServiceMonitor, PrometheusRule, dashboard ConfigMap), and checks that invalid combinations are refused. With helm on PATH it also runs `helm lint` and renders with
# `helm template`; without it (Debian has no helm package) it renders with ci/render, a small Go program using the same
# template engine and sprig functions as Helm, built from Debian's Go packages (installed here if missing).
# Usage: charts/rollout-controller/ci/check.sh
set -euo pipefail
ci=$(cd "$(dirname "$0")" && pwd)
chart=$(dirname "$ci")

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml
schemas="$(cd "$chart/../.." && pwd)/tests/js/chart"
[ -d "$schemas/node_modules/kubernetes-models" ] || (cd "$schemas" && npm ci --no-audit --no-fund --loglevel=error)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if command -v helm >/dev/null 2>&1; then
  echo "==> helm lint"
  helm lint "$chart" >/dev/null
  for values in "$ci"/*-values.yaml; do helm lint "$chart" -f "$values" >/dev/null; done
  render() { helm template release "$chart" "$@" 2>"$tmp/stderr"; }
else
  echo "==> helm not found: rendering with ci/render (Go text/template + sprig from Debian's packages)"
  if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/github.com/Masterminds/sprig ] \
      || [ ! -d /usr/share/gocode/src/gopkg.in/yaml.v2 ]; then
    apt_install golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev
  fi
  # Debian installs Go libraries for GOPATH mode without their /v3 module paths; add them in a private GOPATH.
  gopath="$tmp/gopath"
  mkdir -p "$gopath/src/github.com/Masterminds/sprig" "$gopath/src/github.com/Masterminds/semver"
  for d in /usr/share/gocode/src/*; do [ "$(basename "$d")" = github.com ] || ln -s "$d" "$gopath/src/"; done
  for d in /usr/share/gocode/src/github.com/*; do [ "$(basename "$d")" = Masterminds ] || ln -s "$d" "$gopath/src/github.com/"; done
  ln -s /usr/share/gocode/src/github.com/Masterminds/goutils "$gopath/src/github.com/Masterminds/goutils"
  ln -s /usr/share/gocode/src/github.com/Masterminds/sprig "$gopath/src/github.com/Masterminds/sprig/v3"
  ln -s /usr/share/gocode/src/github.com/Masterminds/semver "$gopath/src/github.com/Masterminds/semver/v3"
  (cd "$ci/render" && GO111MODULE=off GOPATH="$gopath" GOCACHE="$(go env GOCACHE)" go build -o "$tmp/render" .)
  render() { "$tmp/render" -chart "$chart" -name release "$@" 2>"$tmp/stderr"; }
fi

passed=0; failed=0
expect_valid() { # name expected-kinds secret-keys [validate.py options...] -- [render args...]
  local name=$1 kinds=$2 keys=$3; shift 3
  echo "==> $name"
  local args=(--expect "$kinds"); [ "$keys" = - ] || args+=(--secret-keys "$keys")
  while [ "$1" != -- ]; do args+=("$1"); shift; done; shift
  if render "$@" >"$tmp/out.yaml" && python3 "$ci/validate.py" "${args[@]}" <"$tmp/out.yaml" \
      && node "$schemas/validate.mjs" <"$tmp/out.yaml"; then
    passed=$((passed + 1))
  else
    sed 's/^/  /' "$tmp/stderr"; failed=$((failed + 1))
  fi
}
expect_refused() { # name message [render args...]
  local name=$1 message=$2; shift 2
  echo "==> $name"
  if render "$@" >/dev/null; then
    echo "  FAIL rendered, expected: $message"; failed=$((failed + 1))
  elif grep -q "$message" "$tmp/stderr"; then
    echo "  ok: refused ($message)"; passed=$((passed + 1))
  else
    echo "  FAIL refused for another reason:"; sed 's/^/  /' "$tmp/stderr"; failed=$((failed + 1))
  fi
}
values() { local file="$tmp/$1.yaml"; shift; printf '%s\n' "$@" >"$file"; echo "$file"; }

expect_valid "default values (sqlite, one replica)" ConfigMap,Deployment,PersistentVolumeClaim,Service,ServiceAccount - --
# 1 connection string + 2 channels (2 and 4 keys) + 2 tokens (3 keys each).
expect_valid "postgres, two replicas, routes, tokens, policy, PDB, NetworkPolicy, ServiceMonitor, rules, dashboard" \
  ConfigMap,Dashboard,Deployment,NetworkPolicy,PodDisruptionBudget,PrometheusRule,Secret,Service,ServiceAccount,ServiceMonitor 13 \
  --connection-string "Host=postgres;Database=rollouts;Username=rollouts;Password=change-me" -- -f "$ci/postgres-values.yaml"
expect_valid "postgres from an existing Secret, three replicas" ConfigMap,Deployment,PodDisruptionBudget,Service,ServiceAccount - \
  --connection-secret rollout-db/connection -- \
  -f "$(values existing-postgres 'replicaCount: 3' 'store: { provider: postgres, existingSecret: rollout-db, existingSecretKey: connection }')"
expect_valid "existing Secrets, ConfigMap and claim" Deployment,Service - --connection-secret rollout-store/connection-string -- \
  -f "$ci/existing-values.yaml"
expect_valid "sqlite without persistence" ConfigMap,Deployment,Service,ServiceAccount - -- \
  -f "$(values no-persistence 'persistence: { enabled: false }')"
expect_refused "sqlite with two replicas" "replicaCount > 1 needs store.provider=postgres" \
  -f "$(values two-sqlite 'replicaCount: 2')"
expect_refused "postgres without a connection string" "needs store.connectionString or store.existingSecret" \
  -f "$(values bare-postgres 'store: { provider: postgres }')"
expect_refused "unknown store provider" "store.provider must be sqlite or postgres" \
  -f "$(values mysql 'store: { provider: mysql }')"
expect_refused "API token without a token" "api.tokens\[\].token is required" \
  -f "$(values no-token 'api: { tokens: [ { name: bot } ] }')"

# Not in the "N passed, N failed" form of a test runner's closing line: the test command prints that once, for the tests.
echo "chart: $passed of $((passed + failed)) checks as expected"
[ "$failed" -eq 0 ]
