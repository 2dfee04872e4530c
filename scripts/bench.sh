#!/usr/bin/env bash
# Prints ms per training step and images/s at batch 64 and 256 (median of 30 steps after
# warm-up), the data pipeline's images/s, and peak RSS. Options: see `scripts/dcgan4j bench --help`.
# --soak N instead trains a default run of N iterations and prints memory and pace every 500.
# Compare with the yardstick, the PyTorch 2.13 CPU wheel, run right before or after on the same machine:
#   python3 -m venv "$HOME/.venvs/torch2" && "$HOME/.venvs/torch2/bin/pip" install "torch==2.13.0+cpu" numpy
#   "$HOME/.venvs/torch2/bin/python" ../shared/reference/torch_dcgan.py --device cpu --batch 64,256 --steps 30 --threads 2
# (PyTorch 1.13 from Debian, /usr/bin/python3 with --steps 20, is about 5x slower than the wheel: a weak yardstick.)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" bench "$@"
