#!/usr/bin/env bash
# Installs seq from BUILD_DIR into a scratch prefix, builds examples/cpp (a
# program using the C++ API) against the installed package with
# find_package(Seq), and runs it. Usage: installed-example.sh SRC BUILD SCRATCH
set -euo pipefail
src=$1 build=$2 scratch=$3
rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -G Ninja -S "$src/examples/cpp" -B "$scratch/build" \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$scratch/build" >/dev/null
"$scratch/build/jit-models" "$src/examples"
