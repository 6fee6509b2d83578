#!/usr/bin/env python3
"""The PyTorch DCGAN example's recipe, shortened to 28x28, trained on the real MNIST files.

    /usr/bin/python3 benchmarks/pytorch/recipe.py --data ../shared/mnist --epochs 5 --out recipe-samples.f32

Recipe (issue "Better digits per CPU-minute"): BCE, Adam 2e-4 with beta1 0.5, batch 64, N(0, 0.02) init,
G: ConvTranspose(100->256, k7) BN ReLU, ConvTranspose(256->128, k4 s2 p1) BN ReLU, ConvTranspose(128->1,
k4 s2 p1) Tanh; D mirrored with LeakyReLU 0.2. Pixels in [-1, 1]. Writes `--samples` generated images
(seeded) as raw float32 [N, 1, 28, 28] for `dcgan evaluate --images`, and prints seconds per epoch.

Time to quality (docs/performance.md): `--snapshot-every 60 --snapshot-dir DIR --minutes 15` also writes the samples
every 60 s of training (the clock stops while sampling) as DIR/minutes_MMM.MM.f32, and stops after 15 training
minutes; `Dcgan.Benchmarks quality --images DIR` scores them.
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def read_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 2051, f"{path}: not an IDX image file"
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 1, rows, cols)


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def train_epoch(g, d, opt_g, opt_d, data, batch=64, latent=100, after_step=lambda: False):
    """One epoch of the example's loop: D on a real and a fake batch, then G through the updated D; returns the last losses.
    after_step() is called after every step; returning True ends the epoch there."""
    ones, zeros = torch.ones(batch), torch.zeros(batch)
    order = torch.randperm(len(data))
    for b in range(len(data) // batch):
        real = data[order[b * batch:(b + 1) * batch]]
        opt_d.zero_grad()
        fake = g(torch.randn(batch, latent, 1, 1))
        loss_d = F.binary_cross_entropy_with_logits(d(real).view(-1), ones) + \
            F.binary_cross_entropy_with_logits(d(fake.detach()).view(-1), zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = F.binary_cross_entropy_with_logits(d(fake).view(-1), ones)
        loss_g.backward()
        opt_g.step()
        if after_step():
            break
    return loss_d.item(), loss_g.item()


def write_samples(g, count, path):
    """count samples from noise seeded 0, in evaluation mode, as raw float32; g is left as it was."""
    was_training = g.training
    g.eval()
    state = torch.get_rng_state()
    torch.manual_seed(0)
    with torch.no_grad():
        samples = torch.cat([g(torch.randn(1000, 100, 1, 1)) for _ in range(count // 1000)])
    torch.set_rng_state(state)
    g.train(was_training)
    samples.numpy().astype(np.float32).tofile(path)
    return samples.shape[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, default=10000)
    parser.add_argument("--out", default="recipe-samples.f32")
    parser.add_argument("--snapshot-every", type=float, default=0, help="seconds of training between snapshots; 0 for none")
    parser.add_argument("--snapshot-dir", default="recipe-snapshots")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this many training minutes; 0 for no limit")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    g = nn.Sequential(
        nn.ConvTranspose2d(100, 256, 7, 1, 0, bias=False), nn.BatchNorm2d(256), nn.ReLU(True),
        nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(True),
        nn.ConvTranspose2d(128, 1, 4, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 128, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(128, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2, True),
        nn.Conv2d(256, 1, 7, 1, 0, bias=False))
    g.apply(init_weights)
    d.apply(init_weights)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    data = torch.from_numpy(read_images(f"{args.data}/train-images-idx3-ubyte.gz").copy()).float() / 127.5 - 1
    # The training clock: seconds of training only (snapshots stop it).
    clock = {"trained": 0.0, "since": time.perf_counter(), "next": args.snapshot_every, "stop": False}

    def after_step():
        now = time.perf_counter()
        clock["trained"] += now - clock["since"]
        clock["since"] = now
        if args.snapshot_every > 0 and clock["trained"] >= clock["next"]:
            os.makedirs(args.snapshot_dir, exist_ok=True)
            path = os.path.join(args.snapshot_dir, f"minutes_{clock['trained'] / 60:06.2f}.f32")
            write_samples(g, args.samples, path)
            print(f"{clock['trained'] / 60:.2f} training minutes: wrote {path}", flush=True)
            clock["next"] += args.snapshot_every
            clock["since"] = time.perf_counter()
        clock["stop"] = args.minutes > 0 and clock["trained"] >= args.minutes * 60
        return clock["stop"]

    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        loss_d, loss_g = train_epoch(g, d, opt_g, opt_d, data, after_step=after_step)
        print(f"epoch {epoch}: {time.perf_counter() - start:.1f} s, D loss {loss_d:.3f}, G loss {loss_g:.3f}", flush=True)
        if clock["stop"]:
            break

    count = write_samples(g, args.samples, args.out)
    print(f"wrote {args.out}: {count} samples")


if __name__ == "__main__":
    main()
