-- wrk script for test/bench/intake-throughput.bench.mjs: POST /v1/reports with a new idempotency
-- key per request (prefix from the first script argument), optional pause per connection (AQ_DELAY_MS).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  prefix = args[1] or "wrk"
  n = 0
  pause = tonumber(os.getenv("AQ_DELAY_MS") or "0")
end
function request()
  n = n + 1
  local id = prefix .. "-" .. tid .. "-" .. n
  local body = '{"id":"' .. id .. '","kind":"report","createdAt":"2026-01-01T00:00:00.000Z","sdkVersion":"0.1.0","profile":"cn","payload":{"category":"A1.g","description":"load test report"}}'
  return wrk.format("POST", "/v1/reports", { ["content-type"] = "application/json", ["idempotency-key"] = id }, body)
end
function delay()
  return pause
end
