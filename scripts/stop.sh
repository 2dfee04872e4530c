#!/usr/bin/env bash
# Stops a run gracefully (it finishes its iteration and writes a checkpoint): scripts/stop.sh RUN_DIR
# Waits up to STOP_TIMEOUT seconds (default 300) for the process to exit.
set -euo pipefail
if [[ $# -ne 1 ]]; then echo "usage: scripts/stop.sh RUN_DIR" >&2; exit 2; fi
status="$1/status.json"
if [[ ! -f "$status" ]]; then echo "stop.sh: $status does not exist (not a run folder?)" >&2; exit 1; fi
pid="$(sed -n 's/^ *"pid" *: *\([0-9][0-9]*\).*/\1/p' "$status" | head -n 1)"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
  echo "stop.sh: the run in $1 is not running (pid ${pid:-unknown})" >&2
  exit 1
fi
if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "dcgan4j"; then
  echo "stop.sh: pid $pid is not a dcgan4j process; not stopping it" >&2
  exit 1
fi
kill -TERM "$pid"
echo "stop.sh: asked pid $pid to stop; waiting for its checkpoint..."
for _ in $(seq 1 "$(( ${STOP_TIMEOUT:-300} * 5 ))"); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "stopped; newest checkpoint: $(cat "$1/checkpoints/latest" 2>/dev/null || echo none)"
    exit 0
  fi
  sleep 0.2
done
echo "stop.sh: pid $pid still running after ${STOP_TIMEOUT:-300} s" >&2
exit 1
