#!/usr/bin/env bash
# A PNG of TensorBoard's page for a folder of runs, taken by headless Chromium:
#   scripts/tensorboard-screenshot.sh FOLDER OUT.png [TAG_FILTER]
# Starts scripts/tensorboard.sh on a free loopback port, waits until its endpoints list a run's
# loss/D and sample grid, screenshots the Time Series dashboard (default filter: loss|samples, the loss
# curves and the sample grid with its step slider), then stops TensorBoard.
# Needs TensorBoard (see scripts/tensorboard.sh) and Chromium (Debian: apt-get install chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 2 || $# -gt 3 ]]; then echo "usage: scripts/tensorboard-screenshot.sh FOLDER OUT.png [TAG_FILTER]" >&2; exit 2; fi
folder="$1"
out="$2"
filter="${3:-loss|samples}"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$chromium" ]]; then echo "tensorboard-screenshot.sh: Chromium is not installed; on Debian: apt-get install chromium" >&2; exit 127; fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp "${TMPDIR:-/tmp}/tensorboard-screenshot.XXXXXX")"
TENSORBOARD_PORT="$port" "$here/tensorboard.sh" "$folder" >"$log" 2>&1 &
tb=$!
trap 'kill "$tb" 2>/dev/null || true; wait "$tb" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  if curl -fs "http://127.0.0.1:$port/data/plugin/scalars/tags" 2>/dev/null | grep -q '"loss/D"' \
     && curl -fs "http://127.0.0.1:$port/data/plugin/images/tags" 2>/dev/null | grep -q '"samples/fixed_noise"'; then break; fi
  if ! kill -0 "$tb" 2>/dev/null; then echo "tensorboard-screenshot.sh: TensorBoard ended:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.2
done
encoded="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$filter")"
# Twice: on a fresh TensorBoard the page's first data requests outlast Chromium's virtual time
# (blank cards); the second load finds them ready.
"$chromium" --headless=new --no-sandbox --enable-unsafe-swiftshader --window-size=1600,1200 \
  --virtual-time-budget=20000 --screenshot="$out" "http://127.0.0.1:$port/?tagFilter=$encoded#timeseries" 2>/dev/null
"$chromium" --headless=new --no-sandbox --enable-unsafe-swiftshader --hide-scrollbars --window-size=1600,1200 \
  --virtual-time-budget=20000 --screenshot="$out" "http://127.0.0.1:$port/?tagFilter=$encoded#timeseries" 2>/dev/null
echo "screenshot: $out"
