#!/usr/bin/env python3
"""PyTorch reference for Dcgan's training-step speed: the same layers, batch, losses and optimizers.

Run with Debian's PyTorch 1.13 (`/usr/bin/python3`, packages python3-torch and libopenblas0-openmp):

    /usr/bin/python3 benchmarks/pytorch/dcgan_step.py --steps 200 --threads 2

It builds Dcgan's default 28 px DCGAN (latent 100, 64 feature maps; docs/architecture.md), preloads
`--images` random images in [-1, 1] into one tensor (Dcgan preloads MNIST the same way; pixel values do not
change the arithmetic), and runs the same step as Dcgan's AdversarialTrainer: D on a real and a detached
fake batch (BCE on logits), then G with the non-saturating loss, Adam(2e-4, 0.5, 0.999). It prints one
line: `images_per_second=<value>`, measured over `--steps` steps after `--warmup` steps.
"""
import argparse
import time

import torch
from torch import nn
import torch.nn.functional as F


def generator(latent=100, ngf=64):
    return nn.Sequential(
        nn.ConvTranspose2d(latent, ngf * 2, 7, 1, 0, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, 1, 4, 2, 1, bias=False), nn.Tanh())


def discriminator(ndf=64):
    return nn.Sequential(
        nn.Conv2d(1, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 2, 1, 7, 1, 0, bias=False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--images", type=int, default=6400)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)  # Debian's build defaults to 1 here
    torch.manual_seed(0)
    g, d = generator(), discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    data = torch.rand(args.images, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(args.batch), torch.zeros(args.batch)
    batches = args.images // args.batch

    def step(i):
        index = torch.randperm(args.images)[:args.batch] if i % batches == 0 else torch.arange(args.batch) + (i % batches) * args.batch
        real = data.index_select(0, index)
        opt_d.zero_grad()
        real_logits = d(real).view(-1)
        fake = g(torch.randn(args.batch, 100, 1, 1))
        fake_logits = d(fake.detach()).view(-1)
        loss_d = F.binary_cross_entropy_with_logits(real_logits, ones) + F.binary_cross_entropy_with_logits(fake_logits, zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = F.binary_cross_entropy_with_logits(d(fake).view(-1), ones)
        loss_g.backward()
        opt_g.step()
        return loss_d.item() + loss_g.item()

    for i in range(args.warmup):
        step(i)
    start = time.perf_counter()
    for i in range(args.steps):
        step(i)
    elapsed = time.perf_counter() - start
    print(f"images_per_second={args.steps * args.batch / elapsed:.1f} torch={torch.__version__} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    main()
