#!/usr/bin/env bash
# Downloads the full MNIST data set (60,000 training + 10,000 test digits, IDX .gz files) and
# verifies each file's MD5. Usage: scripts/download-mnist.sh [DEST_DIR]   (default: data/mnist)
# Then train on it with: scripts/train.sh --data data/mnist
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$home/data/mnist}"
mirrors=(
  "https://ossci-datasets.s3.amazonaws.com/mnist"
  "https://storage.googleapis.com/cvdf-datasets/mnist"
)
declare -A md5=(
  [train-images-idx3-ubyte.gz]=f68b3c2dcbeaaa9fbdd348bbdeb94873
  [train-labels-idx1-ubyte.gz]=d53e105ee54ea40749a09fcbcd1e9432
  [t10k-images-idx3-ubyte.gz]=9fb629c4189551a2d022fa330f9573f3
  [t10k-labels-idx1-ubyte.gz]=ec29112dd5afa0611ce80d1b7f02629c
)
mkdir -p "$dest"
verified() { [[ -f "$1" ]] && [[ "$(md5sum "$1" | cut -d' ' -f1)" == "$2" ]]; }

for name in "${!md5[@]}"; do
  target="$dest/$name"
  if verified "$target" "${md5[$name]}"; then
    echo "ok (already there): $target"; continue
  fi
  if [[ -e "$target" ]]; then
    echo "download-mnist: $target exists but its MD5 is wrong; move it away and run again" >&2
    exit 1
  fi
  tmp="$target.part"
  got=""
  for mirror in "${mirrors[@]}"; do
    if curl -fsSL --retry 2 -o "$tmp" "$mirror/$name" && verified "$tmp" "${md5[$name]}"; then
      got="$mirror"; break
    fi
  done
  if [[ -z "$got" ]]; then
    rm -f "$tmp"
    echo "download-mnist: could not download a verified $name from any mirror (${mirrors[*]})" >&2
    exit 1
  fi
  mv "$tmp" "$target"
  echo "ok: $target (from $got)"
done
echo "MNIST is in $dest"
