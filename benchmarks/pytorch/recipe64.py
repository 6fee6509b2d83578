#!/usr/bin/env python3
"""The PyTorch DCGAN example (pytorch/examples dcgan/main.py) at 64x64 in colour, on a folder of images.

    /usr/bin/python3 benchmarks/pytorch/recipe64.py --images ../shared/emoji-64 --epochs 1 --limit 640

Networks exactly as the example's (nz 100, ngf 64, ndf 64, nc 3): G ConvTranspose 100->512 (k4) BN ReLU, 512->256,
256->128, 128->64 (k4 s2 p1) BN ReLU, 64->3 Tanh; D Conv 3->64 (k4 s2 p1) LeakyReLU 0.2, 64->128, 128->256, 256->512
BN LeakyReLU, 512->1 (k4) (the example's Sigmoid folded into the loss). BCE, Adam 2e-4 with beta1 0.5, batch 64,
N(0, 0.02) init. Images as the example reads them with ImageFolder + Resize + CenterCrop, except that transparency is
composited onto white (as Dcgan's image-folder source does by default) before conversion to RGB. Prints seconds per
epoch and images per second: the figure `docs/datasets.md` sets against `dcgan train --images ... --image-size 64`.
Needs Debian's python3-torch and python3-pil; a reference for comparisons only.
"""
import argparse
import os
import time

import numpy as np
import torch
from torch import nn
from PIL import Image

from recipe import init_weights, train_epoch  # the same loop and initialisation as the 28 px recipe

EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga", ".webp")


def read_folder(root, size, limit):
    paths = sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files if f.lower().endswith(EXTENSIONS))
    if limit:
        paths = paths[:limit]
    images = np.empty((len(paths), 3, size, size), dtype=np.uint8)
    for i, path in enumerate(paths):
        with Image.open(path) as image:
            rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(background, rgba).convert("RGB")
        scale = size / min(rgb.size)
        rgb = rgb.resize((max(size, round(rgb.width * scale)), max(size, round(rgb.height * scale))), Image.BILINEAR)
        left, top = (rgb.width - size) // 2, (rgb.height - size) // 2
        images[i] = np.asarray(rgb.crop((left, top, left + size, top + size))).transpose(2, 0, 1)
    return torch.from_numpy(images).float() / 127.5 - 1


def networks(nz=100, ngf=64, ndf=64, nc=3):
    g = nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False))
    g.apply(init_weights)
    d.apply(init_weights)
    return g, d


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="first N files (sorted paths) only")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    data = read_folder(args.images, 64, args.limit)
    g, d = networks()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batch = 64
    steps = len(data) // batch
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        loss_d, loss_g = train_epoch(g, d, opt_g, opt_d, data, batch)
        seconds = time.perf_counter() - start
        print(f"epoch {epoch}: {seconds:.1f} s, {steps * batch / seconds:.1f} images/s, D loss {loss_d:.3f}, G loss {loss_g:.3f}", flush=True)


if __name__ == "__main__":
    main()
