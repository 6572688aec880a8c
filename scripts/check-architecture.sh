#!/usr/bin/env bash
# The layering of ARCHITECTURE.md, checked by machine: which crate may
# depend on which.
set -euo pipefail
fail=0
direct() { cargo tree -p "$1" --depth 1 -e normal --prefix none 2>/dev/null | tail -n +2 | awk '{print $1}'; }
forbid() { # crate, dependency, reason
  if direct "$1" | grep -qx "$2"; then
    echo "architecture: $1 must not depend on $2 ($3)"; fail=1
  fi
}
forbid antt-web antt-store "web calls use cases in antt-core, never the store"
forbid antt-web sea-orm "only antt-store speaks SQL"
forbid antt antt-store "the CLI calls use cases in antt-core, never the store"
forbid antt sea-orm "only antt-store speaks SQL"
forbid antt-core sea-orm "only antt-store speaks SQL"
forbid antt-core axum "use cases know nothing of HTTP"
for dep in tokio axum sea-orm sqlx antt-store; do
  if cargo tree -p antt-domain -e normal --prefix none 2>/dev/null | awk '{print $1}' | grep -qx "$dep"; then
    echo "architecture: antt-domain must not pull $dep (pure types and rules, no IO)"; fail=1
  fi
done
for dep in tokio axum sea-orm sqlx antt-store antt-core; do
  if cargo tree -p antt-docgen -e normal --prefix none 2>/dev/null | awk '{print $1}' | grep -qx "$dep"; then
    echo "architecture: antt-docgen must not pull $dep (files in, files out; no IO, no database)"; fail=1
  fi
done
for dep in axum sea-orm sqlx antt-store antt-core antt-domain; do
  if cargo tree -p antt-mail -e normal --prefix none 2>/dev/null | awk '{print $1}' | grep -qx "$dep"; then
    echo "architecture: antt-mail must not pull $dep (it sends messages it is given; core composes them)"; fail=1
  fi
done
forbid antt-web antt-mail "the screens send no mail; core composes reminders and the server sends them"
[ "$fail" = 0 ] && echo "architecture: ok"
exit "$fail"
