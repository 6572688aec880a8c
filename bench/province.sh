#!/usr/bin/env bash
# A whole province on one PostgreSQL (issue 21, part 7): the demo grown to
# UNITS units and PEOPLE people (2,000 and two million: as many
# attendances, about 200,000 tips), served by the
# release build. Then, at 32 connections with a unit picked at random for
# every request (many units active at once): a unit's people search on the
# API and on the page, and its home page; the province's standing, the
# dossiers' ranking and the province's reports, timed one at a time; the
# server's peak memory. Prints a Markdown table. Never run by CI.
#
#   bash bench/province.sh
#   UNITS=500 PEOPLE=200000 DURATION=5s bash bench/province.sh   # smaller
#   DATABASE_URL=postgres://user@host:5432/postgres bash bench/province.sh
#   KEEP=antt_province bash bench/province.sh   # grow once into that
#       database, keep it, and measure it again on the next run
set -euo pipefail
cd "$(dirname "$0")/.."
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
UNITS=${UNITS:-2000}
PEOPLE=${PEOPLE:-2000000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18081}
command -v wrk >/dev/null || bash scripts/install-test-deps.sh >/dev/null

cargo build --release --quiet
bin=target/release/antt
# A kept database keeps its data directory too: the tip key is there.
if [ -n "${KEEP:-}" ]; then data=${TMPDIR:-/tmp}/$KEEP.data; mkdir -p "$data"; else data=$(mktemp -d); fi
name=${KEEP:-antt_province_$$}
db_url="${DATABASE_URL%/*}/$name"
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$data"
  [ -n "${KEEP:-}" ] || psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
}
trap cleanup EXIT

started=$(date +%s)
if [ -n "${KEEP:-}" ] && psql "$db_url" -qAtc "SELECT 1 FROM units LIMIT 1" >/dev/null 2>&1; then
  # Grown by an earlier run: migrated to this build, measured as it is.
  ANTT_LOG=warn "$bin" --data-dir "$data" --database-url "$db_url" migrate >/dev/null 2>&1
  counts=$(psql "$db_url" -qAt -F ' ' -c "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM people),
    (SELECT count(*) FROM attendances), (SELECT count(*) FROM tips)")
else
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  ANTT_LOG=warn "$bin" --data-dir "$data" --database-url "$db_url" demo >/dev/null 2>&1
  counts=$(psql "$db_url" -qAt -F ' ' -v units="$UNITS" -v people="$PEOPLE" -f bench/province-scale.sql | tail -n 1)
fi
read -r n_units n_people n_attendances n_tips <<<"$counts"
grown=$(($(date +%s) - started))
db_size=$(psql "$db_url" -qAtc "SELECT pg_size_pretty(pg_database_size(current_database()))")

ANTT_LOG=warn "$bin" --data-dir "$data" --database-url "$db_url" serve --listen "127.0.0.1:$PORT" >/dev/null 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 200); do curl -fs "$base/livez" >/dev/null && break; sleep 0.1; done

# The province officer, as a browser and on the API.
jar="$data/cookies"
page=$(curl -fs -c "$jar" "$base/login")
csrf=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=congan.tinh" \
  --data-urlencode "password=antt-demo-2026" --data-urlencode "_csrf=$csrf" "$base/login"
session=$(awk '$6 == "antt_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "login failed"; exit 1; }
token=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"congan.tinh","password":"antt-demo-2026"}' "$base/api/v1/auth/token" |
  sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "API login failed"; exit 1; }

# Every request names a unit picked at random.
psql "$db_url" -qAtc "SELECT id FROM units WHERE kind NOT IN ('province_police', 'ward_police')" >"$data/units"
cat >"$data/random.lua" <<LUA
local ids = {}
for line in io.lines("$data/units") do ids[#ids + 1] = line end
math.randomseed(124)
request = function()
  local path = string.gsub(wrk.path, "UNIT", ids[math.random(#ids)])
  return wrk.format(nil, path)
end
LUA

run() { # label path [header]
  local out rps p50 p99 errors
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$data/random.lua" \
    -H "Cookie: antt_session=$session" ${3:+-H "$3"} "$base$2")
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  errors=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${errors:-0}"
}

timed() { # label path: the median of five, one at a time
  local times median status
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "antt_session=$session" "$base$2")
  times=$(for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -b "antt_session=$session" "$base$2"
  done | sort -n)
  median=$(printf '%s\n' "$times" | sed -n 3p)
  printf '| %s | `%s` | %s ms | %s |\n' "$1" "$2" "$(awk -v t="$median" 'BEGIN { printf "%.0f", t * 1000 }')" "$status"
}

echo "antt $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, PostgreSQL $(psql "$db_url" -qAtc 'SHOW server_version'), $(date -u +%F)"
echo "data: $n_units units, $n_people people, $n_attendances attendances, $n_tips tips; $db_size; grown in ${grown} s"
echo
echo "| what | path | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
run "a unit's people search, API" "/api/v1/people?unit=UNIT&q=nguyen" "Authorization: Bearer $token"
run "a unit's people search, page" "/people?unit=UNIT&q=nguyen"
run "a unit's home page" "/?unit=UNIT"
echo
echo "| what | path | median of 5 | status |"
echo "|---|---|---|---|"
timed "the province's standing" "/province?year=2026"
timed "the dossiers' ranking" "/assessment/units?year=2026&sort=score"
timed "the province's yearly report (Word)" "/province/report?year=2026"
timed "the five-year report (Word)" "/province/report?year=2026&years=5"
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo
echo "serve peak resident memory: $((peak_kb / 1024)) MB"
