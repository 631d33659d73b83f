//===- RuntimeSymbols.cpp - Functions generated code calls ----------------===//
//
// The MLIR lowering of memref.copy calls `memrefCopy` from MLIR's C runner
// utils for copies it cannot inline. seq's runtime provides its own (so that
// AOT objects link against SeqRuntimeCore alone); the JIT resolves the name
// to that same function.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/LLVMCPU/CPUModule.h"

#include "seq/Runtime/MemrefCopy.h"

void mlir::seq::registerRuntimeSymbols(
    llvm::function_ref<void(llvm::StringRef, void *)> add) {
  add("memrefCopy", reinterpret_cast<void *>(&memrefCopy));
}
