#!/usr/bin/env bash
# The streaming measurement of docs/datasets.md ("Sets larger than memory"): peak memory and images/s of an image
# folder trained from a memory-mapped cache file against the same folder held in memory. Run alone, from the
# repository root, after `dotnet build samples/Dcgan.Cli -c Release`:
#   benchmarks/streaming/run.sh /tmp/emoji50k
set -euo pipefail
FOLDER=${1:?usage: run.sh FOLDER}
CLI=samples/Dcgan.Cli/bin/Release/net10.0/linux-x64/dcgan
WORK=$(mktemp -d)
COMMON="--images $FOLDER --image-size 64 --epochs 1 --batch-size 64 --generator-features 16 --discriminator-features 16 --minibatch-discrimination 0 --minibatch-stddev false --average-decay 0 --threads 2"
run() { # name, extra options
  /usr/bin/time -v $CLI train $COMMON $2 --output "$WORK/$1" > "$WORK/$1.log" 2> "$WORK/$1.time"
  echo "$1: $(grep -E '│ 1 ' "$WORK/$1.log" | tail -1)"
  grep -E "Maximum resident" "$WORK/$1.time"
}
run all-cache "--cache $WORK/all.u8"
for round in 1 2; do
  run "cache-5000-$round" "--limit 5000 --cache $WORK/first.u8"
  run "memory-5000-$round" "--limit 5000"
done
run all-memory ""
