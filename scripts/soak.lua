-- wrk script of scripts/soak: each request is a random path of the file
-- named by SOAK_URLS (one path per line, weighted by repetition); at the
-- end, one JSON line with the totals, errors and latency percentiles.
local paths = {}

local function load()
  local file = assert(io.open(os.getenv("SOAK_URLS"), "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
end

init = function(args)
  load()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Accept-Language"] = "zh-CN"})
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_ms": %.1f, "p90_ms": %.1f, ' ..
    '"p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
