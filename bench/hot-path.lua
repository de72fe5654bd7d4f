-- POSTs one chat request for bench/hot-path.sh. BODY (or BODY_FILE), KEY and HEADERS (extra "Name: value" lines) come from the
-- environment, so one script serves every target. No response() callback: wrk would then copy every body into Lua,
-- and on a 2-core machine the load generator's time is taken from the targets. wrk counts 4xx and 5xx answers in
-- errors.status; the script checks each target's answers with curl before it loads it.
wrk.method = "POST"
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then -- a body too large for the environment (a long prompt)
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
else
  wrk.body = os.getenv("BODY")
end
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
for line in string.gmatch(os.getenv("HEADERS") or "", "[^\n]+") do
  local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
