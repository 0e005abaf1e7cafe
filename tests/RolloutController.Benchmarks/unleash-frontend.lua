-- wrk script for unleash-vs-ofrep.sh: asks unleash-server's frontend API for the flags enabled for a user (the benchmark
-- has one), a different userId on every request (the frontend token in UNLEASH_FRONTEND_TOKEN), and prints the same
-- summary lines as ofrep-load.lua.
local token = os.getenv("UNLEASH_FRONTEND_TOKEN")
local headers = { ["Authorization"] = token }

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
  return wrk.format("GET", string.format("/api/frontend?userId=user-%d-%d&properties[plan]=pro", thread_id, counter), headers)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("result requests=%d seconds=%.2f rps=%.0f\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("result latency_us p50=%d p90=%d p99=%d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
  local e = summary.errors
  io.write(string.format("result errors connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
