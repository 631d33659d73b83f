//===- MemrefCopy.h - The copy routine compiled models call -----*- C++ -*-===//
//
// MLIR lowers a `memref.copy` it cannot inline (non-contiguous or unknown
// layouts) to a call of `memrefCopy`, which MLIR ships in its C runner utils.
// seq provides the same function in its std-only runtime so that JIT-compiled
// code and `seqc compile` objects need no MLIR library at run time.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_MEMREFCOPY_H
#define SEQ_RUNTIME_MEMREFCOPY_H

#include <cstdint>

namespace seq::runtime {

/// An unranked memref as the LLVM lowering passes it: the rank and a pointer
/// to the ranked descriptor (two pointers, the offset, `rank` sizes, then
/// `rank` strides, all in elements).
struct UnrankedMemRefRef {
  int64_t rank;
  void *descriptor;
};

} // namespace seq::runtime

/// Copies the `elemSize`-byte elements of `src` to `dst`: same sizes, any
/// strides. The symbol and signature are those of MLIR's C runner utils.
extern "C" void memrefCopy(int64_t elemSize,
                           seq::runtime::UnrankedMemRefRef *src,
                           seq::runtime::UnrankedMemRefRef *dst);

#endif // SEQ_RUNTIME_MEMREFCOPY_H
