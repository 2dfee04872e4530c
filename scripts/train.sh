#!/usr/bin/env bash
# Trains a DCGAN. Without options: the embedded MNIST digits, default settings (about 6 min on 2 AMD EPYC cores; see README "Speed").
# Takes the same options as `scripts/dcgan4j train` (see `scripts/dcgan4j train --help`), plus:
#   --detach   start in the background, immune to hang-up; prints the run folder, log and pid
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

detach=0
args=()
for arg in "$@"; do
  if [[ "$arg" == "--detach" ]]; then detach=1; else args+=("$arg"); fi
done
if [[ $detach -eq 0 ]]; then
  exec "$here/dcgan4j" train "${args[@]}"
fi

# Build (if needed) in the foreground, so that build errors show here. (--version would not do:
# read-only commands never rebuild a jar that exists.)
DCGAN4J_BUILD_ONLY=1 "$here/dcgan4j" train "${args[@]}"
out="$(mktemp "${TMPDIR:-/tmp}/dcgan4j-detached.XXXXXX")"
setsid nohup "$here/dcgan4j" train "${args[@]}" >"$out" 2>&1 </dev/null &
pid=$!
run=""
for _ in $(seq 1 600); do
  run="$(sed -n 's/^dcgan4j .*: new run in //p' "$out" | head -n 1)"
  [[ -n "$run" ]] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "train.sh: the run did not start:" >&2
    cat "$out" >&2
    exit 1
  fi
  sleep 0.2
done
if [[ -z "$run" ]]; then
  echo "train.sh: no run folder after 120 s; see $out (pid $pid)" >&2
  exit 1
fi
echo "run folder: $run"
echo "log:        $run/train.log"
echo "pid:        $pid"
echo "console:    $out"
echo "status:     scripts/status.sh $run"
echo "stop:       scripts/stop.sh $run"
