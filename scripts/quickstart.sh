#!/usr/bin/env bash
# The main job: install what is missing, build, then compile and run an
# example model (minGRU) on the reference interpreter and summarize it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh seqc seq-opt
BUILD_DIR=${SEQ_BUILD_DIR:-build}
echo "== seqc --emit=ast examples/min-gru.seq (parse and check; first lines)"
"$BUILD_DIR"/bin/seqc --emit=ast examples/min-gru.seq --dim D=64 | head -n 12
# TODO(#2): run examples/min-gru.seq itself once MLIRGen lands; until then
# its seq IR, written by hand, runs on the reference interpreter.
echo "== seqc run examples/ir/min-gru.mlir (T=64, B=4; random weights and input, seed 0)"
"$BUILD_DIR"/bin/seqc run examples/ir/min-gru.mlir --dim T=64 --dim B=4 --seed=0 \
  -o "$BUILD_DIR"/min-gru-out.safetensors
echo "== outputs written to $BUILD_DIR/min-gru-out.safetensors"
