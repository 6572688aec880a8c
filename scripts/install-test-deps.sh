#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests need that cargo cannot
# fetch: PostgreSQL (server), Chromium and ChromeDriver (browser tests),
# LibreOffice Writer and Calc and poppler's pdfinfo/pdftotext (open the
# generated Word and Excel files, turn them into PDF or CSV and read them
# back, to prove they open), wrk (benchmarks), and from PyPI Schemathesis and openapi-spec-validator (the
# API fuzz run). Idempotent: installs only what is missing.
set -euo pipefail

want=()
command -v pg_ctlcluster >/dev/null 2>&1 || want+=(postgresql)
[ -x /usr/bin/chromium ] || want+=(chromium)
[ -x /usr/bin/chromedriver ] || want+=(chromium-driver)
command -v wrk >/dev/null 2>&1 || want+=(wrk)
command -v soffice >/dev/null 2>&1 || want+=(libreoffice-writer-nogui)
# Calc, to open the generated Excel workbooks the same way.
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || want+=(libreoffice-calc-nogui)
command -v pdfinfo >/dev/null 2>&1 || want+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi 'dejavu' || want+=(fonts-dejavu-core)
# Metric-compatible with Times New Roman, so the PDF of a plan lays out as in Word.
command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi 'liberation serif' || want+=(fonts-liberation2)

if [ "${#want[@]}" -gt 0 ]; then
  echo "install-test-deps: installing ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
# The API fuzzer and the OpenAPI validator (scripts/check-api.sh), from PyPI,
# in a virtual environment of their own, at pinned versions.
tools=${ANTT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/antt-tools}
if ! "$tools/venv/bin/schemathesis" --version 2>/dev/null | grep -q "4.32.5" \
  || [ ! -x "$tools/venv/bin/openapi-spec-validator" ]; then
  echo "install-test-deps: installing schemathesis and openapi-spec-validator into $tools/venv"
  mkdir -p "$tools"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install -q "schemathesis==4.32.5" "openapi-spec-validator==0.9.0"
fi
echo "install-test-deps: ok"
