#!/usr/bin/env bash
# Continues a run from its newest valid checkpoint: scripts/resume.sh RUN_DIR [--iterations TOTAL ...]
set -euo pipefail
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: scripts/resume.sh RUN_DIR [--iterations TOTAL] [other resume options]" >&2
  exit 2
fi
run="$1"; shift
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" resume --run "$run" "$@"
