#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth
# for the tests, and prints the URL the tests use (ANTT_TEST_DATABASE_URL).
# Installs Debian's postgresql when missing, starts the cluster when it is
# stopped. Idempotent.
set -euo pipefail
url="postgres://postgres@127.0.0.1:5432/postgres"

ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "start-postgres: installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  conf="/etc/postgresql/$version/main"
  # Loopback only, trust: a throwaway server for tests on this machine.
  if ! grep -q "antt-tests" "$conf/pg_hba.conf"; then
    {
      echo "# antt-tests"
      echo "host all all 127.0.0.1/32 trust"
      echo "host all all ::1/128 trust"
      echo "local all all trust"
    } | cat - "$conf/pg_hba.conf" > "$conf/pg_hba.conf.new"
    mv "$conf/pg_hba.conf.new" "$conf/pg_hba.conf"
    chown postgres:postgres "$conf/pg_hba.conf"
  fi
  sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || pg_ctlcluster --skip-systemctl-redirect "$version" main restart >&2
  for _ in $(seq 1 60); do ready && break; sleep 0.5; done
fi
ready || { echo "start-postgres: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
psql "$url" -tAc "select 1" >/dev/null
echo "$url"
