# shellcheck shell=bash
# Shell functions shared by the benchmark scripts (ofrep-load.sh, unleash-vs-ofrep.sh, cli-startup.sh, scale/, push/).
# Sourced, not run.
# Builds go to a temporary directory (dotnet publish -o DIR --artifacts-path DIR), never into the checkout, so a
# read-only checkout works; CONTROLLER_DIR / SCALEBENCH_DIR name an existing publish to use instead of building.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

bench_fail() { echo "error: $*" >&2; exit 2; }

bench_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# bench_require TOOL [DEBIAN-PACKAGE]: fails with a clear message when TOOL is not on PATH.
bench_require() {
  command -v "$1" >/dev/null 2>&1 && return
  bench_fail "$1 is required${2:+ (Debian package $2: apt-get install $2)}"
}

# bench_install_if_missing TOOL PACKAGE: installs a Debian package when its tool is missing (the benchmark cannot run
# without it, and the package is all it needs); fails clearly when that is not possible.
bench_install_if_missing() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "==> installing $2 from Debian's packages"
  if ! { bench_sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive bench_sudo apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }; then
    bench_fail "$1 is required and could not be installed (apt-get install $2)"
  fi
}

# bench_seconds DURATION: 250ms, 10s, 2m, 1h or a bare number of seconds, printed in seconds.
bench_seconds() {
  awk -v d="$1" 'BEGIN {
    if (d ~ /^[0-9.]+ms$/) { sub(/ms$/, "", d); print d / 1000; exit }
    if (d ~ /^[0-9.]+s$/) { sub(/s$/, "", d); print d + 0; exit }
    if (d ~ /^[0-9.]+m$/) { sub(/m$/, "", d); print d * 60; exit }
    if (d ~ /^[0-9.]+h$/) { sub(/h$/, "", d); print d * 3600; exit }
    if (d ~ /^[0-9.]+$/) { print d + 0; exit }
    exit 1 }' || bench_fail "'$1' is not a duration (250ms, 10s, 2m, 1h)"
}

bench_now() { date +%s.%N; }

bench_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

bench_free_port() {
  local port
  for _ in $(seq 1 100); do
    # Below Linux's ephemeral range (32768-60999), so thousands of client sockets never hold the port picked.
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  bench_fail "no free port found"
}

# bench_publish PROJECT OUT [ARG...]: dotnet publish in Release to OUT, intermediate files under OUT.build (not the
# checkout); ARGs go to dotnet publish as they are (e.g. -r linux-x64 --self-contained false).
bench_publish() {
  local project=$1 out=$2
  shift 2
  echo "==> publishing $project (Release${*:+ $*}) to $out"
  dotnet publish "$bench_root/$project" -c Release "$@" -o "$out" --artifacts-path "$out.build" -nologo -v quiet -clp:ErrorsOnly >/dev/null \
    || bench_fail "dotnet publish $project${*:+ $*} failed (rerun it by hand to see why)"
  rm -rf "$out.build"
}

# bench_controller_dir SCRATCH: prints the controller's publish directory: CONTROLLER_DIR if set, else a fresh publish
# of src/RolloutController under SCRATCH.
bench_controller_dir() {
  if [ -n "${CONTROLLER_DIR:-}" ]; then
    [ -f "$CONTROLLER_DIR/rolloutctl.dll" ] || bench_fail "CONTROLLER_DIR=$CONTROLLER_DIR has no rolloutctl.dll (make it with: dotnet publish src/RolloutController -c Release -o DIR)"
    (cd "$CONTROLLER_DIR" && pwd)
  else
    bench_publish src/RolloutController "$1/controller" >&2
    echo "$1/controller"
  fi
}

# bench_controller_app DIR: sets the array bench_app to the command that runs the controller published in DIR: its
# native launcher when the publish has one, else `dotnet DIR/rolloutctl.dll`.
bench_controller_app() {
  bench_app=("$1/rolloutctl")
  [ -x "${bench_app[0]}" ] || bench_app=(dotnet "$1/rolloutctl.dll")
}

# bench_policy DIR REASON HOLD: writes DIR/bench-flag.yaml, the one policy the HTTP and CLI benchmarks serve: bench-flag
# at 50% then 100%, each stage held HOLD (1h, 24h: longer than the run), one guardrail. With Prometheus unreachable (see
# bench_controller_start) its queries fail and the rollout holds at 50%, which is what is served.
bench_policy() {
  mkdir -p "$1"
  cat >"$1/bench-flag.yaml" <<YAML
apiVersion: rollout-controller/v1
kind: RolloutPolicy
metadata: { name: bench-flag, owner: team-bench, type: ops, reason: $2 }
spec:
  flag: { key: bench-flag }
  stages: [ { weight: 50, hold: $3 }, { weight: 100, hold: $3 } ]
  analysis:
    interval: 1m
    guardrails:
      - { name: error-rate, query: 'sum(rate(http_requests_total{flag="{{ flag }}",code=~"5.."}[5m]))', max: 0.01 }
YAML
}

# bench_controller_start DIR URL LOG CPUS [NAME=VALUE...]: starts "${bench_app[@]}" serve on URL with the policies in
# DIR/policies and a new SQLite store DIR/bench.db (an old one is removed), Prometheus pointed at a closed loopback
# port without retries (nothing else is contacted), pinned to CPUS (a taskset list; empty: not pinned), with the extra
# environment NAME=VALUE..., its output to LOG. Sets bench_controller_pid: the controller's own pid (env and taskset
# exec it), for its CPU time and memory. Does not wait: bench_controller_wait does.
bench_controller_start() {
  local dir=$1 url=$2 log=$3 cpus=$4
  shift 4
  local server=("${bench_app[@]}" serve --policies "$dir/policies" --urls "$url")
  [ -z "$cpus" ] || server=(taskset -c "$cpus" "${server[@]}")
  rm -f "$dir"/bench.db*
  env RolloutController__Store__Provider=sqlite "RolloutController__Store__ConnectionString=Data Source=$dir/bench.db" \
    "RolloutController__Prometheus__Url=http://127.0.0.1:$(bench_free_port)" RolloutController__Prometheus__Retries=0 \
    "$@" "${server[@]}" >"$log" 2>&1 &
  bench_controller_pid=$!
}

# bench_controller_wait URL LOG: waits up to 120 s until the controller of bench_controller_start serves bench-flag over
# OFREP (200); fails with the tail of LOG when it exits or does not serve in time.
bench_controller_wait() {
  local url=$1 log=$2
  for _ in $(seq 1 240); do
    kill -0 "$bench_controller_pid" 2>/dev/null || { tail -30 "$log" >&2; bench_fail "the controller exited"; }
    [ "$(bench_http_code POST "$url/ofrep/v1/evaluate/flags/bench-flag" '{"context":{"targetingKey":"user-1"}}')" = 200 ] && return
    sleep 0.5
  done
  tail -30 "$log" >&2
  bench_fail "the controller did not serve bench-flag within 120 s"
}

# bench_pin CPUS COMMAND...: runs COMMAND under taskset when CPUS (a taskset list) is set, else as it is.
bench_pin() {
  local cpus=$1
  shift
  if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

# bench_wrk CPUS THREADS CONNECTIONS SECONDS TARGET URL OUTPUT: wrk for SECONDS against URL with ofrep-load.lua asking
# TARGET (ofrep or unleash-frontend, see there), pinned to CPUS, its summary lines to OUTPUT (read with
# bench_wrk_value). A wrk that hangs is stopped 30 s after its time.
bench_wrk() {
  WRK_TARGET=$5 bench_pin "$1" timeout $(($4 + 30)) wrk -t"$2" -c"$3" -d"${4}s" --timeout 5s \
    -s "$bench_root/tests/RolloutController.Benchmarks/ofrep-load.lua" "$6" >"$7"
}

# bench_wrk_value FILE LINE FIELD: FIELD=... of the "result LINE ..." summary line that ofrep-load.lua prints.
bench_wrk_value() {
  awk -v line="$2" -v key="$3" '$1 == "result" && $2 ~ ("^" line "($|=)") {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$1"
}

# bench_cpu_ticks PID: the CPU time (user + sys) PID has used so far, in clock ticks (/proc/PID/stat fields 14 and 15;
# bench_clk_tck ticks a second). Read before and after a measurement.
bench_clk_tck=$(getconf CLK_TCK)
bench_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# bench_cpu_seconds BEFORE AFTER: the CPU seconds between two bench_cpu_ticks readings.
bench_cpu_seconds() { awk -v a="$1" -v b="$2" -v t="$bench_clk_tck" 'BEGIN { printf "%.2f", (b - a) / t }'; }

# bench_cpu_us_per_request BEFORE AFTER REQUESTS: the CPU microseconds per request between two bench_cpu_ticks
# readings (0 when there was no request).
bench_cpu_us_per_request() {
  awk -v a="$1" -v b="$2" -v t="$bench_clk_tck" -v r="$3" 'BEGIN { printf "%.1f", (r > 0 ? (b - a) / t * 1e6 / r : 0) }'
}

# bench_scalebench_dir SCRATCH: the same for the scale benchmark's programs (SCALEBENCH_DIR).
bench_scalebench_dir() {
  if [ -n "${SCALEBENCH_DIR:-}" ]; then
    [ -f "$SCALEBENCH_DIR/scalebench.dll" ] || bench_fail "SCALEBENCH_DIR=$SCALEBENCH_DIR has no scalebench.dll (make it with: dotnet publish tests/RolloutController.Benchmarks/scale/ScaleBench -c Release -o DIR)"
    (cd "$SCALEBENCH_DIR" && pwd)
  else
    bench_publish tests/RolloutController.Benchmarks/scale/ScaleBench "$1/scalebench" >&2
    echo "$1/scalebench"
  fi
}

# bench_stop PID [NAME]: asks the process to stop, waits up to 10 s, then kills it. Only the given pid.
bench_stop() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

# bench_http_code METHOD URL [BODY]: the HTTP status code, 000 when nothing answered.
bench_http_code() {
  local method=$1 url=$2 body=${3:-} code
  local args=(-s -o /dev/null -w '%{http_code}' --max-time 5 -X "$method")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  code=$(curl "${args[@]}" "$url" 2>/dev/null) || true
  echo "${code:-000}"
}

# bench_loadavg: the 1, 5 and 15 minute load averages: other processes compete for the CPUs when they are above ~0.
bench_loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_result_machine [NOTE]: the machine line of a benchmark's results: its CPUs and load average now, then NOTE.
bench_result_machine() { echo "result machine nproc=$(nproc) loadavg=\"$(bench_loadavg)\"${1:+ $1}"; }

# bench_postgres_start PG_BIN LOGS: a private PostgreSQL on a free 127.0.0.1 port (sets pg_port, pg_root, pg_data), in
# its own temporary directory: PostgreSQL refuses to run as root, so as root it runs as the postgres user, which must own
# the directory. Durability off: the benchmarks measure the controller, not the disk. bench_postgres_stop stops it.
bench_postgres_start() {
  pg_bin=$1
  local logs=$2
  pg_port=$(bench_free_port)
  pg_root=$(mktemp -d /tmp/rollout-bench-pg.XXXXXX)
  pg_data="$pg_root/data"
  mkdir -p "$pg_root/sockets"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$pg_root"
  echo "==> PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port (log: $logs/postgres.log)"
  bench_as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$logs/initdb.log" 2>&1 \
    || { cat "$logs/initdb.log" >&2; bench_fail "initdb failed"; }
  bench_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_root/postgres.log" -w -t 60 \
    -o "-p $pg_port -k $pg_root/sockets -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { tail -20 "$pg_root/postgres.log" >&2; bench_fail "PostgreSQL did not start"; }
}

# bench_postgres_stop LOGS: stops the PostgreSQL of bench_postgres_start (if any), keeps its log in LOGS.
bench_postgres_stop() {
  if [ -n "${pg_data:-}" ] && [ -f "$pg_data/postmaster.pid" ]; then
    bench_as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -n "${pg_root:-}" ]; then
    cp "$pg_root/postgres.log" "$1/postgres.log" 2>/dev/null || true
    rm -rf "$pg_root"
  fi
}

bench_as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
