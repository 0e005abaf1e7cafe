-- wrk script for ofrep-load.sh: POSTs single-flag OFREP evaluations with a different targeting key on every request,
-- and prints one machine-readable summary line per figure at the end.
local flag = os.getenv("OFREP_FLAG") or "bench-flag"
local path = "/ofrep/v1/evaluate/flags/" .. flag
local headers = { ["Content-Type"] = "application/json" }

local threads = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
end

function request()
  counter = counter + 1
  local body = string.format('{"context":{"targetingKey":"user-%d-%d","plan":"pro"}}', thread_id, counter)
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("result requests=%d seconds=%.2f rps=%.0f\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("result latency_us p50=%d p90=%d p99=%d p99.9=%d max=%d mean=%.0f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
  io.write(string.format("result errors connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
