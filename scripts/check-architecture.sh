#!/usr/bin/env bash
# The layering of ARCHITECTURE.md, checked by machine: which crate may
# depend on which, the one write path, the one table of rights, the one
# vocabulary, and a row of the feature map for every feature.
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
for dep in $(direct antt-words); do
  [ "$dep" = antt-domain ] || { echo "architecture: antt-words depends on antt-domain only, not $dep"; fail=1; }
done

# Source rules: file:line of each breach, so it can be mended at once.
breach() { # reason, then grep output
  local reason=$1 hits=$2
  if [ -n "$hits" ]; then
    echo "architecture: $reason"; printf '%s\n' "$hits" | sed 's/^/  /'; fail=1
  fi
}
breach "a transaction is begun only by core::write (the one write path)" \
  "$(grep -rn '\.begin()' crates/core/src crates/web/src crates/app/src | grep -v '^crates/core/src/write.rs:')"
breach "use cases belong to a feature's service, not to the root type Antt" \
  "$(grep -rln '^impl Antt\b' crates/core/src | grep -v -e '^crates/core/src/lib.rs$' -e '^crates/core/src/demo.rs$')"
breach "the screens ask Role::can, they do not match roles by hand" \
  "$(grep -rnE 'Role::[A-Z][A-Za-z]+' crates/web/src | grep -v -e 'MemberRole::' -e 'InvolvedRole::' -e 'Role::ALL')"
breach "the Vietnamese word for a domain code lives in antt-words" \
  "$(grep -rnP '^\s*(\w+::)+[A-Z]\w* => "[^"]*[\x{C0}-\x{1EF9}]' crates/web/src crates/app/src)"
breach "a write commits with its audit entry (Write::commit), not by hand" \
  "$(grep -rn 'commit_audited\|tx\.commit()' crates/core/src | grep -v '^crates/core/src/write.rs:')"
breach "the store's new tip carries no plain text of the tip" \
  "$(sed -n '/^pub struct NewTip/,/^}/p' crates/store/src/tip.rs | grep -n 'TipInput\|description\|contact: \|place: ')"
for feature in $(ls crates/core/src | sed 's/\.rs$//'); do
  case $feature in actor|cache|clock|context|error|lib|password|write|demo|sealed|export|import) continue ;; esac
  grep -q "| \`$feature" ARCHITECTURE.md || grep -q "\`$feature/\` (" ARCHITECTURE.md || grep -q "\`$feature\` (" ARCHITECTURE.md || {
    echo "architecture: core::$feature has no row in the feature map of ARCHITECTURE.md"; fail=1; }
done
[ "$fail" = 0 ] && echo "architecture: ok"
exit "$fail"
