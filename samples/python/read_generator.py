#!/usr/bin/env python3
"""Read a Dcgan generator file with PyTorch alone and run it.

A Dcgan generator file (format versions 2 and 3) is a safetensors file: a little-endian u64 header length, a
JSON header (tensor name -> dtype, shape, byte range, plus a "__metadata__" object of strings), then the
raw tensor bytes. This script reads it by hand (Debian 12 has no safetensors package), rebuilds the
generator in PyTorch from the metadata, loads the weights under the same state-dict names, and either

  * writes a grid of generated digits as a PGM image:
        /usr/bin/python3 read_generator.py outputs/generator.dcgan --count 16 --out grid.pgm
  * or checks that PyTorch computes what Dcgan computed for the same noise (used by the tests):
        /usr/bin/python3 read_generator.py generator.dcgan --noise noise.f32 --expected images.f32

Nothing in the file is executed: it is parsed as JSON and bytes only.
"""
import argparse
import json
import struct
import sys

import math

import numpy as np
import torch
from torch import nn

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8}


def standard_normal_noise(count, latent, seed):
    """Dcgan's noise contract (docs/embedding.md): xoshiro128** seeded by SplitMix32, Box-Muller, float32.

    The same seed gives the same noise as Dcgan's C# backends and the browser, so the same digits.
    """
    mask = 0xFFFFFFFF

    def splitmix32(state):
        state = (state + 0x9E3779B9) & mask
        z = state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & mask
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & mask
        return state, z ^ (z >> 16)

    def rotl(x, k):
        return ((x << k) | (x >> (32 - k))) & mask

    low, high = seed & mask, (seed >> 32) & mask
    low, s0 = splitmix32(low)
    low, s1 = splitmix32(low)
    high, s2 = splitmix32(high)
    high, s3 = splitmix32(high)
    total = count * latent
    values = np.empty(total, dtype=np.float32)
    for i in range(0, total, 2):
        pair = []
        for _ in range(2):
            pair.append((rotl((s1 * 5) & mask, 7) * 9) & mask)
            t = (s1 << 9) & mask
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= t
            s3 = rotl(s3, 11)
        u = (pair[0] + 1.0) / 4294967296.0
        v = pair[1] / 4294967296.0
        r = math.sqrt(-2.0 * math.log(u))
        values[i] = r * math.cos(2.0 * math.pi * v)
        if i + 1 < total:
            values[i + 1] = r * math.sin(2.0 * math.pi * v)
    return values.reshape(count, latent)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = bytearray(data[start + begin:start + end])
        tensors[name] = torch.frombuffer(raw, dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    return metadata, tensors


class Generator(nn.Module):
    """The DCGAN generator as Dcgan builds it (docs/architecture.md), PyTorch DCGAN example names."""

    def __init__(self, latent, image_size, channels, feature_maps, classes=0):
        super().__init__()
        self.classes = classes
        base = 7 if image_size == 28 else 4
        doublings = {28: 2, 32: 3, 64: 4}[image_size]
        width = feature_maps << (doublings - 1)
        # A class-conditional generator takes the one-hot label beside the noise (docs/conditional.md).
        layers = [nn.ConvTranspose2d(latent + classes, width, base, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(True)]
        for _ in range(1, doublings):
            layers += [nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(True)]
            width //= 2
        layers += [nn.ConvTranspose2d(width, channels, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, noise, labels=None):
        noise = noise.view(noise.shape[0], -1, 1, 1)
        if self.classes:
            # Without labels, cycle through the classes as Dcgan's Generate(noise) does.
            labels = torch.arange(noise.shape[0]) % self.classes if labels is None else labels
            one_hot = nn.functional.one_hot(labels, self.classes).to(noise.dtype).view(noise.shape[0], self.classes, 1, 1)
            noise = torch.cat([noise, one_hot], 1)
        return self.main(noise)


def load(path):
    metadata, tensors = read_safetensors(path)
    if metadata.get("format") != "dcgan" or metadata.get("kind") != "generator":
        sys.exit(f"{path} is not a Dcgan generator file")
    if int(metadata["format_version"]) > 3:
        sys.exit(f"{path} has format version {metadata['format_version']}; this script reads up to 3")
    generator = Generator(int(metadata["latent_size"]), int(metadata["image_size"]), int(metadata["channels"]),
                          int(metadata["generator_feature_maps"]), int(metadata.get("class_count", "0")))
    generator.load_state_dict(tensors, strict=True)
    return generator.eval(), metadata


def write_pgm(images, path, columns):
    images = ((images.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)[:, 0]
    count, size, _ = images.shape
    rows = (count + columns - 1) // columns
    grid = torch.zeros(rows * (size + 2) + 2, columns * (size + 2) + 2, dtype=torch.uint8)
    for i in range(count):
        top, left = 2 + (i // columns) * (size + 2), 2 + (i % columns) * (size + 2)
        grid[top:top + size, left:left + size] = images[i]
    with open(path, "wb") as f:
        f.write(f"P5 {grid.shape[1]} {grid.shape[0]} 255\n".encode())
        f.write(grid.numpy().tobytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="grid.pgm")
    parser.add_argument("--noise", help="raw float32 noise [N, latent] written by Dcgan")
    parser.add_argument("--label", type=int, help="for a class-conditional generator, the class of every image (default: cycle)")
    parser.add_argument("--expected", help="raw float32 images [N, C, H, W] Dcgan generated from --noise")
    parser.add_argument("--raw-out", help="also write the images as raw float32 [N, C, H, W]")
    args = parser.parse_args()

    torch.set_num_threads(2)
    generator, metadata = load(args.model)
    latent = int(metadata["latent_size"])
    with torch.no_grad():
        if args.noise:
            noise = torch.frombuffer(bytearray(open(args.noise, "rb").read()), dtype=torch.float32).reshape(-1, latent)
            images = generator(noise)
            expected = torch.frombuffer(bytearray(open(args.expected, "rb").read()), dtype=torch.float32).reshape(images.shape)
            difference = (images - expected).abs().max().item()
            print(f"max abs difference {difference:.3g} over {images.numel()} values")
            sys.exit(0 if difference < 1e-4 else 1)
        labels = None if args.label is None else torch.full((args.count,), args.label, dtype=torch.long)
        noise = torch.from_numpy(standard_normal_noise(args.count, latent, args.seed))
        images = generator(noise, labels)
        write_pgm(images, args.out, columns=max(1, int(args.count ** 0.5)))
        if args.raw_out:
            with open(args.raw_out, "wb") as f:
                f.write(images.numpy().astype(np.float32).tobytes())
        classes = json.loads(metadata.get("class_names", "[]"))
        shown = "" if not classes else f", class {classes[args.label]}" if args.label is not None else f", cycling through classes {classes}"
        print(f"wrote {args.out}: {args.count} digits from {args.model}{shown} (trained {metadata.get('training', 'unknown')})")


if __name__ == "__main__":
    main()
