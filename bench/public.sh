#!/usr/bin/env bash
# What anyone without an account can make the server spend: builds release,
# loads the demo into a fresh SQLite database, serves it behind a "proxy"
# (trusted_proxies = 127.0.0.1, so every request can come from an address
# of its own and no flood limit hides the work), and loads it with wrk at
# 64 connections:
#
#   1. receipt checks only (each one a 19 MiB argon2id hash before),
#   2. a mix of receipt checks, tip submissions and wrong logins.
#
# Prints a Markdown table with the answers by status, and the resident
# memory of `serve`: idle, after each run, and its peak (VmHWM).
#
#   bash bench/public.sh               # 20 s per run
#   DURATION=60s CONNECTIONS=128 bash bench/public.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18081}
command -v wrk >/dev/null || bash scripts/install-test-deps.sh >/dev/null

cargo build --release --quiet
bin=target/release/antt
data=$(mktemp -d)
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
server=
trap cleanup EXIT
"$bin" --data-dir "$data" demo >/dev/null
ANTT_LOG=error ANTT_TRUSTED_PROXIES=127.0.0.1 \
  "$bin" --data-dir "$data" serve --listen "127.0.0.1:$PORT" >/dev/null 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$base/livez" >/dev/null && break; sleep 0.1; done
rss() { awk -v k="$1" '$1 == k":" {printf "%d", $2 / 1024}' "/proc/$server/status"; }
idle=$(rss VmRSS)

cat >"$data/public.lua" <<'LUA'
-- Each request from an address of its own; MIX=1 mixes in tip
-- submissions and wrong logins with the receipt checks.
local mix = os.getenv("MIX") == "1"
local counts = {}
local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
init = function()
  math.randomseed(os.time() * 1000 + id)
  statuses = {}
end
local function address()
  return string.format("198.%d.%d.%d", math.random(18, 19), math.random(0, 255), math.random(1, 254))
end
request = function()
  local headers = { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = address() }
  local pick = mix and math.random(1, 3) or 1
  if pick == 1 then
    local body = string.format('{"receipt":"%08d%08d"}', math.random(0, 99999999), math.random(0, 99999999))
    return wrk.format("POST", "/api/v1/public/tips/status", headers, body)
  elseif pick == 2 then
    local body = '{"unit":"CDLC","category":"traffic","anonymous":true,'
      .. '"description":"Xe máy chạy nhanh trước cổng trường lúc tan học"}'
    return wrk.format("POST", "/api/v1/public/tips", headers, body)
  else
    local body = string.format('{"username":"baove","password":"doan-%d"}', math.random(1, 1e9))
    return wrk.format("POST", "/api/v1/auth/token", headers, body)
  end
end
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function()
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      all[status] = (all[status] or 0) + n
    end
  end
  local keys = {}
  for status in pairs(all) do table.insert(keys, status) end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do table.insert(parts, status .. ": " .. all[status]) end
  io.write("STATUSES " .. table.concat(parts, ", ") .. "\n")
end
LUA

run() { # label mix
  local out rps p50 p99 statuses
  out=$(MIX=$2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$data/public.lua" "$base")
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  statuses=$(printf '%s\n' "$out" | sed -n 's/^STATUSES //p')
  printf '| %s | %s | %s | %s | %s | %s MB |\n' "$1" "$rps" "$p50" "$p99" "$statuses" "$(rss VmRSS)"
}

echo "antt $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, SQLite demo ($(date -u +%F))"
echo
echo "| load | req/s | p50 | p99 | answers by status | RSS after |"
echo "|---|---|---|---|---|---|"
run "receipt checks" 0
run "receipts, tips and logins mixed" 1
echo
echo "serve resident memory: idle $idle MB, peak $(rss VmHWM) MB"
