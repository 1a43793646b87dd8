-- wrk script: each request is a new citizen report with its own clientReportId.
-- BENCH_SPREAD=scattered puts reports across three regions of Vietnam (mostly new incidents);
-- BENCH_SPREAD=hotspot puts them all within ~100 m of one market (one incident, every report merges).
local spread = os.getenv("BENCH_SPREAD") or "scattered"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(template, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

local function position()
  if spread == "hotspot" then
    return 21.3856 + (math.random() - 0.5) * 0.0018, 103.0169 + (math.random() - 0.5) * 0.0018
  end
  -- Three regions wholly inside the service area: the Red River delta, the Central Highlands, the Mekong delta.
  local region = math.random(1, 3)
  if region == 1 then
    return 20.6 + math.random() * 1.2, 104.6 + math.random() * 1.9
  elseif region == 2 then
    return 11.9 + math.random() * 2.5, 107.65 + math.random() * 1.2
  end
  return 9.4 + math.random() * 1.3, 105.1 + math.random() * 1.4
end

function request()
  local lat, lon = position()
  local body = string.format(
    '{"clientReportId":"%s","location":{"lat":%.6f,"lon":%.6f,"accuracyM":%d},"kind":"FIRE",' ..
    '"description":"Cháy nhà, khói đen","reporter":{"phone":"+84912345678"}}',
    uuid(), lat, lon, math.random(5, 60))
  return wrk.format("POST", "/api/v1/reports", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_status=%d errors_socket=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
