#!/usr/bin/env bash
# Prints where a run stands (from its status.json): scripts/status.sh RUN_DIR
set -euo pipefail
if [[ $# -ne 1 ]]; then echo "usage: scripts/status.sh RUN_DIR" >&2; exit 2; fi
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" status --run "$1"
