#!/usr/bin/env bash
# Where every run of a sweep stands, one line each (grid values, state, iteration/total, last
# losses and quality numbers); also writes DIR/summary.csv and DIR/curves.png.
#   scripts/sweep-status.sh DIR
set -euo pipefail
if [[ $# -ne 1 ]]; then echo "usage: scripts/sweep-status.sh SWEEP_DIR" >&2; exit 2; fi
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" sweep-status "$1"
