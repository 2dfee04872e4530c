#!/usr/bin/env bash
# A sweep: one run per combination of a grid of train options, on Slurm or on this machine.
#   scripts/sweep.sh --out DIR [--slurm [--sbatch "EXTRA SBATCH ARGS"] | --local N] \
#                    --grid KEY=V1,V2,... [--grid KEY=...] -- [train options shared by all runs]
# DIR/plan.json holds the grid; each run is an ordinary run folder DIR/runs/NNN-key=value,...
# --slurm submits one job array (the jar is built here first; tasks never rebuild it) whose tasks
# checkpoint on SIGTERM and requeue themselves; --local N runs N at a time and, run again,
# resumes what is unfinished. See `scripts/dcgan4j sweep --help` and scripts/sweep-status.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Build in the foreground, so that build errors show here and every task finds the jar.
DCGAN4J_BUILD_ONLY=1 "$here/dcgan4j" sweep
exec "$here/dcgan4j" sweep "$@"
