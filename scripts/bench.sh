#!/usr/bin/env bash
# Prints ms per training step and images/s at batch 64 and 256 (median of 30 steps after
# warm-up), the data pipeline's images/s, and peak RSS. Options: see `scripts/dcgan4j bench --help`.
# Compare with the PyTorch yardstick run right before or after, on the same machine:
#   /usr/bin/python3 ../shared/reference/torch_dcgan.py --device cpu --batch 64,256 --steps 20 --threads 2
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" bench "$@"
