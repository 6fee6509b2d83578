#!/usr/bin/env python3
"""Builds a large folder of 64x64 RGB PNGs from the emoji: each in eight orientations, then again with its colour
channels rotated, until TOTAL files. Usage: make_folder.py ../shared/emoji-64 /tmp/emoji50k 50000 (needs python3-pil)."""
import os, sys
from PIL import Image, ImageOps
src, dst, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(f for f in os.listdir(src) if f.endswith(".png"))
ops = [None, Image.FLIP_LEFT_RIGHT, Image.FLIP_TOP_BOTTOM, Image.ROTATE_90, Image.ROTATE_180, Image.ROTATE_270, Image.TRANSPOSE, Image.TRANSVERSE]
n = 0
for variant in range(16):
    folder = os.path.join(dst, f"v{variant:02d}")
    os.makedirs(folder, exist_ok=True)
    for f in files:
        if n >= total:
            sys.exit(0)
        with Image.open(os.path.join(src, f)) as im:
            im = im.convert("RGBA")
        if ops[variant % 8] is not None:
            im = im.transpose(ops[variant % 8])
        if variant >= 8:
            r, g, b, a = im.split()
            im = Image.merge("RGBA", (b, r, g, a))  # colours rotated: a different image of the same kind
        im.save(os.path.join(folder, f), compress_level=1)
        n += 1
