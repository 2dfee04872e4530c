#!/usr/bin/env bash
# Shows runs in TensorBoard: scripts/tensorboard.sh [FOLDER]   (default: the project's checkpoints/)
# FOLDER may be one run, a sweep folder or checkpoints/: each run under it is a TensorBoard run
# named by its folder (RUN/tensorboard). TensorBoard listens on 127.0.0.1 only; the script prints
# the ssh -L line that tunnels it to a laptop.
# Environment: TENSORBOARD_PORT (default 6006); TENSORBOARD, the tensorboard command (default: the
# one on PATH, else the project's .venv-tensorboard/bin/tensorboard).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -gt 1 ]]; then echo "usage: scripts/tensorboard.sh [FOLDER]" >&2; exit 2; fi
folder="${1:-$here/../checkpoints}"
port="${TENSORBOARD_PORT:-6006}"
if [[ ! -d "$folder" ]]; then echo "tensorboard.sh: $folder is not a folder" >&2; exit 2; fi
if [[ ! "$port" =~ ^[0-9]+$ ]]; then echo "tensorboard.sh: TENSORBOARD_PORT must be a port number, got '$port'" >&2; exit 2; fi

tb="${TENSORBOARD:-}"
if [[ -z "$tb" ]]; then
  if command -v tensorboard >/dev/null; then
    tb=tensorboard
  elif [[ -x "$here/../.venv-tensorboard/bin/tensorboard" ]]; then
    tb="$here/../.venv-tensorboard/bin/tensorboard"
  fi
fi
if [[ -z "$tb" ]] || ! command -v "$tb" >/dev/null; then
  echo "tensorboard.sh: TensorBoard is not installed; install it in a venv: python3 -m venv .venv-tensorboard && .venv-tensorboard/bin/pip install tensorboard" >&2
  exit 127
fi

echo "TensorBoard for $folder on http://127.0.0.1:$port/"
echo "from a laptop: ssh -L $port:127.0.0.1:$port $(id -un)@$(hostname -f 2>/dev/null || hostname), then open http://localhost:$port/"
# Keep every sample grid (the step slider replays training) and every note, up to 100,000 each
# ("0" would mean all to the Python loader but none to the Rust data server); scalars keep
# TensorBoard's default sample of 1,000 points per curve.
exec "$tb" --logdir="$folder" --host=127.0.0.1 --port="$port" --samples_per_plugin=images=100000,text=100000
