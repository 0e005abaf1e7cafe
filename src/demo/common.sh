# Shared by the demos (src/demo/run.sh, src/demo/unleash/run.sh); sourced from the repository's root with $work set.

say() { printf '\033[1m%s\033[0m\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 4 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done
  echo "error: $1 did not answer within $2 s"; return 1
}

# The sample service (asks the controller for new-checkout over OFREP at 300 requests/s) and Prometheus scraping it and
# the controller every second; their pids are added to $pids. Arguments: controller port, service port, Prometheus port.
start_service_and_prometheus() {
  dotnet src/RolloutController.SampleService/bin/Release/net10.0/RolloutController.SampleService.dll \
    --urls "http://127.0.0.1:$2" --ofrep "http://127.0.0.1:$1" --flag new-checkout --rps 300 >"$work/sample.log" 2>&1 &
  pids+=($!)
  cat >"$work/prometheus.yml" <<YAML
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: sample-service
    static_configs: [ { targets: ["127.0.0.1:$2"] } ]
  - job_name: rollout-controller
    static_configs: [ { targets: ["127.0.0.1:$1"] } ]
YAML
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$3" >"$work/prometheus.log" 2>&1 &
  pids+=($!)
}
