#!/usr/bin/env bash
# Trains a DCGAN. Without options: the embedded MNIST digits, default settings (~30 min on 2 cores).
# Takes the same options as `scripts/dcgan4j train` (see `scripts/dcgan4j train --help`).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/dcgan4j" train "$@"
