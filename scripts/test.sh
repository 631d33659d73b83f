#!/usr/bin/env bash
# Builds seq and runs the whole test suite (lit + GoogleTest, through ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check-halide-isolation.sh
bash scripts/build.sh
BUILD_DIR=${SEQ_BUILD_DIR:-build}
ctest --test-dir "$BUILD_DIR" --output-on-failure
