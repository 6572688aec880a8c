#!/usr/bin/env bash
# Fetches the front-end libraries the binary serves, from the npm registry,
# pinned, with their licences, into crates/web/static/vendor/. The files are
# committed (the binary embeds them; a school LAN may have no internet), so
# this runs only to upgrade: change the version, run, review, commit.
set -euo pipefail
HTMX_VERSION=2.0.4
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/crates/web/static/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@$HTMX_VERSION" >/dev/null && tar xzf htmx.org-*.tgz)
cp "$tmp/package/dist/htmx.min.js" "$out/htmx.min.js"
cp "$tmp/package/LICENSE" "$out/htmx.LICENSE"
echo "htmx.org@$HTMX_VERSION" > "$out/VERSIONS"
sha256sum "$out/htmx.min.js"
