#!/usr/bin/env bash
# Measures antt on this machine: builds release, loads the demo into a fresh
# SQLite database, serves it, and loads it with wrk (Debian's package) at 32
# connections: the people list, searches, and /livez as the ceiling of the
# same server. Prints a Markdown table and the peak memory of `serve`.
#
#   bash bench/run.sh            # 10 s per path
#   DURATION=30s bash bench/run.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash bench/run.sh
#                                # the same on a fresh PostgreSQL database
#
# Only loopback is loaded; every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
command -v wrk >/dev/null || bash scripts/install-test-deps.sh >/dev/null

cargo build --release --quiet
bin=target/release/antt
data=$(mktemp -d)
db_args=()
backend=SQLite
if [ -n "${DATABASE_URL:-}" ]; then
  # A database of its own on that server, dropped at the end.
  name="antt_bench_$$"
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  db_url="${DATABASE_URL%/*}/$name"
  db_args=(--database-url "$db_url")
  backend=PostgreSQL
fi
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
  [ -n "${name:-}" ] && psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
}
server=
trap cleanup EXIT
"$bin" --data-dir "$data" "${db_args[@]}" demo >/dev/null
ANTT_LOG=warn "$bin" --data-dir "$data" "${db_args[@]}" serve --listen "127.0.0.1:$PORT" >/dev/null 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$base/livez" >/dev/null && break; sleep 0.1; done
idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

# Log in as the office, as a browser does.
jar="$data/cookies"
page=$(curl -fs -c "$jar" "$base/login")
token=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=vanphong" --data-urlencode "password=antt-demo-2026" --data-urlencode "_csrf=$token" "$base/login"
session=$(awk '$6 == "antt_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "login failed"; exit 1; }

run() { # label path [extra header]
  local out
  if [ $# -ge 3 ]; then
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: antt_session=$session" -H "$3" "$base$2")
  else
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: antt_session=$session" "$base$2")
  fi
  local rps p50 p99 errors
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  errors=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "antt $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, $backend demo ($(date -u +%F))"
echo
echo "| what | path | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
run "ceiling (trivial handler)" "/livez"
run "people list, page 1" "/people"
run "search, one common word" "/people?q=nguyen"
run "search, a full name" "/people?q=nguyen+van+an"
run "search, as typed (htmx partial)" "/people?q=tran+thi" "HX-Request: true"
run "home figures" "/"
# The same search through the API, with a bearer token (issue 21 found it
# 2.5 times slower than the page).
api_token=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"username":"vanphong","password":"antt-demo-2026"}' "$base/api/v1/auth/token" |
  sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
[ -n "$api_token" ] || { echo "API login failed"; exit 1; }
run "API search, one common word" "/api/v1/people?q=nguyen" "Authorization: Bearer $api_token"
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo
echo "serve resident memory: idle $((idle_kb / 1024)) MB, peak under load $((peak_kb / 1024)) MB"
