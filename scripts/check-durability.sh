#!/usr/bin/env bash
# Nothing a reporter was told is saved is ever lost: serves the demo on a
# scratch SQLite database, has eight clients send tips as fast as the
# server takes them (each from its own made-up address, through a trusted
# proxy, so the flood limits do not stop them), kills the server with
# SIGKILL in the middle three times and starts it again, then checks that
# every tip acknowledged with a receipt is found by its receipt and that
# `antt db verify` (file integrity, schema, audit chain) is clean.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ANTT_BIN:-}
if [ -z "$bin" ]; then
  cargo build -q --locked -p antt
  bin=target/debug/antt
fi
rounds=${ANTT_KILL_ROUNDS:-3}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
server=
trap 'kill -9 "$server" 2>/dev/null || true; kill "$load" 2>/dev/null || true; rm -rf "$dir"' EXIT

start() {
  ANTT_DATA_DIR="$dir" ANTT_TRUSTED_PROXIES=127.0.0.1 \
    "$bin" serve ${1:-} --listen "127.0.0.1:$port" >>"$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "durability: the server did not start"; tail -20 "$dir/server.log"; exit 1
}

cat >"$dir/load.py" <<'PY'
import json, random, sys, threading, time, urllib.request
base, out = sys.argv[1], sys.argv[2]
stop = time.time() + float(sys.argv[3])
lock = threading.Lock()
def client(n):
    i = 0
    while time.time() < stop:
        i += 1
        body = json.dumps({"unit": "CDLC", "category": "traffic", "anonymous": True,
                           "description": f"Tin báo thử độ bền {n}-{i}: xe đi ngược chiều trước cổng"}).encode()
        req = urllib.request.Request(base + "/api/v1/public/tips", data=body, headers={
            "content-type": "application/json",
            "x-forwarded-for": f"10.{n}.{random.randrange(256)}.{random.randrange(1, 255)}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                if r.status == 201:
                    receipt = json.load(r)["receipt"]
                    with lock, open(out, "a") as f:
                        f.write(receipt + "\n")
        except Exception:
            time.sleep(0.05)  # the server is down or refused: try again
threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
PY

start --demo
: >"$dir/receipts"
python3 "$dir/load.py" "$base" "$dir/receipts" $((rounds * 6 + 4)) &
load=$!
for round in $(seq 1 "$rounds"); do
  sleep $((3 + RANDOM % 3))
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  echo "durability: killed the server (round $round) after $(wc -l <"$dir/receipts") acknowledged tips"
  start
done
wait "$load" || true
acknowledged=$(wc -l <"$dir/receipts")
[ "$acknowledged" -ge 20 ] || { echo "durability: only $acknowledged tips were acknowledged"; exit 1; }

missing=$(python3 - "$base" "$dir/receipts" <<'PY'
import json, sys, urllib.request, random
base, path = sys.argv[1], sys.argv[2]
missing = 0
for n, receipt in enumerate(open(path).read().split()):
    req = urllib.request.Request(base + "/api/v1/public/tips/status",
        data=json.dumps({"receipt": receipt}).encode(),
        headers={"content-type": "application/json",
                 "x-forwarded-for": f"172.16.{n // 250}.{n % 250 + 1}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            ok = r.status == 200 and json.load(r)["unit"]
    except Exception as e:
        ok = False
    if not ok:
        missing += 1
        print(f"lost: {receipt}", file=sys.stderr)
print(missing)
PY
)
kill "$server"; wait "$server" 2>/dev/null || true
ANTT_DATA_DIR="$dir" "$bin" db verify
if [ "$missing" -ne 0 ]; then
  echo "durability: $missing of $acknowledged acknowledged tips were lost"; exit 1
fi
echo "durability: $acknowledged tips acknowledged across $rounds kills with SIGKILL, all found by their receipts; db verify clean"
