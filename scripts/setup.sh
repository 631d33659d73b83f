#!/usr/bin/env bash
# Installs the Debian 12 packages seq needs (see shared DESIGN.md), only those
# that are missing. Safe to run again; needs root for apt-get.
set -euo pipefail

PACKAGES=(
  cmake ninja-build ccache g++ git python3
  libmlir-19-dev mlir-19-tools llvm-19-dev llvm-19-tools  # MLIR/LLVM 19
  libhalide14-0-dev                                       # Halide backend
  libgtest-dev libbenchmark-dev                           # tests, benchmarks
  libdnnl-dev libomp-19-dev                               # GEMMs, threads
  python3-numpy python3-torch                             # test oracles only
  libopenblas0-pthread                                    # their BLAS (peers in bench/)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#PACKAGES[@]} packages present"
fi
