#!/usr/bin/env bash
# The main job, end to end: build a system container from a Guix-style
# config, boot it, show its service working from inside, and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
OSCDSL=${OSCDSL:-.venv/bin/oscdsl}
CONFIG=examples/web-container.scm
LOG=$(mktemp -d)

echo "==> oscdsl explain $CONFIG   (what containerization changes)"
"$OSCDSL" explain "$CONFIG" | head -n 25
echo "    ..."

echo "==> oscdsl container --run $CONFIG"
"$OSCDSL" container --run "$CONFIG" >"$LOG/out" 2>"$LOG/err" &
runner=$!
trap 'kill "$runner" 2>/dev/null || true; rm -rf "$LOG"' EXIT
for _ in $(seq 1 120); do
  grep -q "running as PID" "$LOG/out" 2>/dev/null && break
  if ! kill -0 "$runner" 2>/dev/null; then cat "$LOG/out" "$LOG/err"; exit 1; fi
  sleep 0.5
done
cat "$LOG/out"
pid=$(grep -oE 'PID [0-9]+' "$LOG/out" | head -n 1 | cut -d' ' -f2)
sleep 1

echo "==> oscdsl container status $pid"
"$OSCDSL" container status "$pid"

echo "==> oscdsl container exec $pid -- python3 (a client from the profile)"
"$OSCDSL" container exec "$pid" -- python3 -c \
  "import urllib.request as u; print(u.urlopen('http://127.0.0.1:8080').read().decode(), end='')"

echo "==> inside: host name, accounts, and no host /usr"
"$OSCDSL" container exec "$pid" -- sh -c \
  'echo "hostname: $(cat /etc/hostname)"; grep alice /etc/passwd; readlink /usr'

echo "==> oscdsl container stop $pid"
"$OSCDSL" container stop "$pid"
wait "$runner"
echo "==> the container exited with status $?"
