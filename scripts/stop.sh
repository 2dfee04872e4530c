#!/usr/bin/env bash
# Stops a run gracefully (it finishes its iteration and writes a checkpoint): scripts/stop.sh RUN_DIR
# Waits up to STOP_TIMEOUT seconds (default 300) for the process to exit.
# The pid in status.json is signalled only if that process started when the run's process did
# (status.json records its start time): a pid the system has since given to another process is left alone.
set -euo pipefail
if [[ $# -ne 1 ]]; then echo "usage: scripts/stop.sh RUN_DIR" >&2; exit 2; fi
status="$1/status.json"
if [[ ! -f "$status" ]]; then echo "stop.sh: $status does not exist (not a run folder?)" >&2; exit 1; fi
field() { sed -n "s/^ *\"$1\" *: *\([0-9][0-9]*\).*/\1/p" "$status" | head -n 1; }
pid="$(field pid)"
recorded="$(field processStartMs)"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
  echo "stop.sh: the run in $1 is not running (pid ${pid:-unknown})" >&2
  exit 1
fi
if [[ -z "$recorded" ]]; then
  echo "stop.sh: $status has no process start time (written by an older dcgan4j); not signalling pid $pid: check it and stop it yourself" >&2
  exit 1
fi
# Start time of $pid in ms since the epoch: boot time + clock ticks after boot (field 22 of
# /proc/PID/stat, counted after the ')' that ends the command name, which may hold spaces).
ticks="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $20}')"
boot="$(awk '/^btime/ {print $2}' /proc/stat)"
hz="$(getconf CLK_TCK)"
if [[ -z "$ticks" ]]; then echo "stop.sh: pid $pid ended meanwhile" >&2; exit 1; fi
started=$(( boot * 1000 + ticks * 1000 / hz ))
diff=$(( started > recorded ? started - recorded : recorded - started ))
if (( diff > 1500 )); then
  echo "stop.sh: pid $pid is not the run's process (it started at another time; the run's process is gone); not stopping it" >&2
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
