#!/usr/bin/env bash
# The main job: install what is missing, build, then compile and run an
# example model (minGRU) on the reference interpreter and summarize it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh seqc seq-opt
BUILD_DIR=${SEQ_BUILD_DIR:-build}
echo "== seqc run examples/min-gru.seq (T=64, B=4; random weights and input, seed 0)"
"$BUILD_DIR"/bin/seqc run examples/min-gru.seq --dim T=64 --dim B=4 --seed=0 \
  -o "$BUILD_DIR"/min-gru-out.safetensors
echo "== outputs written to $BUILD_DIR/min-gru-out.safetensors"
