"""Reads a folder of TensorBoard event files with TensorBoard's own reader and prints what it
found as one JSON object on stdout:

  {"scalars": {tag: [[step, value], ...]},
   "images":  {tag: [[step, width, height, base64 PNG], ...]},
   "texts":   {tag: [[step, text], ...]}}

Usage: python read_events.py FOLDER   (the python of a venv with `pip install tensorboard`)
"""
import base64
import json
import sys

from tensorboard.backend.event_processing import event_accumulator as ea

folder = sys.argv[1]
# 0 = keep every event (the default keeps a sample of each tag's events).
acc = ea.EventAccumulator(folder, size_guidance={ea.SCALARS: 0, ea.IMAGES: 0, ea.TENSORS: 0})
acc.Reload()
tags = acc.Tags()
out = {"scalars": {}, "images": {}, "texts": {}}
for tag in tags[ea.SCALARS]:
    out["scalars"][tag] = [[e.step, e.value] for e in acc.Scalars(tag)]
for tag in tags[ea.IMAGES]:
    out["images"][tag] = [[e.step, e.width, e.height, base64.b64encode(e.encoded_image_string).decode("ascii")]
                          for e in acc.Images(tag)]
for tag in tags[ea.TENSORS]:
    if acc.SummaryMetadata(tag).plugin_data.plugin_name == "text":
        out["texts"][tag] = [[e.step, e.tensor_proto.string_val[0].decode("utf-8")] for e in acc.Tensors(tag)]
json.dump(out, sys.stdout)
