#!/usr/bin/env bash
# Moving a school onto the province's server: loads the demo into a scratch
# SQLite instance, copies it with `antt db copy --to postgres://…` into a
# fresh PostgreSQL database, runs `antt db verify` there (schema, audit
# chain), checks that a second copy into the same database is refused, and
# drops the database. Needs ANTT_TEST_DATABASE_URL (the server's admin URL).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ANTT_BIN:-}
if [ -z "$bin" ]; then
  cargo build -q --locked -p antt
  bin=target/debug/antt
fi
admin=${ANTT_TEST_DATABASE_URL:?set ANTT_TEST_DATABASE_URL to a PostgreSQL server}
name="antt_copy_$$"
target="${admin%/*}/$name"
dir=$(mktemp -d)
trap 'psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null

ANTT_DATA_DIR="$dir" ANTT_PASSWORD_COST=fast "$bin" demo >/dev/null
ANTT_DATA_DIR="$dir" "$bin" db copy --to "$target" | tee "$dir/copy.log" | tail -3
grep -q "chuỗi băm khớp" "$dir/copy.log"
"$bin" --database-url "$target" db verify
if ANTT_DATA_DIR="$dir" "$bin" db copy --to "$target" >"$dir/again.log" 2>&1; then
  echo "a second copy into a database with data was not refused"; exit 1
fi
grep -q "not empty" "$dir/again.log" || { cat "$dir/again.log"; exit 1; }
echo "db copy: ok"
