-- wrk script for the HTTP benchmarks (ofrep-load.sh, unleash-vs-ofrep.sh; bench_wrk in bench-lib.sh): a different user
-- on every request, and one machine-readable summary line per figure at the end. WRK_TARGET says what is asked:
--   ofrep (default)    POST /ofrep/v1/evaluate/flags/OFREP_FLAG (default bench-flag), a single-flag OFREP evaluation
--   unleash-frontend   GET unleash-server's frontend API, the flags enabled for a userId (the frontend token in
--                      UNLEASH_FRONTEND_TOKEN)
-- Both send the same context: the user, and plan=pro.
local target = os.getenv("WRK_TARGET") or "ofrep"
local request_for

if target == "ofrep" then
  local path = "/ofrep/v1/evaluate/flags/" .. (os.getenv("OFREP_FLAG") or "bench-flag")
  local headers = { ["Content-Type"] = "application/json" }
  request_for = function(user)
    return wrk.format("POST", path, headers, string.format('{"context":{"targetingKey":"%s","plan":"pro"}}', user))
  end
elseif target == "unleash-frontend" then
  local token = os.getenv("UNLEASH_FRONTEND_TOKEN")
  if not token or token == "" then
    io.stderr:write("ofrep-load.lua: WRK_TARGET=unleash-frontend needs UNLEASH_FRONTEND_TOKEN\n")
    os.exit(2)
  end
  local headers = { ["Authorization"] = token }
  request_for = function(user)
    return wrk.format("GET", string.format("/api/frontend?userId=%s&properties[plan]=pro", user), headers)
  end
else
  io.stderr:write("ofrep-load.lua: unknown WRK_TARGET '" .. target .. "' (allowed: ofrep, unleash-frontend)\n")
  os.exit(2)
end

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
  return request_for(string.format("user-%d-%d", thread_id, counter))
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
