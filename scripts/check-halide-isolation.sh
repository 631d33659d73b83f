#!/usr/bin/env bash
# The Halide isolation rule (DESIGN.md): no source file may include both
# Halide.h and an LLVM/MLIR header (two LLVMs in one process).
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  if grep -qE '#include [<"](llvm|mlir)/' "$f"; then
    echo "error: $f includes both Halide.h and LLVM/MLIR headers" >&2
    bad=1
  fi
done < <(grep -rlE '#include [<"]Halide\.h[>"]' --include='*.cpp' --include='*.h' \
           frontends dialects compiler runtime test bench examples 2>/dev/null || true)
exit $bad
