#!/usr/bin/env bash
# Runs the whole test suite (mvn -B verify). The TensorBoard tests read our event files with
# TensorBoard's own Python reader: on first use this makes .venv-tensorboard and installs
# TensorBoard in it (pip; it needs python3 with venv). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${DCGAN4J_TENSORBOARD_PYTHON:-}" ]]; then
  if ! .venv-tensorboard/bin/python -c 'import tensorboard.backend.event_processing.event_accumulator' 2>/dev/null; then
    echo "test: installing TensorBoard's reader in .venv-tensorboard (first run)" >&2
    rm -rf .venv-tensorboard
    python3 -m venv .venv-tensorboard
    # --retries 0: where only a local wheel store answers, pip would retry the public index for
    # every package.
    .venv-tensorboard/bin/pip install -q --retries 0 tensorboard
  fi
  export DCGAN4J_TENSORBOARD_PYTHON="$PWD/.venv-tensorboard/bin/python"
fi
"$DCGAN4J_TENSORBOARD_PYTHON" -c 'import tensorboard; print("test: tensorboard", tensorboard.__version__, "for the event-file tests")'

exec mvn -B verify "$@"
