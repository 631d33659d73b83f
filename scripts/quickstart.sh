#!/usr/bin/env bash
# The main job: install what is missing, build, then compile an example model
# (minGRU) to the seq dialect and run it on the CPU (compiled through MLIR and
# LLVM), printing a summary of its outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh seqc seq-opt
BUILD_DIR=${SEQ_BUILD_DIR:-build}
echo "== seqc --emit=mlir examples/min-gru.seq --dim D=64 (the seq IR; T and B stay dynamic)"
"$BUILD_DIR"/bin/seqc --emit=mlir examples/min-gru.seq --dim D=64
echo "== seqc run examples/min-gru.seq (D=64, T=64, B=4; random weights and input, seed 0)"
"$BUILD_DIR"/bin/seqc run examples/min-gru.seq --dim D=64 --dim T=64 --dim B=4 --seed=0 \
  -o "$BUILD_DIR"/min-gru-out.safetensors
echo "== outputs written to $BUILD_DIR/min-gru-out.safetensors"
